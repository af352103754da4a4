// The contingency fund for schools in financial difficulty [seed 001]: the fund's size, schools'
// applications, the finance officer's decisions and conversions to academies. Every read and
// change is audited with ids and amounts, never the evidence written. Decisions and the fund's
// size are checked against the fund inside one transaction that locks the fund's row, so two
// decisions at once cannot agree more than the fund.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { CurrentUser, Role } from '../../platform/roles.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { schoolName } from '../../schools/service.ts';
import { agreementProblem, fundPosition, fundProblem, type Application } from './rules.ts';
import { applicationSchema, conversionSchema, decisionSchema, fundSchema } from './schemas.ts';

type Reader = Kysely<Database>;
export const FUND_RECORD = 'funding-contingency-fund';
export const APPLICATION_RECORD = 'funding-contingency-application';

/** Who sees every application; anyone else sees only their own schools'. */
const SEE_ALL: readonly Role[] = ['finance_officer', 'admin', 'analyst'];
const seesAll = (user: CurrentUser) => user.roles.some((role) => SEE_ALL.includes(role));

export type Outcome =
  | { kind: 'saved'; id?: number; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' };

const invalid = (field: string, text: string): Outcome => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

export interface ApplicationRow extends Application {
  urn: number;
  schoolName: string;
  evidence: string;
  decisionNote: string;
  decidedAt: Date | null;
  convertedOn: string | null;
  appliedAt: Date;
}

async function applicationsOf(db: Reader, year: string, urns?: readonly number[]): Promise<ApplicationRow[]> {
  if (urns && urns.length === 0) return [];
  let query = db
    .selectFrom('funding_contingency_applications as a')
    .leftJoin('schools', 'schools.urn', 'a.urn')
    .selectAll('a')
    .select('schools.name as school_name')
    .where('a.year', '=', year);
  if (urns) query = query.where('a.urn', 'in', urns);
  const rows = await query.orderBy('a.urn').execute();
  return rows.map((row) => ({
    id: row.id,
    urn: row.urn,
    schoolName: schoolName({ urn: row.urn, name: row.school_name }),
    deficitPence: Number(row.deficit_pence),
    askedPence: Number(row.asked_pence),
    status: row.status,
    allocatedPence: row.allocated_pence === null ? null : Number(row.allocated_pence),
    evidence: row.evidence,
    decisionNote: row.decision_note,
    decidedAt: row.decided_at,
    convertedOn: row.converted_to_academy_on,
    appliedAt: row.applied_at,
  }));
}

async function fundOf(db: Reader, year: string, { lock = false } = {}) {
  let query = db.selectFrom('funding_contingency_funds').select(['fund_pence', 'set_at']).where('year', '=', year);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && { pence: Number(row.fund_pence), setAt: row.set_at };
}

export function contingencyService(db: Db) {
  /** The user's own schools that may apply this year: maintained, and not applied already. */
  async function schoolsToApply(trx: Reader, user: CurrentUser, year: string) {
    if (user.schoolUrns.length === 0) return [];
    const applied = new Set((await applicationsOf(trx, year, user.schoolUrns)).map((row) => row.urn));
    const schools = await trx
      .selectFrom('schools')
      .select(['urn', 'name', 'maintained'])
      .where('urn', 'in', user.schoolUrns)
      .orderBy('name')
      .execute();
    return schools
      .filter((school) => school.maintained && !applied.has(school.urn))
      .map((school) => ({ urn: school.urn, name: schoolName(school) }));
  }

  /** The fund (its row locked until the transaction ends), every application of the year, and the one decided. */
  async function decisionContext(trx: Reader, year: string, id: number) {
    const fund = await fundOf(trx, year, { lock: true });
    const all = await applicationsOf(trx, year);
    return { fund, all, application: all.find((row) => row.id === id) };
  }

  return {
    async yearExists(year: string): Promise<boolean> {
      return Boolean(await db.selectFrom('funding_years').select('label').where('label', '=', year).executeTakeFirst());
    },

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
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      return db.transaction().execute(async (trx) => {
        const before = await fundOf(trx, year, { lock: true });
        const problem = fundProblem(form.data.fund, await applicationsOf(trx, year));
        if (problem) return invalid('fund', problem);
        await trx
          .insertInto('funding_contingency_funds')
          .values({ year, fund_pence: form.data.fund, set_by: actor.userId })
          .onConflict((conflict) =>
            conflict
              .column('year')
              .doUpdateSet({ fund_pence: form.data.fund, set_by: actor.userId, set_at: new Date() }),
          )
          .execute();
        await audit(trx, actor, {
          action: 'set',
          recordType: FUND_RECORD,
          recordId: year,
          details: { fundPence: form.data.fund, previousPence: before?.pence ?? null },
        });
        return { kind: 'saved' as const, message: 'The size of the fund has been saved' };
      });
    },

    /** A school user applies for one of their own schools; another school's URN is refused. */
    async apply(actor: Actor, user: CurrentUser, year: string, body: unknown): Promise<Outcome> {
      const form = validate(applicationSchema, body);
      if (!form.ok) return { kind: 'invalid', errors: form.errors, fieldErrors: form.fieldErrors };
      const { urn, deficit, asked, evidence } = form.data;
      if (!user.schoolUrns.includes(urn))
        throw new ForbiddenError('You can only apply for your own school', 'You cannot apply for this school');
      return db.transaction().execute(async (trx) => {
        const school = await trx.selectFrom('schools').select('maintained').where('urn', '=', urn).executeTakeFirst();
        if (!school?.maintained)
          return invalid('urn', 'Only maintained schools can apply: the fund comes from maintained schools’ budgets');
        if ((await applicationsOf(trx, year, [urn])).length)
          return invalid('urn', `This school has already applied for ${year}`);
        const row = await trx
          .insertInto('funding_contingency_applications')
          .values({ year, urn, deficit_pence: deficit, asked_pence: asked, evidence, applied_by: actor.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        await audit(trx, actor, {
          action: 'apply',
          recordType: APPLICATION_RECORD,
          recordId: row.id,
          details: { year, urn, deficitPence: deficit, askedPence: asked },
        });
        return { kind: 'saved' as const, id: row.id, message: 'Your application has been sent' };
      });
    },

    /** Agrees (the proposed or a different amount) or declines a waiting application, within the fund and the deficit. */
    async decide(actor: Actor, year: string, id: number, body: unknown): Promise<Outcome> {
      const form = validate(decisionSchema, body);
      return db.transaction().execute(async (trx) => {
        const { fund, all, application } = await decisionContext(trx, year, id);
        if (!application) return { kind: 'not-found' as const };
        if (!form.ok) return { kind: 'invalid' as const, errors: form.errors, fieldErrors: form.fieldErrors };
        if (application.status !== 'submitted')
          return invalid('decision', 'A decision has already been recorded for this application');
        const decided = { decided_by: actor.userId, decided_at: new Date() };
        if (form.data.decision === 'decline') {
          await trx
            .updateTable('funding_contingency_applications')
            .set({ status: 'declined', allocated_pence: null, decision_note: form.data.reason, ...decided })
            .where('id', '=', id)
            .execute();
          await audit(trx, actor, {
            action: 'decline',
            recordType: APPLICATION_RECORD,
            recordId: id,
            details: { year, urn: application.urn },
          });
          return {
            kind: 'saved' as const,
            id,
            message: `The application from ${application.schoolName} has been declined`,
          };
        }
        const amount =
          form.data.decision === 'different'
            ? form.data.amountPence
            : fund
              ? (fundPosition(fund.pence, all).shares.proposals.get(id) ?? 0)
              : 0;
        const problem = agreementProblem(amount, application, fund?.pence, all);
        if (problem) return invalid(form.data.decision === 'different' ? 'amount' : 'decision', problem);
        await trx
          .updateTable('funding_contingency_applications')
          .set({ status: 'agreed', allocated_pence: amount, decision_note: '', ...decided })
          .where('id', '=', id)
          .execute();
        await audit(trx, actor, {
          action: 'agree',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn: application.urn, allocatedPence: amount, proposed: form.data.decision === 'proposed' },
        });
        return { kind: 'saved' as const, id, message: `An allocation has been agreed for ${application.schoolName}` };
      });
    },

    /** Records the date the school became an academy; an agreed allocation stands (seed 001). */
    async recordConversion(actor: Actor, year: string, id: number, body: unknown): Promise<Outcome> {
      const form = validate(conversionSchema(year), withDateInputs(body, ['convertedOn']));
      return db.transaction().execute(async (trx) => {
        const [application] = (await applicationsOf(trx, year)).filter((row) => row.id === id);
        if (!application) return { kind: 'not-found' as const };
        if (!form.ok) return { kind: 'invalid' as const, errors: form.errors, fieldErrors: form.fieldErrors };
        await trx
          .updateTable('funding_contingency_applications')
          .set({ converted_to_academy_on: form.data.convertedOn })
          .where('id', '=', id)
          .execute();
        await audit(trx, actor, {
          action: 'record academy conversion',
          recordType: APPLICATION_RECORD,
          recordId: id,
          details: { year, urn: application.urn, convertedOn: form.data.convertedOn },
        });
        const stands = application.status === 'agreed' ? ': its agreed allocation stands' : '';
        return { kind: 'saved' as const, id, message: `${application.schoolName} became an academy${stands}` };
      });
    },
  };
}

export type ContingencyService = ReturnType<typeof contingencyService>;
