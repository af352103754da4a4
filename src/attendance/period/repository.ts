// What the period form reads: the calendar's half terms and the schools a user's pages cover.
import type { Db } from '../../db/connection.ts';

export function periodRepository(db: Db) {
  return {
    /** The calendar's half terms, in order. */
    halfTerms() {
      return db
        .selectFrom('term_periods')
        .select(['name', 'starts_on as startsOn', 'ends_on as endsOn'])
        .orderBy('starts_on')
        .execute();
    },

    /** The schools by name: only `urns` when given, else every school. */
    schools(urns: readonly number[] | undefined) {
      return (urns ? db.selectFrom('schools').where('urn', 'in', [...urns, -1]) : db.selectFrom('schools'))
        .select(['urn', 'name'])
        .orderBy('name')
        .orderBy('urn')
        .execute();
    },
  };
}
