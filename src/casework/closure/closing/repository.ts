// What closing a case writes: the proposal, the plan's open actions settled, the sign-off or
// refusal, the lead professional's time ending, and the post-closure review. Each takes the
// transaction of the change it belongs to.
import type { Trx } from '../../service.ts';

/** Marks the plan's open actions done or dropped. */
export async function settleOpenActions(trx: Trx, caseId: number, status: string, at: Date): Promise<void> {
  await trx
    .updateTable('case_actions')
    .set({ status, updated_at: at })
    .where('case_id', '=', caseId)
    .where('status', '=', 'open')
    .execute();
}

/** Moves the plan's version on, so an open edit of the plan notices its actions changed. */
export async function bumpPlanVersion(trx: Trx, caseId: number): Promise<void> {
  await trx
    .updateTable('cases')
    .set((eb) => ({ plan_version: eb('plan_version', '+', 1) }))
    .where('id', '=', caseId)
    .execute();
}

export interface Proposal {
  reason: string;
  reason_detail: string | null;
  /** The Maintaining Our Family Plan, as JSON. */
  maintenance_plan: string;
  proposed_by: number;
  proposed_at: Date;
}

/** Saves the proposal, replacing an earlier one and clearing its sign-off and review. */
export async function saveProposal(trx: Trx, caseId: number, proposal: Proposal): Promise<void> {
  await trx
    .insertInto('case_closures')
    .values({ case_id: caseId, ...proposal })
    .onConflict((oc) =>
      oc
        .column('case_id')
        .doUpdateSet({ ...proposal, signed_off_by: null, signed_off_at: null, review: null, reviewed_by: null }),
    )
    .execute();
}

export async function setCaseStatus(trx: Trx, caseId: number, status: 'open' | 'closure-proposed'): Promise<void> {
  await trx.updateTable('cases').set({ status }).where('id', '=', caseId).execute();
}

/** Closes the case and sets when its post-closure review is due. */
export async function closeCase(trx: Trx, caseId: number, closedAt: Date, reviewDue: string): Promise<void> {
  await trx
    .updateTable('cases')
    .set({ status: 'closed', closed_at: closedAt, post_closure_review_due: reviewDue })
    .where('id', '=', caseId)
    .execute();
}

/** Records who signed closure off, and when. */
export async function recordSignOff(trx: Trx, caseId: number, signedOffBy: number, at: Date): Promise<void> {
  await trx
    .updateTable('case_closures')
    .set({ signed_off_by: signedOffBy, signed_off_at: at })
    .where('case_id', '=', caseId)
    .execute();
}

/** Ends the current lead professional's time on the case on `on`. */
export async function endLeadSpell(trx: Trx, caseId: number, on: string): Promise<void> {
  await trx
    .updateTable('case_lead_professionals')
    .set({ to_date: on })
    .where('case_id', '=', caseId)
    .where('to_date', 'is', null)
    .execute();
}

/** Saves the post-closure review (as JSON) on the closure, and the day it was recorded on the case. */
export async function saveReview(
  trx: Trx,
  caseId: number,
  review: { json: string; reviewedBy: number; reviewedOn: string },
): Promise<void> {
  await trx
    .updateTable('case_closures')
    .set({ review: review.json, reviewed_by: review.reviewedBy })
    .where('case_id', '=', caseId)
    .execute();
  await trx.updateTable('cases').set({ post_closure_review_on: review.reviewedOn }).where('id', '=', caseId).execute();
}
