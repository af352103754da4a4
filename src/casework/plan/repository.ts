// The plan's actions as stored.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';
import type { ActionInput } from './rules.ts';

const ACTION_COLUMNS = [
  'id',
  'aspect',
  'no_action',
  'action',
  'for_whom',
  'who',
  'school_owns',
  'by_when',
  'difference',
  'readiness',
  'status',
  'progress',
  'updated_at',
] as const;

export type PlanAction = Awaited<ReturnType<typeof actionsOf>>[number];

export function actionsOf(db: Reader, caseId: number) {
  return db
    .selectFrom('case_actions')
    .select(ACTION_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('by_when')
    .orderBy('id')
    .execute();
}

/** The case's open actions, soonest due first: for meetings and closure. */
export function openActions(db: Reader, caseId: number) {
  return db
    .selectFrom('case_actions')
    .select(['id', 'aspect', 'action', 'who', 'by_when', 'status', 'school_owns'])
    .where('case_id', '=', caseId)
    .where('no_action', '=', false)
    .where('status', '=', 'open')
    .orderBy('by_when')
    .orderBy('id')
    .execute();
}

/** An open action for an aspect replaces "no action needed at this stage" (kept, as dropped). */
export function replaceNoAction(trx: Trx, caseId: number, aspect: string, now: Date) {
  return trx
    .updateTable('case_actions')
    .set({ status: 'dropped', updated_at: now })
    .where('case_id', '=', caseId)
    .where('aspect', '=', aspect)
    .where('no_action', '=', true)
    .where('status', '=', 'open')
    .execute();
}

export function actionRow(input: ActionInput) {
  return {
    aspect: input.aspect,
    action: input.action,
    for_whom: input.forWhom,
    who: input.who,
    school_owns: input.schoolOwns,
    by_when: input.byWhen,
    difference: input.difference,
    readiness: input.readiness,
  };
}

/** Moves the plan on a version, so an open edit of the plan notices the change. */
export async function setPlanVersion(trx: Trx, caseId: number, version: number): Promise<void> {
  await trx.updateTable('cases').set({ plan_version: version }).where('id', '=', caseId).execute();
}

/** The parent or carer's scores at the assessment, which the plan focuses on. */
export function assessedScores(db: Reader, caseId: number) {
  return db.selectFrom('case_assessments').select('parent_scores').where('case_id', '=', caseId).executeTakeFirst();
}

export async function addAction(trx: Trx, caseId: number, input: ActionInput, createdBy: number): Promise<number> {
  const { id } = await trx
    .insertInto('case_actions')
    .values({ case_id: caseId, ...actionRow(input), created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** An action's status (not "no action needed"); undefined when it is not on this case. */
export function actionStatus(db: Reader, caseId: number, actionId: number) {
  return db
    .selectFrom('case_actions')
    .select(['status'])
    .where('id', '=', actionId)
    .where('case_id', '=', caseId)
    .where('no_action', '=', false)
    .executeTakeFirst();
}

export async function updateAction(
  trx: Trx,
  actionId: number,
  input: ActionInput & { status: string; progress: string | null },
  at: Date,
): Promise<void> {
  await trx
    .updateTable('case_actions')
    .set({ ...actionRow(input), status: input.status, progress: input.progress, updated_at: at })
    .where('id', '=', actionId)
    .execute();
}

/** Records "no action needed at this stage" for an aspect; its id. */
export async function addNoAction(trx: Trx, caseId: number, aspect: string, createdBy: number): Promise<number> {
  const { id } = await trx
    .insertInto('case_actions')
    .values({ case_id: caseId, aspect, no_action: true, created_by: createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
