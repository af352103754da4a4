// A case's Supporting Families record: reading it (audited as a view of the case) with what the
// assessment suggests, eligibility and whether a claim may be made; identifying a need,
// recording its outcome and removing one identified in error, each with the case row locked,
// on the timeline and audited without the evidence.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Actor, audit } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { addCaseEvent, auditCase, changeOutcome, readCase, type CaseRecord, type Trx } from '../service.ts';
import { assessmentOf } from '../assessment/repository.ts';
import { achievedSchema, identifySchema } from './forms.ts';
import { HEADLINE_OUTCOMES, claimReadiness, eligibility, outcomeLabel, outcomeState, suggestedNeeds } from './rules.ts';
import {
  addNeed,
  casesWithPlan,
  eligibleCases,
  needRecord,
  needsOf,
  programmeConsents,
  recordAchieved,
  removeNeed,
  type NeedRow,
} from './repository.ts';
import type { Cell } from '../../platform/xlsx-export.ts';
import type { Reader } from '../repository.ts';

export type Outcome =
  | { kind: 'saved'; message: string }
  | { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors }
  | { kind: 'not-found' }
  | { kind: 'closed' };

const invalid = (field: string, text: string): Outcome => ({
  kind: 'invalid',
  errors: [{ text, href: `#${field}` }],
  fieldErrors: { [field]: { text } },
});

/** Everything the case's Supporting Families page shows, as it stands on `today`. */
async function familyRecord(trx: Trx, kase: CaseRecord, today: string) {
  const [rows, consents, plans, assessment, sustainedMonths] = await Promise.all([
    needsOf(trx, [kase.id]),
    programmeConsents(trx, [kase.id], today),
    casesWithPlan(trx, [kase.id]),
    assessmentOf(trx, kase.id),
    readSetting(trx, 'supporting-families-sustained-months'),
  ]);
  const consent = consents.get(kase.id)!;
  const assessmentComplete = Boolean(assessment.completedOn ?? kase.assessment_completed_on);
  const needs = rows.map(needRecord);
  const identified = new Set(rows.map((row) => row.outcome));
  return {
    kase,
    sustainedMonths,
    consent,
    assessmentComplete,
    planExists: plans.has(kase.id),
    eligibility: eligibility(needs),
    claim: claimReadiness({
      needs,
      consent,
      assessmentComplete,
      planExists: plans.has(kase.id),
      today,
      sustainedMonths,
    }),
    needs: rows.map((row) => ({
      ...row,
      label: outcomeLabel(row.outcome),
      ...outcomeState(needRecord(row), today, sustainedMonths),
    })),
    suggested: suggestedNeeds({ parent: assessment.parentScores, child: assessment.childScores }).filter(
      (need) => !identified.has(need.code),
    ),
    available: HEADLINE_OUTCOMES.filter((outcome) => !identified.has(outcome.code)),
  };
}

export type FamilyRecord = Awaited<ReturnType<typeof familyRecord>>;

const needOf = async (trx: Trx, caseId: number, needId: number): Promise<NeedRow | undefined> =>
  (await needsOf(trx, [caseId])).find((row) => row.id === needId);

export function supportingFamiliesService(db: Db, clock: Clock) {
  const change = (
    user: CurrentUser,
    id: number,
    fn: (trx: Trx, kase: CaseRecord) => Promise<Outcome>,
  ): Promise<Outcome> => changeOutcome(db, user, id, fn);

  return {
    /** The case's Supporting Families page, or undefined when the user may not see the case. */
    page(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'supporting-families', (trx, kase) =>
        familyRecord(trx, kase, clock.today()),
      );
    },

    /** The case and one need, for the outcome form; undefined when either is not found. */
    async needPage(actor: Actor, user: CurrentUser, id: number, needId: number) {
      const found = await readCase(db, actor, user, id, 'supporting-families', async (trx, kase) => ({
        kase,
        need: await needOf(trx, id, needId),
      }));
      return found?.need
        ? { kase: found.kase, need: { ...found.need, label: outcomeLabel(found.need.outcome) } }
        : undefined;
    },

    identify(actor: Actor, user: CurrentUser, id: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const today = clock.today();
        const identified = new Set((await needsOf(trx, [id])).map((row) => row.outcome));
        const available = HEADLINE_OUTCOMES.filter((outcome) => !identified.has(outcome.code)).map(
          (outcome) => outcome.code,
        );
        if (!available.length)
          return invalid('outcome', 'All ten headline needs are already identified for this family');
        const result = validate(identifySchema(available, today), body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const input = result.data;
        const needId = await addNeed(trx, id, input, user.id);
        const label = outcomeLabel(input.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families need identified: ${label}`,
        });
        await auditCase(trx, actor, id, 'identify supporting families need', {
          needId,
          outcome: input.outcome,
          identifiedOn: input.identifiedOn,
        });
        return { kind: 'saved', message: `Need identified: ${label}` };
      });
    },

    /** Records (or corrects) the outcome achieved for a need. */
    achieve(actor: Actor, user: CurrentUser, id: number, needId: number, body: unknown): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const need = await needOf(trx, id, needId);
        if (!need) return { kind: 'not-found' };
        const result = validate(achievedSchema(need.identified_on, clock.today()), body);
        if (!result.ok) return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
        const { achievedOn, evidence } = result.data;
        await recordAchieved(trx, id, needId, { achievedOn, evidence, recordedBy: user.id, at: clock.now() });
        const label = outcomeLabel(need.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families outcome achieved: ${label}, on ${formatIsoDate(achievedOn)}`,
        });
        await auditCase(trx, actor, id, 'record supporting families outcome', {
          needId,
          outcome: need.outcome,
          achievedOn,
          corrected: need.achieved_on !== null,
        });
        return { kind: 'saved', message: `Outcome recorded: ${label}` };
      });
    },

    /** Removes a need identified in error, with its outcome; the timeline and the audit keep that it was. */
    remove(actor: Actor, user: CurrentUser, id: number, needId: number): Promise<Outcome> {
      return change(user, id, async (trx) => {
        const removed = await removeNeed(trx, id, needId);
        if (!removed) return { kind: 'not-found' };
        const label = outcomeLabel(removed.outcome);
        await addCaseEvent(trx, {
          caseId: id,
          userId: user.id,
          kind: 'supporting-families',
          message: `Supporting Families need removed as identified in error: ${label}`,
        });
        await auditCase(trx, actor, id, 'remove supporting families need', {
          needId,
          outcome: removed.outcome,
          identifiedOn: removed.identified_on,
          achievedOn: removed.achieved_on,
        });
        return { kind: 'saved', message: `Need removed: ${label}` };
      });
    },
  };
}

