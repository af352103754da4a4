// Sign-in back-off: guessing is slowed, but nobody is locked out. After a number of failures each
// further attempt must wait, 30 seconds at first and twice as long after each failure, up to 15
// minutes; once the wait is over the right password signs in. See
// docs/decisions/0004-sign-in-back-off-not-lockout.md.

export const BACK_OFF = {
  firstDelaySeconds: 30,
  maxDelaySeconds: 15 * 60,
  /** Failures on an account count for a day, and only since its last successful sign-in. */
  accountWindowHours: 24,
  /** Failures from an address (every account) count for 15 minutes. */
  addressWindowMinutes: 15,
  /** An account that signed in from an address within this many days is known there. */
  knownAddressDays: 90,
} as const;

export interface BackOffLimits {
  /** Failures on one account before each further attempt waits. */
  perAccount: number;
  /** Failures from one address, across accounts, before attempts for accounts new to it wait. */
  perIp: number;
}

/** Failed attempts counted against one key, and when the last was. */
export interface Failures {
  count: number;
  last: Date | null;
}

export interface SignInHistory {
  /** This account from this address. */
  pair: Failures;
  /** This account from every address. */
  account: Failures;
  /** This address, for every account. */
  address: Failures;
  /** The account has signed in from this address before (within `knownAddressDays`). */
  knownAddress: boolean;
}

/** How long the next attempt must wait after `failures` failures when `free` are allowed without a wait. */
export function backOffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(BACK_OFF.firstDelaySeconds * 2 ** (failures - free), BACK_OFF.maxDelaySeconds);
}

function secondsLeft(failures: Failures, free: number, now: Date): number {
  if (!failures.last) return 0;
  const until = failures.last.getTime() + backOffSeconds(failures.count, free) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}

/**
 * Seconds before this account may try to sign in from this address again (0: it may now).
 * The account and address as a whole slow only addresses the account has not signed in from,
 * so failures elsewhere, or by others at a shared address, never hold up its owner at a usual
 * address; the account from this one address is always slowed.
 */
export function secondsToWait(history: SignInHistory, limits: BackOffLimits, now: Date): number {
  const waits = [secondsLeft(history.pair, limits.perAccount, now)];
  if (!history.knownAddress) {
    waits.push(secondsLeft(history.account, limits.perAccount, now), secondsLeft(history.address, limits.perIp, now));
  }
  return Math.max(...waits);
}

/** "30 seconds", "1 minute", "15 minutes": a wait in plain words, rounded up. */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
