import { describe, expect, it } from 'vitest';
import { addCalendarDays, createCalendar } from '../../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import { describeSuggestedLevel, LEVELS_OF_NEED, suggestedLevel } from '../rules.ts';
import { isPanelDay, nextPanelDate, panelCutOff, panelFor, upcomingPanels, type PanelSchedule } from './rules.ts';

const calendar = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
const WEEKLY: PanelSchedule = { frequency: 'weekly', weekday: 'friday' };
const FORTNIGHTLY: PanelSchedule = { frequency: 'fortnightly', weekday: 'friday' };

describe('weekly panel', () => {
  it('the weekly panel meets every Friday in term time (Havering schools forum report 2024-25)', () => {
    expect(upcomingPanels('2026-11-01', 3, WEEKLY, calendar)).toEqual(['2026-11-06', '2026-11-13', '2026-11-20']);
  });

  it('the weekly panel after the October half term is the first Friday back (Havering schools forum report 2024-25)', () => {
    // Autumn 1 2026 ends on Friday 23 October; Autumn 2 starts on Monday 2 November.
    expect(nextPanelDate('2026-10-23', WEEKLY, calendar)).toBe('2026-11-06');
  });

  it('the weekly panel skips the Easter holidays and Good Friday (Havering schools forum report 2024-25)', () => {
    // Spring 2 2026 ends on Friday 27 March; Good Friday is 3 April; Summer 1 starts on 13 April.
    expect(nextPanelDate('2026-03-27', WEEKLY, calendar)).toBe('2026-04-17');
  });

  it('a weekly Monday panel skips the early May bank holiday', () => {
    expect(nextPanelDate('2026-04-27', { frequency: 'weekly', weekday: 1 }, calendar)).toBe('2026-05-11');
  });

  it('there is no next panel once the calendar’s term dates run out', () => {
    expect(nextPanelDate('2028-07-21', WEEKLY, calendar)).toBeUndefined();
  });
});

describe('fortnightly panel', () => {
  it('a fortnightly panel starts on the first Friday of the school year (Havering SEMH Team proposal)', () => {
    // Autumn 1 2026 starts on Thursday 3 September.
    expect(upcomingPanels('2026-08-01', 3, FORTNIGHTLY, calendar)).toEqual(['2026-09-04', '2026-09-18', '2026-10-02']);
  });

  it('a fortnightly panel that falls in half term moves to the first Friday back and the next keeps the rhythm (Havering SEMH Team proposal)', () => {
    // 30 October is half term: that panel meets on 6 November, and 13 November stays.
    expect(upcomingPanels('2026-10-10', 3, FORTNIGHTLY, calendar)).toEqual(['2026-10-16', '2026-11-06', '2026-11-13']);
  });

  it('a fortnightly panel skips the Christmas holidays and keeps its rhythm (Havering SEMH Team proposal)', () => {
    // 25 December falls in the holidays; the first Friday back, 8 January, is on the rhythm.
    expect(upcomingPanels('2026-12-01', 3, FORTNIGHTLY, calendar)).toEqual(['2026-12-11', '2027-01-08', '2027-01-22']);
  });

  it('a fortnightly panel keeps the rhythm of a known panel date across Christmas (Havering SEMH Team proposal)', () => {
    // From 11 September: 4 and 18 December; 1 January is a holiday, so 8 January; then 15 January.
    const schedule: PanelSchedule = { ...FORTNIGHTLY, anchor: '2026-09-11' };
    expect(upcomingPanels('2026-12-01', 4, schedule, calendar)).toEqual([
      '2026-12-04',
      '2026-12-18',
      '2027-01-08',
      '2027-01-15',
    ]);
  });

  it('gives the same panels whatever date you ask from', () => {
    const panels = upcomingPanels('2026-09-01', 12, FORTNIGHTLY, calendar);
    for (let i = 1; i < panels.length; i++) {
      expect(isPanelDay(panels[i], FORTNIGHTLY, calendar)).toBe(true);
      for (let day = panels[i - 1]; day < panels[i]; day = addCalendarDays(day, 1)) {
        expect(nextPanelDate(day, FORTNIGHTLY, calendar)).toBe(panels[i]);
      }
    }
    expect(isPanelDay('2026-09-11', FORTNIGHTLY, calendar)).toBe(false);
  });

  it('refuses an anchor that is not on the panel’s weekday', () => {
    expect(() => nextPanelDate('2026-11-01', { ...FORTNIGHTLY, anchor: '2026-09-10' }, calendar)).toThrow(
      /not on the panel’s weekday/,
    );
  });
});

