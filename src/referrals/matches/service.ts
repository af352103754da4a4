/**
 * The "already known" check, made at the front door when a referral is sent (Havering SEMH Team
 * proposal: not already known to Early Help or Social Care): the referral's child against open
 * known episodes and the service's other open referrals. Each possible match is kept with its
 * reason for the triage manager to confirm or dismiss.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { DraftAnswers } from '../forms.ts';
import { matchesRepository } from './repository.ts';
import { episodeLabel, findMatches, personFrom } from './rules.ts';

/** Finds and keeps the possible matches for a sent referral; how many were found. */
export async function recordMatches(
  trx: Transaction<Database>,
  referralId: number,
  answers: DraftAnswers,
): Promise<number> {
  const repository = matchesRepository();
  const person = personFrom(answers);
  if (!person) return 0;
  const episodes = await repository.openEpisodesLike(trx, person);
  const referrals = await repository.otherOpenReferrals(trx, referralId);
  const candidates = [
    ...episodes.map((e) => ({
      source: 'episode',
      id: e.id,
      label: episodeLabel(e.service),
      upn: e.upn,
      firstName: e.first_name,
      lastName: e.last_name,
      dateOfBirth: e.date_of_birth,
    })),
    ...referrals.flatMap((r) => {
      const other = personFrom(r.answers as unknown as DraftAnswers);
      return other ? [{ source: 'referral', id: r.id, label: `open referral ${r.reference}`, ...other }] : [];
    }),
  ];
  const matches = findMatches(person, candidates);
  await repository.add(
    trx,
    referralId,
    matches.map((m) => ({
      source: m.candidate.source,
      sourceId: m.candidate.id,
      reason: `${m.reason}: ${m.candidate.label}`,
    })),
  );
  return matches.length;
}

export function matchesService(db: Db, clock: Clock) {
  const repository = matchesRepository();
  return {
    /** The manager confirms or dismisses a possible match; audited with the change. */
    decide(actor: Actor, referralId: number, matchId: number, decision: 'confirmed' | 'dismissed') {
      return db.transaction().execute(async (trx) => {
        const decided = await repository.decide(trx, referralId, matchId, {
          decision,
          by: actor.userId,
          at: clock.now(),
        });
        if (!decided) return false;
        await audit(trx, actor, {
          action: `match ${decision}`,
          recordType: 'referral',
          recordId: referralId,
          details: { matchId },
        });
        return true;
      });
    },
  };
}

export type MatchesService = ReturnType<typeof matchesService>;
