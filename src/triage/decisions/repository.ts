import type { Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReferralRow } from './rules.ts';

type Trx = Transaction<Database>;

export function decisionsRepository() {
  return {
    /** The referrer's email: the user who created the referral. */
    async referrerOf(trx: Trx, referral: ReferralRow): Promise<string> {
      const user = await trx
        .selectFrom('users')
        .select('email')
        .where('id', '=', referral.created_by)
        .executeTakeFirstOrThrow();
      return user.email;
    },

    /** The referral's latest event. */
    lastEvent(trx: Trx, id: number) {
      return trx
        .selectFrom('referral_events')
        .select(['kind', 'message'])
        .where('referral_id', '=', id)
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },

    /** The outcome and level of need, with when; a safeguarding concern is passed to the MASH at that moment. */
    recordOutcome(trx: Trx, id: number, decided: { outcome: string; level: number; reason: string; now: Date }) {
      const { outcome, level, reason, now } = decided;
      return trx
        .updateTable('referrals')
        .set({
          status: outcome,
          outcome,
          level_of_need: level,
          outcome_reason: reason,
          outcome_at: now,
          updated_at: now,
          ...(outcome === 'safeguarding' ? { safeguarding_passed_at: now } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    setStatus(trx: Trx, id: number, status: 'submitted' | 'more-information', now: Date) {
      return trx.updateTable('referrals').set({ status, updated_at: now }).where('id', '=', id).execute();
    },
  };
}
