import { describe, expect, it } from 'vitest';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import { createCalendar, isTermTime } from '../../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import {
  averageChange,
  completionRate,
  hasFinished,
  isTaken,
  meetsCompletion,
  outcomeOf,
  percentText,
  scoreChange,
  sessionsHeld,
  sessionsToComplete,
  signedText,
} from './rules.ts';
import { summariseProgramme } from './attendance/rules.ts';

// Six weekly Tuesday sessions in Spring 1 2026 (5 January to 13 February 2026).
const SPRING_1_2026 = ['2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27', '2026-02-03', '2026-02-10'];
// Eight weekly Thursday sessions in Autumn 1 2025 (3 September to 24 October 2025).
const AUTUMN_1_2025 = [
  '2025-09-04',
  '2025-09-11',
  '2025-09-18',
  '2025-09-25',
  '2025-10-02',
  '2025-10-09',
  '2025-10-16',
  '2025-10-23',
];

describe('the sessions used in these tests', () => {
  it('are school days in one half term of the demo term dates (Havering SEMH Team proposal: groups run half-termly)', () => {
    const calendar = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
    for (const date of [...SPRING_1_2026, ...AUTUMN_1_2025]) expect(isTermTime(date, calendar), date).toBe(true);
  });
});

describe('completing a programme (attended at least 75% of sessions, a setting)', () => {
  it('needs at least the completion share of all the sessions: 6 of 8 at 75%, not 5', () => {
    expect(meetsCompletion(6, 8, 75)).toBe(true);
    expect(meetsCompletion(5, 8, 75)).toBe(false);
    expect(sessionsToComplete(8, 75)).toBe(6);
  });

  it('rounds the sessions needed up, never down: 5 of 6 at 75% (4.5 is not enough)', () => {
    expect(sessionsToComplete(6, 75)).toBe(5);
    expect(meetsCompletion(4, 6, 75)).toBe(false);
    expect(meetsCompletion(5, 6, 75)).toBe(true);
  });

  it('follows the setting: at 50%, 3 of 6 completes', () => {
    expect(meetsCompletion(3, 6, 50)).toBe(true);
    expect(meetsCompletion(3, 6, 75)).toBe(false);
  });

  it('cannot be met by a programme with no sessions', () => {
    expect(meetsCompletion(0, 0, 75)).toBe(false);
    expect(hasFinished([], '2026-03-01')).toBe(false);
  });

  it('is decided only once every session has passed; before that the place is in progress', () => {
    const input = { sessionDates: SPRING_1_2026, attended: 5, percent: 75 };
    expect(outcomeOf({ ...input, today: '2026-02-09' })).toBe('in-progress');
    expect(outcomeOf({ ...input, today: '2026-02-10' })).toBe('completed');
    expect(outcomeOf({ ...input, attended: 4, today: '2026-02-10' })).toBe('not-completed');
    expect(outcomeOf({ sessionDates: [], attended: 0, percent: 75, today: '2026-02-10' })).toBe('in-progress');
  });

  it('counts the sessions held so far as those dated today or earlier', () => {
    expect(sessionsHeld(SPRING_1_2026, '2026-01-20')).toBe(3);
    expect(sessionsHeld(SPRING_1_2026, '2026-01-05')).toBe(0);
  });
});

describe('places taken (a place is taken when it was confirmed)', () => {
  it('counts confirmed places, and withdrawn places that attended at least one session', () => {
    expect(isTaken('confirmed', 0)).toBe(true);
    expect(isTaken('withdrawn', 1)).toBe(true);
    expect(isTaken('withdrawn', 0)).toBe(false);
  });

  it('does not count nominated, waiting or declined places', () => {
    for (const status of ['nominated', 'waiting', 'declined'] as const) expect(isTaken(status, 0)).toBe(false);
  });
});

describe('completion rate (completion rate = completed / places taken)', () => {
  it('is a whole percentage', () => {
    expect(completionRate(2, 3)).toBe(67);
    expect(completionRate(1, 3)).toBe(33);
    expect(completionRate(1, 8)).toBe(13); // 12.5 rounds up
    expect(percentText(completionRate(3, 4))).toBe('75%');
  });

  it('is nothing, not 0%, when no place was taken', () => {
    expect(completionRate(0, 0)).toBeNull();
    expect(percentText(null)).toBe('–');
  });
});

