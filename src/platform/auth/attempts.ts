import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { BACK_OFF, secondsToWait, type BackOffLimits, type Failures, type SignInHistory } from './back-off.ts';

// Advisory-lock classes, so that checking the back-off and recording an attempt happen one at a
// time per account and per address: parallel requests cannot all slip through one free attempt.
const ACCOUNT_LOCK = 16001;
const ADDRESS_LOCK = 16002;

const HOUR = 60 * 60 * 1000;
const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);
const later = (a: Date | null, b: Date) => (a && a > b ? a : b);
const failures = (count: number | string, last: Date | null): Failures => ({ count: Number(count), last });

/** What the back-off needs to know about this account and address, as of `now`. */
async function historyOf(trx: DbOrTrx, email: string, ip: string, now: Date): Promise<SignInHistory> {
  const dayAgo = ago(now, BACK_OFF.accountWindowHours * HOUR);
  const successes = await trx
    .selectFrom('sign_in_attempts')
    .select((eb) => [
      eb.fn.max<Date | null>('at').as('account'),
      eb.fn.max<Date | null>('at').filterWhere('ip', '=', ip).as('pair'),
    ])
    .where('email', '=', email)
    .where('succeeded', '=', true)
    .where('at', '>', ago(now, BACK_OFF.knownAddressDays * 24 * HOUR))
    .executeTakeFirstOrThrow();
  const accountSince = later(successes.account, dayAgo);
  const pairSince = later(successes.pair, dayAgo);
  const onAccount = await trx
    .selectFrom('sign_in_attempts')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('at', '>', accountSince).as('accountCount'),
      eb.fn.max<Date | null>('at').filterWhere('at', '>', accountSince).as('accountLast'),
      eb.fn
        .countAll<number>()
        .filterWhere((f) => f.and([f('ip', '=', ip), f('at', '>', pairSince)]))
        .as('pairCount'),
      eb.fn
        .max<Date | null>('at')
        .filterWhere((f) => f.and([f('ip', '=', ip), f('at', '>', pairSince)]))
        .as('pairLast'),
    ])
    .where('email', '=', email)
    .where('succeeded', '=', false)
    .where('at', '>', accountSince < pairSince ? accountSince : pairSince)
    .executeTakeFirstOrThrow();
  const fromAddress = await trx
    .selectFrom('sign_in_attempts')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max<Date | null>('at').as('last')])
    .where('ip', '=', ip)
    .where('succeeded', '=', false)
    .where('at', '>', ago(now, BACK_OFF.addressWindowMinutes * 60 * 1000))
    .executeTakeFirstOrThrow();
  return {
    pair: failures(onAccount.pairCount, onAccount.pairLast),
    account: failures(onAccount.accountCount, onAccount.accountLast),
    address: failures(fromAddress.count, fromAddress.last),
    knownAddress: successes.pair !== null,
  };
}

export type Admission = { waitSeconds: number } | { attemptId: number };

/**
 * Admits one sign-in attempt or says how long to wait. An admitted attempt is recorded at once as
 * failed, so attempts running alongside it count it; `recordSuccess` marks it when the password
 * was right. Attempts told to wait are not recorded, so hammering does not lengthen the wait.
 */
export async function admitAttempt(
  db: Db,
  email: string,
  ip: string,
  now: Date,
  limits: BackOffLimits,
): Promise<Admission> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${ACCOUNT_LOCK}, hashtext(${email}))`.execute(trx);
    await sql`select pg_advisory_xact_lock(${ADDRESS_LOCK}, hashtext(${ip}))`.execute(trx);
    const waitSeconds = secondsToWait(await historyOf(trx, email, ip, now), limits, now);
    if (waitSeconds > 0) return { waitSeconds };
    const row = await trx
      .insertInto('sign_in_attempts')
      .values({ email, ip, succeeded: false, at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { attemptId: row.id };
  });
}

export async function recordSuccess(trx: DbOrTrx, attemptId: number): Promise<void> {
  await trx.updateTable('sign_in_attempts').set({ succeeded: true }).where('id', '=', attemptId).execute();
}
