// The contingency fund for schools in financial difficulty (Havering schools forum report
// 2024-25): the fund's size, schools' applications, the finance officer's decisions and
// conversions to academies. Every read and change is audited with ids and amounts, never the
// evidence written. Decisions and the fund's size are checked against the fund inside one
// transaction that locks the fund's row, so two decisions at once cannot agree more than the fund.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import {
  invalid as invalidForm,
  notFound,
  saved,
  type FormOutcome,
  type Invalid,
} from '../../platform/form-outcome.ts';
import { mayReadFunding } from '../../platform/policies.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { validate } from '../../platform/validation.ts';
import { yearExists } from '../years/repository.ts';
import { applicationSchema, conversionSchema, decisionSchema, fundSchema } from './forms.ts';
import {
  applicationsOf,
  fundOf,
  insertApplication,
  isMaintained,
  saveConversion,
  saveDecision,
  saveFund,
  schoolsOf,
  type Reader,
} from './repository.ts';
import { agreementProblem, fundPosition, fundProblem } from './rules.ts';

export const FUND_RECORD = 'funding-contingency-fund';
export const APPLICATION_RECORD = 'funding-contingency-application';

/** Funding readers see every application; anyone else sees only their own schools'. */
const seesAll = (user: CurrentUser) => mayReadFunding(user.roles);

export type Outcome = FormOutcome<{ id?: number }>;

const invalid = (field: string, text: string): Invalid => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