describe('change on the pre/post measure (a score on a named scale to show change)', () => {
  it('is the score after minus the score before, for a participant with both', () => {
    expect(scoreChange(12, 18.5)).toBe(6.5);
    expect(scoreChange(20.3, 20.1)).toBe(-0.2);
    expect(scoreChange(12, null)).toBeNull();
    expect(scoreChange(null, 18)).toBeNull();
  });

  it('averages over the participants with both scores only, to one decimal place', () => {
    expect(
      averageChange([
        { pre: 10, post: 14 },
        { pre: 12, post: 13 },
        { pre: 8, post: null },
        { pre: null, post: 30 },
      ]),
    ).toEqual({ compared: 2, average: 2.5 });
    expect(
      averageChange([
        { pre: 10, post: 11 },
        { pre: 10, post: 11 },
        { pre: 10, post: 12 },
      ]),
    ).toEqual({ compared: 3, average: 1.3 });
    expect(averageChange([{ pre: 0.1, post: 0.3 }])).toEqual({ compared: 1, average: 0.2 });
  });

  it('rounds halves away from zero, and is nothing when no one has both scores', () => {
    expect(
      averageChange([
        { pre: 0, post: 0.1 },
        { pre: 0, post: 0.2 },
      ]).average,
    ).toBe(0.2);
    expect(
      averageChange([
        { pre: 0.1, post: 0 },
        { pre: 0.2, post: 0 },
      ]).average,
    ).toBe(-0.2);
    expect(averageChange([{ pre: 5, post: null }])).toEqual({ compared: 0, average: null });
  });

  it('is shown with its sign', () => {
    expect(signedText(2.5)).toBe('+2.5');
    expect(signedText(-1)).toBe('−1');
    expect(signedText(0)).toBe('0');
    expect(signedText(null)).toBe('–');
  });
});

describe('a programme summed up', () => {
  const places = [
    { id: 1, status: 'confirmed' as const, pre: 10, post: 16 },
    { id: 2, status: 'confirmed' as const, pre: 12, post: null },
    { id: 3, status: 'withdrawn' as const, pre: null, post: null },
    { id: 4, status: 'withdrawn' as const, pre: null, post: null },
    { id: 5, status: 'waiting' as const, pre: null, post: null },
  ];
  const pattern = { 1: 'AAAAAP', 2: 'AAPDDD', 3: 'A-----', 4: 'P-----' } as Record<number, string>;
  const codes = { A: 'attended', P: 'apologies', D: 'did-not-attend' } as const;
  const marks = Object.entries(pattern).flatMap(([placeId, row]) =>
    [...row].flatMap((char) =>
      char === '-' ? [] : [{ placeId: Number(placeId), status: codes[char as keyof typeof codes] }],
    ),
  );

  it('counts places taken, completed and the rate once all sessions have passed (6 weekly sessions, 75%)', () => {
    const { totals, participants } = summariseProgramme({
      sessionDates: SPRING_1_2026,
      places,
      marks,
      today: '2026-02-20',
      percent: 75,
    });
    expect(participants.map((p) => [p.placeId, p.attended, p.outcome])).toEqual([
      [1, 5, 'completed'],
      [2, 2, 'not-completed'],
      [3, 1, 'not-completed'],
    ]);
    expect(totals).toMatchObject({
      taken: 3,
      completed: 1,
      notCompleted: 2,
      inProgress: 0,
      completionRate: 33,
      reached: 3,
      compared: 1,
      averageChange: 6,
    });
  });

  it('shows everyone in progress while sessions remain', () => {
    const { totals, held } = summariseProgramme({
      sessionDates: SPRING_1_2026,
      places,
      marks,
      today: '2026-01-21',
      percent: 75,
    });
    expect(held).toBe(3);
    expect(totals).toMatchObject({ taken: 3, completed: 0, inProgress: 3, completionRate: 0 });
  });

  it('with no places has nothing to divide by', () => {
    const { totals } = summariseProgramme({
      sessionDates: SPRING_1_2026,
      places: [],
      marks: [],
      today: '2026-02-20',
      percent: 75,
    });
    expect(totals).toMatchObject({ taken: 0, completionRate: null, averageChange: null, reached: 0 });
  });
});
