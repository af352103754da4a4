// The assessment's records: consents (kept when withdrawn), family members, and the assessment
// itself (one row per case, created on its first save). Saving the assessment moves it on a
// version, so a form filled in against an older version can be refused.
import { sql } from 'kysely';
import type { AspectScores } from '../rules.ts';
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';
import type { PractitionerViews } from './rules.ts';
import type { ConsentInput, FamilyMemberInput } from './forms.ts';
import { maySharePlan } from './consent/rules.ts';

export function consentsOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_consents')
    .leftJoin('users', 'users.id', 'case_consents.recorded_by')
    .select([
      'case_consents.id',
      'case_consents.kind',
      'case_consents.agreed',
      'case_consents.given_by',
      'case_consents.given_by_role',
      'case_consents.given_on',
      'case_consents.withdrawn_on',
      'case_consents.withdrawal_reason',
      'case_consents.recorded_at',
      'users.name as recorded_by_name',
    ])
    .where('case_consents.case_id', '=', caseId)
    .orderBy('case_consents.given_on', 'desc')
    .orderBy('case_consents.id', 'desc')
    .execute();
}

export type ConsentRow = Awaited<ReturnType<typeof consentsOf>>[number];

export function familyOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_family_members')
    .select([
      'id',
      'name',
      'date_of_birth',
      'unborn',
      'relationship',
      'gender',
      'ethnicity',
      'disability',
      'lives_at_home',
    ])
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
}

export type FamilyMember = Awaited<ReturnType<typeof familyOf>>[number];

/** The assessment as stored; before its first save, an empty one at version 0. */
export interface StoredAssessment {
  version: number;
  parentScores: AspectScores;
  childScores: AspectScores;
  practitionerView: PractitionerViews;
  childVoice: string | null;
  schoolInput: string | null;
  completedOn: string | null;
}

export const EMPTY_ASSESSMENT: StoredAssessment = {
  version: 0,
  parentScores: {},
  childScores: {},
  practitionerView: {},
  childVoice: null,
  schoolInput: null,
  completedOn: null,
};

export async function assessmentOf(db: Reader, caseId: number): Promise<StoredAssessment> {
  const row = await db
    .selectFrom('case_assessments')
    .select([
      'version',
      'parent_scores',
      'child_scores',
      'practitioner_view',
      'child_voice',
      'school_input',
      'completed_on',
    ])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) return EMPTY_ASSESSMENT;
  return {
    version: row.version,
    parentScores: row.parent_scores as AspectScores,
    childScores: row.child_scores as AspectScores,
    practitionerView: row.practitioner_view as PractitionerViews,
    childVoice: row.child_voice,
    schoolInput: row.school_input,
    completedOn: row.completed_on,
  };
}

/**
 * Writes the assessment if it is still at `expected` version, moving it on one; false when
 * someone else saved it first. The first save creates the row. Call with the case row locked.
 */
export async function writeAssessment(
  trx: Trx,
  caseId: number,
  userId: number,
  expected: number,
  next: StoredAssessment,
  now: Date,
): Promise<boolean> {
  const columns = {
    parent_scores: JSON.stringify(next.parentScores),
    child_scores: JSON.stringify(next.childScores),
    practitioner_view: JSON.stringify(next.practitionerView),
    child_voice: next.childVoice,
    school_input: next.schoolInput,
    completed_on: next.completedOn,
    updated_by: userId,
    updated_at: now,
  };
  const written = await trx
    .insertInto('case_assessments')
    .values({ case_id: caseId, version: 1, ...columns })
    .onConflict((oc) =>
      oc
        .column('case_id')
        .doUpdateSet({ ...columns, version: sql<number>`case_assessments.version + 1` })
        .where('case_assessments.version', '=', expected),
    )
    .returning('version')
    .executeTakeFirst();
  return written !== undefined && written.version === expected + 1;
}

/** Whether the case's plan may be shared today with those supporting it, such as the school [Portsmouth early help assessment, plan, review and closure guidance]. */
export async function planMayBeShared(db: Reader, caseId: number, today: string): Promise<boolean> {
  const consents = await db
    .selectFrom('case_consents')
    .select(['id', 'kind', 'agreed', 'given_by', 'given_on', 'withdrawn_on'])
    .where('case_id', '=', caseId)
    .execute();
  return maySharePlan(consents, today);
}

/** Records a consent (or a "do not agree"); its id. Call with the case row locked. */
export async function addConsent(trx: Trx, caseId: number, input: ConsentInput, recordedBy: number): Promise<number> {
  const { id } = await trx
    .insertInto('case_consents')
    .values({
      case_id: caseId,
      kind: input.kind,
      agreed: input.agreed,
      given_by: input.givenBy,
      given_by_role: input.givenByRole,
      given_on: input.givenOn,
      recorded_by: recordedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Withdraws a consent from a date, with the reason; the consent is kept. */
export async function withdrawConsent(
  trx: Trx,
  caseId: number,
  consentId: number,
  withdrawal: { withdrawnOn: string; reason: string },
): Promise<void> {
  await trx
    .updateTable('case_consents')
    .set({ withdrawn_on: withdrawal.withdrawnOn, withdrawal_reason: withdrawal.reason })
    .where('id', '=', consentId)
    .where('case_id', '=', caseId)
    .execute();
}

/** Adds a member to "Who's in our family?"; their id. */
export async function addFamilyMember(trx: Trx, caseId: number, input: FamilyMemberInput): Promise<number> {
  const { id } = await trx
    .insertInto('case_family_members')
    .values({
      case_id: caseId,
      name: input.name,
      date_of_birth: input.date,
      unborn: input.unborn,
      relationship: input.relationship,
      gender: input.gender,
      ethnicity: input.ethnicity,
      disability: input.disability,
      lives_at_home: input.livesAtHome,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Removes a family member; their name and relationship, or undefined when not on this case. */
export function removeFamilyMember(trx: Trx, caseId: number, memberId: number) {
  return trx
    .deleteFrom('case_family_members')
    .where('id', '=', memberId)
    .where('case_id', '=', caseId)
    .returning(['name', 'relationship'])
    .executeTakeFirst();
}

/** Marks the case's assessment clock met on `on`. */
export async function markCompleted(trx: Trx, caseId: number, on: string): Promise<void> {
  await trx.updateTable('cases').set({ assessment_completed_on: on }).where('id', '=', caseId).execute();
}
