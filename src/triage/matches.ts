import type { Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../db/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { findMatches, type Person } from '../referrals/matching.ts';
import { parseAnswers, type DraftAnswers } from '../referrals/pages.ts';
import type { ChildAnswers } from '../referrals/schemas.ts';

type Trx = Transaction<Database>;

/** Statuses of a referral that is still open in the service. */
export const OPEN_STATUSES = ['submitted', 'more-information', 'targeted', 'intensive'] as const;

export function personFrom(answers: DraftAnswers): Person | undefined {
  const child = parseAnswers(answers).parsed.child as ChildAnswers | undefined;
  return (
    child && {
      upn: child.upn || null,
      firstName: child.firstName,
      lastName: child.lastName,
      dateOfBirth: child.dateOfBirth,
    }
  );
}

/**
 * The "already known" check (seed 000: not already known to Early Help or Social Care): the
 * referral's child against open known episodes and the service's other open referrals. Each
 * possible match is kept with its reason for the triage manager to confirm or dismiss.
 */
export async function recordMatches(trx: Trx, referralId: number, answers: DraftAnswers): Promise<number> {
  const person = personFrom(answers);
  if (!person) return 0;
  const episodes = await trx
    .selectFrom('known_episodes')
    .select(['id', 'upn', 'first_name', 'last_name', 'date_of_birth', 'service'])
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([eb('date_of_birth', '=', person.dateOfBirth), ...(person.upn ? [eb('upn', '=', person.upn)] : [])]),
    )
    .execute();
  const referrals = await trx
    .selectFrom('referrals')
    .select(['id', 'reference', 'answers'])
    .where('id', '!=', referralId)
    .where('status', 'in', [...OPEN_STATUSES])
    .execute();
  const serviceName = (service: string) => (service === 'social_care' ? 'Children’s Social Care' : 'Early Help');
  const candidates = [
    ...episodes.map((e) => ({
      source: 'episode',
      id: e.id,
      label: `open to ${serviceName(e.service)}`,
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
  if (matches.length === 0) return 0;
  await trx
    .insertInto('referral_matches')
    .values(
      matches.map((m) => ({
        referral_id: referralId,
        source: m.candidate.source,
        source_id: m.candidate.id,
        reason: `${m.reason}: ${m.candidate.label}`,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  return matches.length;
}

/** Whether the child is already known, as far as the triage manager has decided the matches. */
export function alreadyKnown(decisions: readonly (string | null)[]): boolean | 'unchecked' {
  if (decisions.includes('confirmed')) return true;
  return decisions.some((decision) => decision === null) ? 'unchecked' : false;
}

export function matchesRepository(db: Db, clock: Clock) {
  return {
    /** The manager confirms or dismisses a possible match; audited with the change. */
    decide(actor: Actor, referralId: number, matchId: number, decision: 'confirmed' | 'dismissed') {
      return db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable('referral_matches')
          .set({ decision, decided_by: actor.userId, decided_at: clock.now() })
          .where('id', '=', matchId)
          .where('referral_id', '=', referralId)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) return false;
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
