import { describe, expect, it } from 'vitest';
import { clockFromSettings, clockStartingAt, fixedClock, parseNow } from './clock.ts';
import { schoolYearNamed, schoolYearOf, schoolYearStarting } from './school-year.ts';

describe('the one clock', () => {
  it('reads NOW as London time, in summer and in winter', () => {
    expect(parseNow('2027-03-10T10:00')?.toISOString()).toBe('2027-03-10T10:00:00.000Z');
    expect(parseNow('2027-07-01T10:00')?.toISOString()).toBe('2027-07-01T09:00:00.000Z');
    expect(parseNow('2027-03-10')?.toISOString()).toBe('2027-03-10T09:00:00.000Z');
    expect(parseNow('2027-03-10T10:00:00Z')?.toISOString()).toBe('2027-03-10T10:00:00.000Z');
    expect(parseNow('2027-02-30T10:00')).toBeUndefined();
    expect(parseNow('10 March 2027')).toBeUndefined();
    expect(parseNow('2027-03-10T25:00')).toBeUndefined();
  });

  it('takes today as the date in London, so midnight to 1am in summer is already the next day', () => {
    const justAfterMidnightInLondon = fixedClock(new Date('2027-06-30T23:30:00Z'));
    expect(justAfterMidnightInLondon.today()).toBe('2027-07-01');
    expect(fixedClock(new Date('2027-01-31T23:30:00Z')).today()).toBe('2027-01-31');
  });

  it('starts at NOW and runs on from there at the normal speed', () => {
    const start = new Date('2027-03-10T10:00:00Z');
    const since = Date.UTC(2026, 11, 7, 12, 0, 0);
    const clock = clockStartingAt(start, since);
    const elapsed = clock.now().getTime() - start.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(Date.now() - since - 1000);
    expect(elapsed).toBeLessThanOrEqual(Date.now() - since + 1000);
  });

  it('keeps the same time in two processes given the same NOW and NOW_SINCE', () => {
    const now = parseNow('2027-03-10T10:00');
    const since = Date.now() - 5_000;
    const one = clockFromSettings(now, since).now().getTime();
    const two = clockFromSettings(now, since).now().getTime();
    expect(Math.abs(one - two)).toBeLessThan(50);
    expect(one - now!.getTime()).toBeGreaterThanOrEqual(5_000);
  });
});

describe('the school year', () => {
  it('runs from 1 August to 31 July (Education Act 1996, s.579: it starts with the first term after July)', () => {
    expect(schoolYearOf('2026-07-31').start).toBe(2025);
    expect(schoolYearOf('2026-08-01').start).toBe(2026);
    expect(schoolYearOf('2027-03-10')).toEqual({
      start: 2026,
      label: '2026 to 2027',
      key: '2026/27',
      from: '2026-08-01',
      to: '2027-07-31',
    });
    expect(fixedClock(new Date('2027-03-10T10:00:00Z')).schoolYear().label).toBe('2026 to 2027');
  });

  it('is named one way on every page, "2026 to 2027", and read in either form', () => {
    expect(schoolYearStarting(2099).label).toBe('2099 to 2100');
    expect(schoolYearStarting(2099).key).toBe('2099/00');
    expect(schoolYearNamed('2026/27')?.start).toBe(2026);
    expect(schoolYearNamed('2026 to 2027')?.start).toBe(2026);
    expect(schoolYearNamed('2026/28')).toBeUndefined();
    expect(schoolYearNamed('2026 to 2028')).toBeUndefined();
  });
});