// The team's families that meet the Supporting Families criteria, open and closed, with their
// outcomes and whether a claim may be made; and the download of those who consented to share
// with the programme (no one else's information leaves the service). Reading it is audited.

async function familiesMeetingCriteria(db: Reader, today: string) {
  const cases = await eligibleCases(db);
  const ids = cases.map((kase) => kase.id);
  const [needs, consents, plans, sustainedMonths] = await Promise.all([
    needsOf(db, ids),
    programmeConsents(db, ids, today),
    casesWithPlan(db, ids),
    readSetting(db, 'supporting-families-sustained-months'),
  ]);
  return cases.map((kase) => {
    const rows = needs.filter((need) => need.case_id === kase.id);
    const records = rows.map(needRecord);
    const consent = consents.get(kase.id)!;
    const claim = claimReadiness({
      needs: records,
      consent,
      assessmentComplete: kase.assessment_completed_on !== null,
      planExists: plans.has(kase.id),
      today,
      sustainedMonths,
    });
    return {
      ...kase,
      needs: eligibility(records).count,
      needLabels: rows.map((row) => outcomeLabel(row.outcome)),
      achieved: records.filter((record) => outcomeState(record, today, sustainedMonths).state !== 'not-achieved')
        .length,
      sustained: records.filter((record) => outcomeState(record, today, sustainedMonths).state === 'sustained').length,
      consent,
      claim,
    };
  });
}

export type FamilyRow = Awaited<ReturnType<typeof familiesMeetingCriteria>>[number];

const STATUS_NAMES: Record<string, string> = { open: 'Open', 'closure-proposed': 'Closure proposed', closed: 'Closed' };

const HEADER = [
  'Case reference',
  'Case status',
  'School',
  'Lead professional',
  'Headline needs identified',
  'Needs',
  'Outcomes achieved',
  'Outcomes sustained',
  'Ready to claim',
  'Not ready because',
];

export function supportingFamiliesList(db: Db, clock: Clock) {
  return {
    async list(actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const families = await familiesMeetingCriteria(trx, clock.today());
        await audit(trx, actor, {
          action: 'view',
          recordType: 'supporting-families',
          details: { cases: families.length },
        });
        return families;
      });
    },

    /** The families who consented to share with the programme, as a table for a claim; audited as an export. */
    async exportTable(actor: Actor) {
      return db.transaction().execute(async (trx) => {
        const today = clock.today();
        const families = (await familiesMeetingCriteria(trx, today)).filter((family) => family.consent.inForce);
        const rows: Cell[][] = families.map((family) => [
          family.reference,
          STATUS_NAMES[family.status] ?? family.status,
          family.school_name,
          family.lead_name,
          family.needLabels.join('; '),
          family.needs,
          family.achieved,
          family.sustained,
          family.claim.ready ? 'Yes' : 'No',
          family.claim.reasons.join('; '),
        ]);
        await audit(trx, actor, {
          action: 'export',
          recordType: 'supporting-families',
          details: { format: 'csv', rows: rows.length },
        });
        return { filename: `supporting-families-${today}`, header: HEADER, rows, asOf: formatIsoDate(today) };
      });
    },
  };
}
