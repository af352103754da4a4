// The plan's actions as stored.
import type { Reader } from '../repository.ts';
import type { Trx } from '../service.ts';

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
