import { describe, expect, it } from 'vitest';
import { lookUpCode } from '../rules.ts';
import { countMarks, isCinrose, isPersistentlyAbsent, isSeverelyAbsent, percent, summarise } from './rules.ts';

/** Stored marks from codes as written in a register, e.g. marks('/', 'I', 'N'). */
const marks = (...codes: string[]) =>
  codes
    .map((code) => {
      const found = lookUpCode(code);
      if (!found.ok) throw new Error(found.message);
      return found.entry.stored;
    })
    .join('');
const repeat = (code: string, times: number) => Array<string>(times).fill(code);

describe('the DfE attendance codes of 2024', () => {
  it('maps the old code J to J1 and refuses withdrawn codes saying what to use', () => {
    expect(lookUpCode('J')).toMatchObject({ ok: true, entry: { code: 'J1' }, mappedFrom: 'J' });
    expect(lookUpCode('H')).toEqual({
      ok: false,
      message: expect.stringContaining('use C for exceptional leave or G for a holiday not agreed'),
    });
    expect(lookUpCode('Y')).toEqual({ ok: false, message: expect.stringContaining('Y1 to Y7') });
    expect(lookUpCode('q')).toEqual({ ok: false, message: '‘q’ is not a 2024 attendance code' });
  });
});

describe('possible sessions and absence (DfE statistics methodology)', () => {
  it('counts present, late and approved education as attendance; D, X, Q, Y1–Y7, Z and # are not possible sessions', () => {
    const counts = countMarks(marks('/', '\\', 'L', 'K', 'V', 'P', 'W', 'B', 'D', 'X', 'Q', 'Y1', 'Y7', 'Z', '#'));
    expect(counts).toEqual({ possible: 8, attended: 8, authorised: 0, unauthorised: 0 });
  });

  it('splits absence into authorised (leave, illness, religious observance, suspension without provision) and unauthorised (G, N, O, U)', () => {
    const counts = countMarks(marks('C', 'C1', 'C2', 'M', 'J1', 'S', 'T', 'R', 'I', 'E', 'G', 'N', 'O', 'U'));
    expect(counts).toEqual({ possible: 14, attended: 0, authorised: 10, unauthorised: 4 });
  });

  it('counts only the sessions in a range, and sessions with no mark not at all', () => {
    const year = marks('/', 'I', '/', 'N') + '....';
    expect(countMarks(year, 1, 3)).toEqual({ possible: 2, attended: 1, authorised: 1, unauthorised: 0 });
    expect(countMarks(year, 4)).toEqual({ possible: 0, attended: 0, authorised: 0, unauthorised: 0 });
  });
});

describe('persistent and severe absence at their boundaries (DfE: 10% and 50% of possible sessions)', () => {
  const pupil = (absent: number, present: number) => countMarks(marks(...repeat('I', absent), ...repeat('/', present)));

  it('exactly 10% missed is persistent absence; just under is not', () => {
    expect(isPersistentlyAbsent(pupil(10, 90))).toBe(true);
    expect(isPersistentlyAbsent(pupil(9, 91))).toBe(false);
    expect(isPersistentlyAbsent(pupil(38, 342))).toBe(true); // 38 of 380 sessions, a whole year's 10%
    expect(isPersistentlyAbsent(pupil(37, 343))).toBe(false);
  });

  it('exactly 50% missed is severe absence (Portsmouth school attendance strategy: chronic absence); just under is not', () => {
    expect(isSeverelyAbsent(pupil(190, 190))).toBe(true);
    expect(isSeverelyAbsent(pupil(189, 191))).toBe(false);
  });

  it('a pupil with no possible sessions is neither, and is left out of the pupil count', () => {
    const none = countMarks(marks('D', 'D', 'X'));
    expect(isPersistentlyAbsent(none)).toBe(false);
    const summary = summarise([none, pupil(10, 90)]);
    expect(summary).toMatchObject({
      pupils: 1,
      possible_sessions: 100,
      persistent_absentees: 1,
      persistent_absence_pct: 100,
    });
  });

  it('a dual-registered pupil’s sessions at the other school (D) do not count against this school', () => {
    const dual = countMarks(marks(...repeat('D', 50), ...repeat('/', 45), ...repeat('I', 5)));
    expect(dual.possible).toBe(50);
    expect(isPersistentlyAbsent(dual)).toBe(true); // 5 of 50 possible is 10%
  });
});

describe('CINROSE (RBKC Early Help Family Support: under 80% attendance or under 25 hours)', () => {
  const pupil = (absent: number, present: number) => countMarks(marks(...repeat('N', absent), ...repeat('/', present)));
  it('flags attendance under 80%, not exactly 80%', () => {
    expect(isCinrose(pupil(21, 79))).toBe(true);
    expect(isCinrose(pupil(20, 80))).toBe(false);
  });
  it('flags a reduced timetable under 25 hours a week whatever the attendance', () => {
    expect(isCinrose(pupil(0, 100), 24.5)).toBe(true);
    expect(isCinrose(pupil(0, 100), 25)).toBe(false);
  });
});

describe('rates to two decimals', () => {
  it('rounds half up from whole numbers, and is 0 with nothing to divide by', () => {
    expect(percent(1, 8)).toBe(12.5);
    expect(percent(1, 3)).toBe(33.33);
    expect(percent(2, 3)).toBe(66.67);
    expect(percent(1, 40000)).toBe(0); // 0.0025% rounds to 0.00
    expect(percent(1, 400)).toBe(0.25);
    expect(percent(5, 0)).toBe(0);
  });

  it('summarises an authority: overall, authorised and unauthorised absence, persistent and severe absentees', () => {
    const summary = summarise([
      countMarks(marks(...repeat('/', 90), ...repeat('I', 6), ...repeat('N', 4))),
      countMarks(marks(...repeat('/', 50), ...repeat('G', 50))),
      countMarks(marks(...repeat('/', 100))),
    ]);
    expect(summary).toEqual({
      pupils: 3,
      possible_sessions: 300,
      absence_sessions: 60,
      authorised_sessions: 6,
      unauthorised_sessions: 54,
      overall_absence_pct: 20,
      authorised_absence_pct: 2,
      unauthorised_absence_pct: 18,
      persistent_absentees: 2,
      persistent_absence_pct: 66.67,
      severe_absentees: 1,
      severe_absence_pct: 33.33,
    });
  });
});