describe('which panel a referral goes to', () => {
  it('a referral sent by noon the working day before goes to that panel', () => {
    // Thursday 19 November 2026, 11:59am GMT, and exactly at noon.
    expect(panelFor(new Date('2026-11-19T11:59:00Z'), WEEKLY, calendar)).toBe('2026-11-20');
    expect(panelFor(new Date('2026-11-19T12:00:00Z'), WEEKLY, calendar)).toBe('2026-11-20');
  });

  it('a referral sent after the noon cut-off goes to the following panel', () => {
    expect(panelFor(new Date('2026-11-19T12:01:00Z'), WEEKLY, calendar)).toBe('2026-11-27');
  });

  it('the noon cut-off is London time in British Summer Time', () => {
    // Thursday 17 September 2026: 11:30am BST is 10:30 UTC; 12:30pm BST is 11:30 UTC.
    expect(panelFor(new Date('2026-09-17T10:30:00Z'), WEEKLY, calendar)).toBe('2026-09-18');
    expect(panelFor(new Date('2026-09-17T11:30:00Z'), WEEKLY, calendar)).toBe('2026-09-25');
  });

  it('a referral sent on the day of a panel goes to the next one', () => {
    expect(panelFor(new Date('2026-11-20T08:00:00Z'), WEEKLY, calendar)).toBe('2026-11-27');
  });

  it('the cut-off for a Tuesday panel after the early May bank holiday is noon on the Friday before', () => {
    expect(panelCutOff('2026-05-05', calendar).toISOString()).toBe('2026-05-01T11:00:00.000Z');
  });

  it('a referral sent after the cut-off for the last fortnightly panel before Christmas waits for the first one back (Havering SEMH Team proposal)', () => {
    expect(panelFor(new Date('2026-12-10T13:00:00Z'), FORTNIGHTLY, calendar)).toBe('2027-01-08');
  });
});

describe('levels of need', () => {
  it('the four levels of need are universal, targeted, complex and statutory (Southend Early Help Family Support service document (2016))', () => {
    expect(LEVELS_OF_NEED.map((l) => [l.level, l.name])).toEqual([
      [1, 'Universal'],
      [2, 'Targeted or emerging needs'],
      [3, 'Complex or intensive'],
      [4, 'Statutory'],
    ]);
  });

  it('one or two presenting issues suggest level 2, and three to eight suggest level 3 (Southend Early Help Family Support service document (2016))', () => {
    expect([1, 2].map(suggestedLevel)).toEqual([2, 2]);
    expect([3, 5, 8].map(suggestedLevel)).toEqual([3, 3, 3]);
  });

  it('no presenting issues suggests level 1; more than eight still suggests level 3, never level 4 (Southend Early Help Family Support service document (2016))', () => {
    expect(suggestedLevel(0)).toBe(1);
    expect(suggestedLevel(12)).toBe(3);
    expect(() => suggestedLevel(-1)).toThrow();
  });

  it('the suggested level is stated as a suggestion only (Southend Early Help Family Support service document (2016))', () => {
    expect(describeSuggestedLevel(4)).toMatch(
      /^Suggested level 3 \(complex or intensive\): 4 presenting issues\. This is a suggestion only/,
    );
  });
});
