// Queries for a case's extensions, closure and post-closure review, and the writes of extension
// requests and decisions. Each takes the transaction of the read or change it belongs to.
import type { Trx } from '../service.ts';

export function extensionsOf(trx: Trx, caseId: number) {
  return trx
    .selectFrom('case_extensions')
    .leftJoin('users as requester', 'requester.id', 'case_extensions.requested_by')
    .leftJoin('users as decider', 'decider.id', 'case_extensions.decided_by')
    .selectAll('case_extensions')
    .select(['requester.name as requested_by_name', 'decider.name as decided_by_name'])
    .where('case_extensions.case_id', '=', caseId)
    .orderBy('case_extensions.requested_at', 'desc')
    .orderBy('case_extensions.id', 'desc')
    .execute();
}
export type ExtensionRow = Awaited<ReturnType<typeof extensionsOf>>[number];

/** One of the case's extension requests, locked when `lock` (to decide it). */
export function extensionOf(trx: Trx, caseId: number, extensionId: number, lock = false) {
  const query = trx
    .selectFrom('case_extensions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('id', '=', extensionId);
  return (lock ? query.forUpdate() : query).executeTakeFirst();
}

export async function hasPendingExtension(trx: Trx, caseId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('case_extensions')
    .select('id')
    .where('case_id', '=', caseId)
    .where('decision', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export function closureOf(trx: Trx, caseId: number) {
  return trx
    .selectFrom('case_closures')
    .leftJoin('users as proposer', 'proposer.id', 'case_closures.proposed_by')
    .leftJoin('users as signer', 'signer.id', 'case_closures.signed_off_by')
    .leftJoin('users as reviewer', 'reviewer.id', 'case_closures.reviewed_by')
    .selectAll('case_closures')
    .select([
      'proposer.name as proposed_by_name',
      'signer.name as signed_off_by_name',
      'reviewer.name as reviewed_by_name',
    ])
    .where('case_closures.case_id', '=', caseId)
    .executeTakeFirst();
}

export async function openActionCount(trx: Trx, caseId: number): Promise<number> {
  const row = await trx
    .selectFrom('case_actions')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The latest refusal to sign off closure, with the manager's reason (kept on the timeline). */
export function lastRefusal(trx: Trx, caseId: number) {
  return trx
    .selectFrom('case_events')
    .leftJoin('users', 'users.id', 'case_events.user_id')
    .select(['case_events.at', 'case_events.message', 'users.name as user_name'])
    .where('case_events.case_id', '=', caseId)
    .where('case_events.kind', '=', 'closure-refused')
    .orderBy('case_events.at', 'desc')
    .orderBy('case_events.id', 'desc')
    .executeTakeFirst();
}

/** Records a request for a later planned end; returns its id. */
export async function insertExtension(
  trx: Trx,
  request: { caseId: number; requestedBy: number; reason: string; newEnd: string },
): Promise<number> {
  const { id } = await trx
    .insertInto('case_extensions')
    .values({
      case_id: request.caseId,
      requested_by: request.requestedBy,
      reason: request.reason,
      new_end: request.newEnd,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Records the team manager's decision on an extension request. */
export async function recordExtensionDecision(
  trx: Trx,
  extensionId: number,
  decision: { decision: string; reason: string | null; decidedBy: number; decidedAt: Date },
): Promise<void> {
  await trx
    .updateTable('case_extensions')
    .set({
      decision: decision.decision,
      decision_reason: decision.reason,
      decided_by: decision.decidedBy,
      decided_at: decision.decidedAt,
    })
    .where('id', '=', extensionId)
    .execute();
}

/** Moves the case's planned end. */
export async function setPlannedEnd(trx: Trx, caseId: number, plannedEnd: string): Promise<void> {
  await trx.updateTable('cases').set({ planned_end: plannedEnd }).where('id', '=', caseId).execute();
}
