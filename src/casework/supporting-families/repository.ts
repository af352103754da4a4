// What the Supporting Families pages read: the needs identified for cases, their consents and
// whether they have a plan. Each works for one case or many, so the team list reads in bulk.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';
import { consentState, type ConsentRecord } from '../assessment/consent/rules.ts';
import { NEEDS_FOR_ELIGIBILITY, type NeedRecord } from './rules.ts';

export function needsOf(db: Reader, caseIds: readonly number[]) {
  return db
    .selectFrom('case_supporting_families as need')
    .leftJoin('users as identifier', 'identifier.id', 'need.identified_by')
    .leftJoin('users as recorder', 'recorder.id', 'need.recorded_by')
    .select([
      'need.id',
      'need.case_id',
      'need.outcome',
      'need.need_evidence',
      'need.identified_on',
      'need.achieved_on',
      'need.achieved_evidence',
      'need.recorded_at',
      'identifier.name as identified_by_name',
      'recorder.name as recorded_by_name',
    ])
    .where('need.case_id', 'in', caseIds.length ? caseIds : [0])
    .orderBy('need.identified_on')
    .orderBy('need.id')
    .execute();
}

export type NeedRow = Awaited<ReturnType<typeof needsOf>>[number];

export function needRecord(row: NeedRow): NeedRecord {
  return {
    outcome: row.outcome,
    identifiedOn: row.identified_on,
    achievedOn: row.achieved_on,
    achievedEvidence: row.achieved_evidence,
  };
}

/** The consent to share with the Supporting Families programme, as it stands on `today`, for each case. */
export async function programmeConsents(db: Reader, caseIds: readonly number[], today: string) {
  const rows: (ConsentRecord & { case_id: number })[] = await db
    .selectFrom('case_consents')
    .select(['id', 'case_id', 'kind', 'agreed', 'given_by', 'given_on', 'withdrawn_on'])
    .where('case_id', 'in', caseIds.length ? caseIds : [0])
    .where('kind', '=', 'supporting-families')
    .execute();
  return new Map(
    caseIds.map((id) => [
      id,
      consentState(
        rows.filter((row) => row.case_id === id),
        today,
      )['supporting-families'],
    ]),
  );
}

/** The cases among `caseIds` with a plan: at least one action agreed. */
export async function casesWithPlan(db: Reader, caseIds: readonly number[]): Promise<Set<number>> {
  const rows = await db
    .selectFrom('case_actions')
    .select('case_id')
    .distinct()
    .where('case_id', 'in', caseIds.length ? caseIds : [0])
    .where('no_action', '=', false)
    .execute();
  return new Set(rows.map((row) => row.case_id));
}

/** The team's cases that meet the Supporting Families criteria (enough headline needs identified). */
export function eligibleCases(db: Reader) {
  return db
    .selectFrom('cases')
    .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('schools', 'schools.urn', 'cases.school_urn')
    .innerJoin('users as lead', 'lead.id', 'cases.practitioner_id')
    .select([
      'cases.id',
      'cases.status',
      'cases.assessment_completed_on',
      'referrals.reference',
      'children.first_name',
      'children.last_name',
      'schools.name as school_name',
      'lead.name as lead_name',
    ])
    .where('cases.id', 'in', (eb) =>
      eb
        .selectFrom('case_supporting_families')
        .select('case_id')
        .groupBy('case_id')
        .having((h) => h.fn.countAll(), '>=', NEEDS_FOR_ELIGIBILITY),
    )
    .orderBy('referrals.reference')
    .orderBy('cases.id')
    .execute();
}

/** Records a headline need identified for the family; its id. */
export async function addNeed(
  trx: Trx,
  caseId: number,
  need: { outcome: string; evidence: string; identifiedOn: string },
  userId: number,
): Promise<number> {
  const { id } = await trx
    .insertInto('case_supporting_families')
    .values({
      case_id: caseId,
      outcome: need.outcome,
      need_evidence: need.evidence,
      identified_on: need.identifiedOn,
      identified_by: userId,
      recorded_by: userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records (or corrects) the outcome achieved for a need. */
export async function recordAchieved(
  trx: Trx,
  caseId: number,
  needId: number,
  achieved: { achievedOn: string; evidence: string; recordedBy: number; at: Date },
): Promise<void> {
  await trx
    .updateTable('case_supporting_families')
    .set({
      achieved_on: achieved.achievedOn,
      achieved_evidence: achieved.evidence,
      recorded_by: achieved.recordedBy,
      recorded_at: achieved.at,
    })
    .where('id', '=', needId)
    .where('case_id', '=', caseId)
    .execute();
}

/** Removes a need identified in error; what it was, or undefined when not on this case. */
export function removeNeed(trx: Trx, caseId: number, needId: number) {
  return trx
    .deleteFrom('case_supporting_families')
    .where('id', '=', needId)
    .where('case_id', '=', caseId)
    .returning(['outcome', 'identified_on', 'achieved_on'])
    .executeTakeFirst();
}
