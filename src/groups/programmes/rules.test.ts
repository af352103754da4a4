import { describe, expect, it } from 'vitest';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import {
  checkMovedSession,
  checkWeeklySessions,
  dayAndDate,
  sessionCalendar,
  weeklyDates,
  whyNotASessionDate,
} from './rules.ts';

// The real sample term dates and the published bank holidays (Havering SEMH Team proposal: "Parent support groups
// are delivered in Clusters on a half-termly basis, one cluster per half term").
const cal = sessionCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
const halfTerm = (name: string) => {
  const term = SAMPLE_TERM_DATES.find((t) => t.name === name);
  if (!term) throw new Error(`No half term ${name}`);
  return term;
};

describe('weekly session dates (Havering SEMH Team proposal: groups run in a half term)', () => {
  it('steps a week at a time across the clocks changing and the turn of the year', () => {
    expect(weeklyDates('2026-10-19', 3)).toEqual(['2026-10-19', '2026-10-26', '2026-11-02']);
    expect(weeklyDates('2026-12-17', 3)).toEqual(['2026-12-17', '2026-12-24', '2026-12-31']);
    expect(weeklyDates('2027-01-04', 1)).toEqual(['2027-01-04']);
  });

  it('accepts six Mondays that all fall in Spring 1 2027 term time (Havering SEMH Team proposal)', () => {
    expect(checkWeeklySessions('2027-01-04', 6, halfTerm('Spring 1 2027'), cal)).toEqual({
      ok: true,
      dates: ['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25', '2027-02-01', '2027-02-08'],
    });
  });

  it('refuses a session on a bank holiday, naming the date and the holiday (Havering SEMH Team proposal)', () => {
    const result = checkWeeklySessions('2027-04-12', 6, halfTerm('Summer 1 2027'), cal);
    expect(result).toMatchObject({ ok: false, session: 4, date: '2027-05-03' });
    expect(result.ok || result.message).toBe(
      'Session 4 would be on Monday 3 May 2027, a bank holiday (Early May bank holiday)',
    );
  });

  it('refuses a session in the half-term holiday, naming the date (Havering SEMH Team proposal)', () => {
    const result = checkWeeklySessions('2026-09-28', 6, halfTerm('Autumn 1 2026'), cal);
    expect(result.ok || result.message).toBe('Session 5 would be on Monday 26 October 2026, in the half-term holiday');
    const spring = checkWeeklySessions('2027-01-04', 7, halfTerm('Spring 1 2027'), cal);
    expect(spring.ok || spring.message).toBe('Session 7 would be on Monday 15 February 2027, in the half-term holiday');
  });

  it('names the Christmas, Easter and summer holidays (Havering SEMH Team proposal)', () => {
    const christmas = checkWeeklySessions('2026-12-10', 3, halfTerm('Autumn 2 2026'), cal);
    expect(christmas.ok || christmas.message).toBe(
      'Session 3 would be on Thursday 24 December 2026, in the Christmas holiday',
    );
    const easter = checkWeeklySessions('2027-03-04', 5, halfTerm('Spring 2 2027'), cal);
    expect(easter.ok || easter.message).toBe('Session 5 would be on Thursday 1 April 2027, in the Easter holiday');
    const summer = checkWeeklySessions('2027-07-07', 4, halfTerm('Summer 2 2027'), cal);
    expect(summer.ok || summer.message).toBe('Session 4 would be on Wednesday 28 July 2027, in the summer holiday');
  });

  it('refuses a weekend, and calls a bank holiday in a holiday a bank holiday (Havering SEMH Team proposal)', () => {
    const saturday = checkWeeklySessions('2027-01-09', 2, halfTerm('Spring 1 2027'), cal);
    expect(saturday.ok || saturday.message).toBe('Session 1 would be on Saturday 9 January 2027, a weekend');
    expect(whyNotASessionDate('2027-03-26', halfTerm('Spring 2 2027'), cal)).toBe('a bank holiday (Good Friday)');
  });

  it('keeps every session inside the programme’s own half term (Havering SEMH Team proposal: one cluster per half term)', () => {
    const after = checkWeeklySessions('2026-10-21', 3, halfTerm('Autumn 2 2026'), cal);
    expect(after.ok || after.message).toBe(
      'Session 1 would be on Wednesday 21 October 2026, before Autumn 2 2026 starts on 2 November 2026',
    );
    expect(whyNotASessionDate('2026-11-04', halfTerm('Autumn 1 2026'), cal)).toBe(
      'after Autumn 1 2026 ends on 23 October 2026',
    );
    expect(whyNotASessionDate('2026-11-04', halfTerm('Autumn 2 2026'), cal)).toBeUndefined();
  });

  it('refuses a date outside the term dates altogether', () => {
    expect(whyNotASessionDate('2029-01-08', halfTerm('Spring 1 2028'), cal)).toBe('outside the term dates');
  });
});

describe('moving one session (Havering SEMH Team proposal)', () => {
  const spring = halfTerm('Spring 1 2027');
  const others = ['2027-01-04', '2027-01-11', '2027-01-25'];

  it('allows another school day in the half term', () => {
    expect(checkMovedSession(3, '2027-01-20', spring, cal, others)).toBeUndefined();
  });

  it('refuses a bank holiday or a holiday, naming the date (Havering SEMH Team proposal)', () => {
    expect(checkMovedSession(3, '2027-01-01', spring, cal, others)).toBe(
      'Session 3 would be on Friday 1 January 2027, a bank holiday (New Year’s Day)',
    );
    expect(checkMovedSession(3, '2027-02-17', spring, cal, others)).toBe(
      'Session 3 would be on Wednesday 17 February 2027, in the half-term holiday',
    );
  });

  it('refuses the day of another session', () => {
    expect(checkMovedSession(3, '2027-01-11', spring, cal, others)).toBe(
      'There is already a session on Monday 11 January 2027',
    );
  });

  it('writes the day and date in full', () => {
    expect(dayAndDate('2027-05-03')).toBe('Monday 3 May 2027');
  });
});