export function contingencyService(db: Db, clock: Clock) {
  /** The user's own schools that may apply this year: maintained, and not applied already. */
  async function schoolsToApply(trx: Reader, user: CurrentUser, year: string) {
    if (user.schoolUrns.length === 0) return [];
    const applied = new Set((await applicationsOf(trx, year, user.schoolUrns)).map((row) => row.urn));
    return (await schoolsOf(trx, user.schoolUrns))
      .filter((school) => school.maintained && !applied.has(school.urn))
      .map((school) => ({ urn: school.urn, name: school.name }));
  }

  /** The fund (its row locked until the transaction ends), every application of the year, and the one decided. */
  async function decisionContext(trx: Reader, year: string, id: number) {
    const fund = await fundOf(trx, year, { lock: true });
    const all = await applicationsOf(trx, year);
    return { fund, all, application: all.find((row) => row.id === id) };
  }

  return {
    yearExists: (year: string) => yearExists(db, year),

    /** The fund and the applications the user may see; the fund's position for those who see them all. */
    async overview(actor: Actor, user: CurrentUser, year: string) {
      return db.transaction().execute(async (trx) => {
        const all = seesAll(user);
        const applications = await applicationsOf(trx, year, all ? undefined : user.schoolUrns);
        const fund = await fundOf(trx, year);
        await audit(trx, actor, {
          action: 'view list',
          recordType: APPLICATION_RECORD,
          details: { year, shown: applications.length },
        });
        return {
          fund,
          applications,
          position: all && fund ? fundPosition(fund.pence, applications) : undefined,
          schoolsToApply: await schoolsToApply(trx, user, year),
        };
      });
    },

    schoolsToApply: (user: CurrentUser, year: string) => schoolsToApply(db, user, year),

    /** One application the user may see, with the fund's position for those who see them all. */
    async application(actor: Actor, user: CurrentUser, year: string, id: number) {
      return db.transaction().execute(async (trx) => {
        const all = seesAll(user);
        const applications = await applicationsOf(trx, year, all ? undefined : user.schoolUrns);
        const application = applications.find((row) => row.id === id);
        if (!application) return undefined;
        const fund = await fundOf(trx, year);
        await audit(trx, actor, {
          action: 'view',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn: application.urn },
        });
        return { application, fund, position: all && fund ? fundPosition(fund.pence, applications) : undefined };
      });
    },

    async fund(year: string) {
      return fundOf(db, year);
    },

    /** Sets the fund's size: never below what is already agreed. */
    async setFund(actor: Actor, year: string, body: unknown): Promise<Outcome> {
      const form = validate(fundSchema, body);
      if (!form.ok) return invalidForm(form);
      return db.transaction().execute(async (trx) => {
        const before = await fundOf(trx, year, { lock: true });
        const problem = fundProblem(form.data.fund, await applicationsOf(trx, year));
        if (problem) return invalid('fund', problem);
        await saveFund(trx, year, form.data.fund, actor.userId, clock.now());
        await audit(trx, actor, {
          action: 'set',
          recordType: FUND_RECORD,
          recordId: year,
          details: { fundPence: form.data.fund, previousPence: before?.pence ?? null },
        });
        return saved('The size of the fund has been saved');
      });
    },

    /** A school user applies for one of their own schools; another school's URN is refused. */
    async apply(actor: Actor, user: CurrentUser, year: string, body: unknown): Promise<Outcome> {
      const form = validate(applicationSchema, body);
      if (!form.ok) return invalidForm(form);
      const { urn, deficit, asked, evidence } = form.data;
      if (!user.schoolUrns.includes(urn))
        throw new ForbiddenError('You can only apply for your own school', 'You cannot apply for this school');
      return db.transaction().execute(async (trx) => {
        if (!(await isMaintained(trx, urn)))
          return invalid('urn', 'Only maintained schools can apply: the fund comes from maintained schools’ budgets');
        if ((await applicationsOf(trx, year, [urn])).length)
          return invalid('urn', `This school has already applied for ${year}`);
        const id = await insertApplication(trx, { year, urn, deficit, asked, evidence, appliedBy: actor.userId });
        await audit(trx, actor, {
          action: 'apply',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn, deficitPence: deficit, askedPence: asked },
        });
        return saved('Your application has been sent', { id });
      });
    },

    /** Agrees (the proposed or a different amount) or declines a waiting application, within the fund and the deficit. */
    async decide(actor: Actor, year: string, id: number, body: unknown): Promise<Outcome> {
      const form = validate(decisionSchema, body);
      return db.transaction().execute(async (trx) => {
        const { fund, all, application } = await decisionContext(trx, year, id);
        if (!application) return notFound;
        if (!form.ok) return invalidForm(form);
        if (application.status !== 'submitted')
          return invalid('decision', 'A decision has already been recorded for this application');
        const decided = { by: actor.userId, at: clock.now() };
        if (form.data.decision === 'decline') {
          await saveDecision(trx, id, { status: 'declined', allocatedPence: null, note: form.data.reason, ...decided });
          await audit(trx, actor, {
            action: 'decline',
            recordType: APPLICATION_RECORD,
            recordId: id,
            details: { year, urn: application.urn },
          });
          return saved(`The application from ${application.schoolName} has been declined`, { id });
        }
        const amount =
          form.data.decision === 'different'
            ? form.data.amountPence
            : fund
              ? (fundPosition(fund.pence, all).shares.proposals.get(id) ?? 0)
              : 0;
        const problem = agreementProblem(amount, application, fund?.pence, all);
        if (problem) return invalid(form.data.decision === 'different' ? 'amount' : 'decision', problem);
        await saveDecision(trx, id, { status: 'agreed', allocatedPence: amount, note: '', ...decided });
        await audit(trx, actor, {
          action: 'agree',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn: application.urn, allocatedPence: amount, proposed: form.data.decision === 'proposed' },
        });
        return saved(`An allocation has been agreed for ${application.schoolName}`, { id });
      });
    },

    /** Records the date the school became an academy; an agreed allocation stands (see ./rules.ts). */
    async recordConversion(actor: Actor, year: string, id: number, body: unknown): Promise<Outcome> {
      const form = validate(conversionSchema(year), withDateInputs(body, ['convertedOn']));
      return db.transaction().execute(async (trx) => {
        const [application] = (await applicationsOf(trx, year)).filter((row) => row.id === id);
        if (!application) return notFound;
        if (!form.ok) return invalidForm(form);
        await saveConversion(trx, id, form.data.convertedOn);
        await audit(trx, actor, {
          action: 'record academy conversion',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn: application.urn, convertedOn: form.data.convertedOn },
        });
        const stands = application.status === 'agreed' ? ': its agreed allocation stands' : '';
        return saved(`${application.schoolName} became an academy${stands}`, { id });
      });
    },
  };
}

export type ContingencyService = ReturnType<typeof contingencyService>;
