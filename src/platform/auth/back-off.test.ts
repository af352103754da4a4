import { describe, expect, it } from 'vitest';
import { backOffSeconds, secondsToWait, waitInWords, type SignInHistory } from './back-off.ts';

const limits = { perAccount: 5, perIp: 50 };
const now = new Date('2026-03-02T09:00:00Z');
const secondsBefore = (s: number) => new Date(now.getTime() - s * 1000);
const none = { count: 0, last: null };

describe('sign-in back-off rules', () => {
  it('waits 30 seconds after the allowed failures, twice as long after each further one, never more than 15 minutes', () => {
    expect(backOffSeconds(4, 5)).toBe(0);
    expect(backOffSeconds(5, 5)).toBe(30);
    expect(backOffSeconds(6, 5)).toBe(60);
    expect(backOffSeconds(8, 5)).toBe(240);
    expect(backOffSeconds(10, 5)).toBe(900);
    expect(backOffSeconds(500, 5)).toBe(900);
  });

  it('counts the wait from the last failure', () => {
    const history: SignInHistory = {
      pair: { count: 5, last: secondsBefore(10) },
      account: none,
      address: none,
      knownAddress: true,
    };
    expect(secondsToWait(history, limits, now)).toBe(20);
    expect(secondsToWait({ ...history, pair: { count: 5, last: secondsBefore(30) } }, limits, now)).toBe(0);
  });

  it('slows an account as a whole and an address as a whole only where the account has not signed in before', () => {
    const busy: SignInHistory = {
      pair: none,
      account: { count: 7, last: now },
      address: { count: 60, last: now },
      knownAddress: true,
    };
    expect(secondsToWait(busy, limits, now)).toBe(0);
    expect(secondsToWait({ ...busy, knownAddress: false }, limits, now)).toBe(900);
  });

  it('says how long to wait in plain words, rounded up', () => {
    expect(waitInWords(1)).toBe('1 second');
    expect(waitInWords(30)).toBe('30 seconds');
    expect(waitInWords(60)).toBe('1 minute');
    expect(waitInWords(61)).toBe('2 minutes');
    expect(waitInWords(900)).toBe('15 minutes');
  });
});
