import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { AgendaRow } from './rules.ts';

type Reader = Db | Transaction<Database>;

export function panelsRepository() {
  return {
    /** Sent referrals with what the agenda shows, sent after `since` and by `until`. */
    sent(db: Reader, since: Date, until: Date): Promise<AgendaRow[]> {
      return db
        .selectFrom('referrals')
        .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
        .select([
          'referrals.id',
          'referrals.reference',
          'referrals.status',
          'referrals.answers',
          'referrals.submitted_at',
          'referrals.acknowledged_at',
          'referrals.outcome_at',
          'referrals.level_of_need',
          'referrals.outcome_reason',
          'schools.urn',
          'schools.name as school_name',
        ])
        .select((eb) => [
          eb
            .selectFrom('referral_matches')
            .select((m) => m.fn.agg<(string | null)[]>('array_agg', ['referral_matches.decision']).as('d'))
            .whereRef('referral_matches.referral_id', '=', 'referrals.id')
            .as('decisions'),
          eb
            .selectFrom('referral_events')
            .innerJoin('users', 'users.id', 'referral_events.user_id')
            .select('users.name')
            .whereRef('referral_events.referral_id', '=', 'referrals.id')
            .where('referral_events.kind', 'in', ['outcome', 'safeguarding'])
            .orderBy('referral_events.at', 'desc')
            .orderBy('referral_events.id', 'desc')
            .limit(1)
            .as('decided_by_name'),
        ])
        .where('referrals.status', '!=', 'draft')
        .where('referrals.submitted_at', 'is not', null)
        .where('referrals.submitted_at', '>', since)
        .where('referrals.submitted_at', '<=', until)
        .orderBy('referrals.submitted_at')
        .orderBy('referrals.id')
        .execute();
    },

    /** Every sent referral since `since`, with its status: what the panels' counts are made of. */
    sentSince(db: Reader, since: Date) {
      return db
        .selectFrom('referrals')
        .select(['status', 'submitted_at'])
        .where('status', '!=', 'draft')
        .where('submitted_at', '>', since)
        .execute();
    },
  };
}
