import { describe, it, expect } from 'vitest';
import {
  addCalendarDays,
  addWorkingDays,
  createCalendar,
  dayOfWeek,
  isTermTime,
  isWorkingDay,
  nextTermDay,
  workingDaysBetween,
  type Calendar,
} from './calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from './bank-holidays.ts';
import { SAMPLE_TERM_DATES } from './sample-term-dates.ts';

const cal: Calendar = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
const YEARS = [2024, 2025, 2026, 2027, 2028];

/** Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function holidayNamed(year: number, name: string): string | undefined {
  return BANK_HOLIDAYS_ENGLAND_AND_WALES.find((h) => h.date.startsWith(`${year}-`) && h.name === name)?.date;
}

/** Every date from `from` to `to` inclusive. */
function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date <= to; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
}

describe('bank holidays in England and Wales, 2024 to 2028', () => {
  it('every bank holiday is a valid weekday, listed once, in date order', () => {
    const dates = BANK_HOLIDAYS_ENGLAND_AND_WALES.map((h) => h.date);
    for (const date of dates) expect([1, 2, 3, 4, 5], date).toContain(dayOfWeek(date));
    expect(new Set(dates).size).toBe(dates.length);
    expect([...dates].sort()).toEqual(dates);
    for (const year of YEARS)
      expect(
        dates.filter((d) => d.startsWith(`${year}-`)),
        String(year),
      ).toHaveLength(8);
  });

  it('every Good Friday and Easter Monday matches Easter computed by the anonymous Gregorian algorithm', () => {
    expect(YEARS.map(easterSunday)).toEqual(['2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16']);
    for (const year of YEARS) {
      const easter = easterSunday(year);
      expect(holidayNamed(year, 'Good Friday'), String(year)).toBe(addCalendarDays(easter, -2));
      expect(holidayNamed(year, 'Easter Monday'), String(year)).toBe(addCalendarDays(easter, 1));
    }
  });

  it('early May is the first Monday in May, spring the last Monday in May and summer the last Monday in August', () => {
    for (const year of YEARS) {
      const earlyMay = holidayNamed(year, 'Early May bank holiday')!;
      const spring = holidayNamed(year, 'Spring bank holiday')!;
      const summer = holidayNamed(year, 'Summer bank holiday')!;
      for (const date of [earlyMay, spring, summer]) expect(dayOfWeek(date), `${year} ${date}`).toBe(1);
      expect(earlyMay <= `${year}-05-07` && earlyMay >= `${year}-05-01`, earlyMay).toBe(true);
      expect(addCalendarDays(spring, 7).slice(5, 7), spring).toBe('06');
      expect(spring.slice(5, 7)).toBe('05');
      expect(addCalendarDays(summer, 7).slice(5, 7), summer).toBe('09');
      expect(summer.slice(5, 7)).toBe('08');
    }
  });

  it('moves Christmas, Boxing Day and New Year’s Day that fall at a weekend to substitute days', () => {
    const named = (date: string) => BANK_HOLIDAYS_ENGLAND_AND_WALES.find((h) => h.date === date)?.name;
    expect(named('2026-12-28')).toBe('Boxing Day (substitute day)');
    expect(named('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(named('2027-12-28')).toBe('Boxing Day (substitute day)');
    expect(named('2028-01-03')).toBe('New Year’s Day (substitute day)');
    for (const weekend of ['2026-12-26', '2027-12-25', '2027-12-26', '2028-01-01']) {
      expect(named(weekend), weekend).toBeUndefined();
    }
  });
});

describe('working days', () => {
  it('Monday to Friday are working days, including school holidays, but weekends are not', () => {
    expect(isWorkingDay('2025-04-17', cal)).toBe(true); // Thursday before Easter, school holiday
    expect(isWorkingDay('2025-08-12', cal)).toBe(true); // Tuesday in the summer holiday
    expect(isWorkingDay('2025-10-29', cal)).toBe(true); // Wednesday of half term
    expect(isWorkingDay('2025-04-19', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2025-04-20', cal)).toBe(false); // Sunday
  });

  it('bank holidays are not working days', () => {
    for (const { date } of BANK_HOLIDAYS_ENGLAND_AND_WALES) expect(isWorkingDay(date, cal), date).toBe(false);
  });

  it('skips Good Friday and Easter Monday when adding working days (Easter 2025)', () => {
    expect(addWorkingDays('2025-04-17', 1, cal)).toBe('2025-04-22');
    expect(addWorkingDays('2025-04-14', 5, cal)).toBe('2025-04-23');
  });

  it('skips the Christmas and Boxing Day substitute days in 2026', () => {
    expect(addWorkingDays('2026-12-24', 1, cal)).toBe('2026-12-29');
    expect(addWorkingDays('2026-12-24', 3, cal)).toBe('2026-12-31');
    expect(addWorkingDays('2026-12-31', 1, cal)).toBe('2027-01-04'); // 1 January 2027 is a Friday
  });

  it('skips both substitute days at Christmas 2027 and New Year’s Day (substitute day) 2028', () => {
    expect(addWorkingDays('2027-12-24', 1, cal)).toBe('2027-12-29');
    expect(addWorkingDays('2027-12-31', 1, cal)).toBe('2028-01-04');
  });

  it('a 10 working day deadline runs across the summer bank holiday (August 2025)', () => {
    expect(addWorkingDays('2025-08-20', 10, cal)).toBe('2025-09-04');
  });

  it('adding zero working days keeps a working day and moves a weekend or bank holiday to the next working day', () => {
    expect(addWorkingDays('2025-04-16', 0, cal)).toBe('2025-04-16');
    expect(addWorkingDays('2025-04-18', 0, cal)).toBe('2025-04-22'); // Good Friday
    expect(addWorkingDays('2025-04-19', 0, cal)).toBe('2025-04-22'); // Saturday of Easter weekend
  });

  it('counts from a weekend to the next working day as one working day', () => {
    expect(addWorkingDays('2025-03-08', 1, cal)).toBe('2025-03-10');
    expect(workingDaysBetween('2025-03-08', '2025-03-10', cal)).toBe(1);
  });

  it('negative working days count backwards over weekends and bank holidays', () => {
    expect(addWorkingDays('2025-04-22', -1, cal)).toBe('2025-04-17');
    expect(addWorkingDays('2026-01-02', -4, cal)).toBe('2025-12-24');
    expect(addWorkingDays('2025-04-19', -1, cal)).toBe('2025-04-17'); // from Saturday
  });

  it('workingDaysBetween counts the days after from, up to and including to', () => {
    expect(workingDaysBetween('2025-04-11', '2025-04-18', cal)).toBe(4); // Mon to Thu; Good Friday excluded
    expect(workingDaysBetween('2025-04-14', '2025-04-15', cal)).toBe(1);
    expect(workingDaysBetween('2025-04-14', '2025-04-14', cal)).toBe(0);
    expect(workingDaysBetween('2025-04-15', '2025-04-14', cal)).toBe(0);
    expect(workingDaysBetween('2024-12-31', '2025-12-31', cal)).toBe(365 - 104 - 8);
  });

  it('workingDaysBetween and addWorkingDays agree', () => {
    const workingDays = datesFrom('2024-01-01', '2028-06-30').filter((d) => isWorkingDay(d, cal));
    for (const d of workingDays) {
      for (const n of [0, 1, 2, 5, 10, 20, 65]) {
        expect(workingDaysBetween(d, addWorkingDays(d, n, cal), cal), `${d} + ${n}`).toBe(n);
        expect(workingDaysBetween(addWorkingDays(d, -n, cal), d, cal), `${d} - ${n}`).toBe(n);
      }
    }
  });
});

describe('term time', () => {
  it('half term is not term time', () => {
    expect(isTermTime('2025-10-22', cal)).toBe(true);
    for (const date of ['2025-10-27', '2025-10-29', '2025-10-31', '2026-02-18', '2026-05-27']) {
      expect(isTermTime(date, cal), date).toBe(false);
      expect(isWorkingDay(date, cal), date).toBe(true);
    }
  });

  it('the first and last days of a term are term time, the days either side are not', () => {
    expect(isTermTime('2025-09-03', cal)).toBe(true);
    expect(isTermTime('2025-09-02', cal)).toBe(false);
    expect(isTermTime('2026-07-21', cal)).toBe(true);
    expect(isTermTime('2026-07-22', cal)).toBe(false);
  });

  it('weekends and the early May bank holiday inside a term are not term time', () => {
    expect(isTermTime('2025-05-05', cal)).toBe(false); // early May bank holiday, Summer 1 2025
    expect(isTermTime('2025-05-10', cal)).toBe(false); // Saturday
    expect(isTermTime('2025-05-06', cal)).toBe(true);
  });

  it('the Christmas, Easter and summer holidays are not term time', () => {
    for (const date of ['2025-12-22', '2026-01-02', '2026-04-08', '2026-08-12', '2027-03-26', '2027-04-09']) {
      expect(isTermTime(date, cal), date).toBe(false);
    }
  });

  it('the next triage Friday after the October half term is the first Friday back', () => {
    expect(nextTermDay('2025-10-24', 'friday', cal)).toBe('2025-11-07');
    expect(nextTermDay('2026-10-23', 'friday', cal)).toBe('2026-11-06');
  });

  it('the next term day is strictly after the given date', () => {
    expect(nextTermDay('2025-10-17', 'friday', cal)).toBe('2025-10-24');
    expect(nextTermDay('2025-10-16', 'friday', cal)).toBe('2025-10-17');
  });

  it('the next term day accepts a day name in any case or a number from 0 (Sunday) to 6 (Saturday)', () => {
    expect(nextTermDay('2025-10-17', 'Friday', cal)).toBe('2025-10-24');
    expect(nextTermDay('2025-10-17', 5, cal)).toBe('2025-10-24');
    expect(nextTermDay('2025-10-17', 'saturday', cal)).toBeUndefined();
  });

  it('the next term Monday skips the early May bank holiday and the next Friday skips the summer holiday', () => {
    expect(nextTermDay('2025-04-28', 'monday', cal)).toBe('2025-05-12');
    expect(nextTermDay('2025-07-22', 'friday', cal)).toBe('2025-09-05');
    expect(nextTermDay('2026-12-18', 'friday', cal)).toBe('2027-01-08');
  });

  it('there is no next term day after the last term or when there are no terms', () => {
    expect(nextTermDay('2028-07-21', 'friday', cal)).toBeUndefined();
    expect(nextTermDay('2025-01-01', 'friday', createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES))).toBeUndefined();
  });
});

describe('sample term dates', () => {
  it('has six half-terms a year, in order, without overlaps, each starting and ending on a weekday', () => {
    expect(SAMPLE_TERM_DATES).toHaveLength(24);
    SAMPLE_TERM_DATES.forEach((term, i) => {
      expect(term.name).toMatch(/^(Autumn|Spring|Summer) [12] 20\d\d$/);
      expect(term.name.slice(-4)).toBe(term.startsOn.slice(0, 4));
      expect(term.startsOn < term.endsOn, term.name).toBe(true);
      expect(isWorkingDay(term.startsOn, cal), term.name).toBe(true);
      expect(isWorkingDay(term.endsOn, cal), term.name).toBe(true);
      const previous = SAMPLE_TERM_DATES[i - 1];
      if (previous) expect(previous.endsOn < term.startsOn, term.name).toBe(true);
    });
  });

  it('contains no weekday bank holiday other than the early May bank holiday', () => {
    for (const { date, name } of BANK_HOLIDAYS_ENGLAND_AND_WALES) {
      const inTerm = SAMPLE_TERM_DATES.some((t) => t.startsOn <= date && date <= t.endsOn);
      if (inTerm) expect(name, date).toBe('Early May bank holiday');
    }
  });
});

describe('invalid input', () => {
  it('throws a clear error for an invalid date or weekday', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-1', '25-01-01', '', '2025-04-18T00:00:00Z', 'next Friday']) {
      expect(() => isWorkingDay(bad, cal), bad).toThrow(/Invalid date/);
      expect(() => addWorkingDays(bad, 1, cal), bad).toThrow(/Invalid date/);
      expect(() => workingDaysBetween('2025-01-01', bad, cal), bad).toThrow(/Invalid date/);
      expect(() => isTermTime(bad, cal), bad).toThrow(/Invalid date/);
      expect(() => nextTermDay(bad, 'friday', cal), bad).toThrow(/Invalid date/);
    }
    expect(isWorkingDay('2024-02-29', cal)).toBe(true); // a real leap day
    expect(() => nextTermDay('2025-01-01', 'funday', cal)).toThrow(/Invalid weekday/);
    expect(() => nextTermDay('2025-01-01', 7, cal)).toThrow(/Invalid weekday/);
    expect(() => addWorkingDays('2025-01-01', 1.5, cal)).toThrow(/whole number/);
  });
});
