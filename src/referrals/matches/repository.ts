import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { OPEN_STATUSES, type Person } from './rules.ts';

type Reader = Db | Transaction<Database>;

export function matchesRepository() {
  return {
    /** Open known episodes that could be the child: the same date of birth, or the same UPN. */
    openEpisodesLike(trx: Reader, person: Person) {
      return trx
        .selectFrom('known_episodes')
        .select(['id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'service'])
        .where('status', '=', 'open')
        .where((eb) =>
          eb.or([eb('date_of_birth', '=', person.dateOfBirth), ...(person.upn ? [eb('upn', '=', person.upn)] : [])]),
        )
        .execute();
    },

    /** The service's other open referrals. */
    otherOpenReferrals(trx: Reader, referralId: number) {
      return trx
        .selectFrom('referrals')
        .select(['id', 'reference', 'answers'])
        .where('id', '!=', referralId)
        .where('status', 'in', [...OPEN_STATUSES])
        .execute();
    },

    /** Keeps each possible match with its reason; one already kept is left as it is. */
    async add(
      trx: Reader,
      referralId: number,
      matches: readonly { source: string; sourceId: number; reason: string }[],
    ) {
      if (matches.length === 0) return;
      await trx
        .insertInto('referral_matches')
        .values(
          matches.map((m) => ({ referral_id: referralId, source: m.source, source_id: m.sourceId, reason: m.reason })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
    },

    /** Records the manager's decision on one of the referral's matches; false when there is no such match. */
    async decide(
      trx: Reader,
      referralId: number,
      matchId: number,
      decision: { decision: 'confirmed' | 'dismissed'; by: number | null; at: Date },
    ): Promise<boolean> {
      const updated = await trx
        .updateTable('referral_matches')
        .set({ decision: decision.decision, decided_by: decision.by, decided_at: decision.at })
        .where('id', '=', matchId)
        .where('referral_id', '=', referralId)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    /** The referral's possible matches, oldest first, with who decided each. */
    ofReferral(trx: Reader, referralId: number) {
      return trx
        .selectFrom('referral_matches')
        .leftJoin('users', 'users.id', 'referral_matches.decided_by')
        .selectAll('referral_matches')
        .select('users.name as decided_by_name')
        .where('referral_id', '=', referralId)
        .orderBy('id')
        .execute();
    },
  };
}
