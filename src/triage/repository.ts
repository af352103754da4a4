import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { QUEUE_STATUSES } from './rules.ts';

type Reader = Db | Transaction<Database>;

export function triageRepository() {
  return {
    /**
     * The referrals waiting for an outcome (at one school, if given), with their matches'
     * decisions, in the order sent. Of the answers, only the pages the queue reads: the child and
     * their needs, not the family's details, views and support already tried.
     */
    waiting(db: Reader, school: number | undefined) {
      let query = db
        .selectFrom('referrals')
        .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
        .select([
          'referrals.id',
          'referrals.reference',
          'referrals.status',
          sql<unknown>`jsonb_build_object('pages', jsonb_build_object('child', referrals.answers->'pages'->'child', 'needs', referrals.answers->'pages'->'needs'))`.as(
            'answers',
          ),
          'referrals.submitted_at',
          'referrals.acknowledged_at',
          'referrals.outcome_at',
          'schools.urn',
          'schools.name as school_name',
        ])
        .select(
          sql<
            (string | null)[] | null
          >`(select array_agg(decision) from referral_matches where referral_id = referrals.id)`.as('decisions'),
        )
        .where('referrals.status', 'in', [...QUEUE_STATUSES]);
      if (school) query = query.where('referrals.school_urn', '=', school);
      return query.orderBy('referrals.submitted_at').orderBy('referrals.id').execute();
    },

    /** Every school's number and name, for the queue's filter. */
    schoolOptions(db: Reader) {
      return db
        .selectFrom('schools')
        .select(['urn', 'name'])
        .orderBy(sql`name is null`)
        .orderBy('name')
        .orderBy('urn')
        .execute();
    },

    /** A sent referral with its school and referrer; drafts are not triage's to see. */
    sent(db: Reader, id: number) {
      return db
        .selectFrom('referrals')
        .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
        .leftJoin('users', 'users.id', 'referrals.created_by')
        .selectAll('referrals')
        .select(['schools.name as school_name', 'users.name as referrer_name', 'users.email as referrer_email'])
        .where('referrals.id', '=', id)
        .where('referrals.status', '!=', 'draft')
        .executeTakeFirst();
    },

    /** The referral's whole timeline, as triage sees it (with what the referrer does not). */
    events(db: Reader, id: number) {
      return db
        .selectFrom('referral_events')
        .leftJoin('users', 'users.id', 'referral_events.user_id')
        .select([
          'referral_events.at',
          'referral_events.kind',
          'referral_events.message',
          'referral_events.visible_to_referrer',
          'users.name as user_name',
        ])
        .where('referral_id', '=', id)
        .orderBy('referral_events.at')
        .orderBy('referral_events.id')
        .execute();
    },
  };
}
