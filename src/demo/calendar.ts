/**
 * The demo borough's calendar for the school years around the clock's: the previous, the current
 * and the next. It has every year of the service's lists (the published bank holidays and the
 * sample term dates in src/platform/calendar); a year they do not reach is made from the usual
 * rules, so a demo started in any year has a whole calendar. Pure functions.
 */
import { BANK_HOLIDAYS_ENGLAND_AND_WALES, type BankHoliday } from '../platform/calendar/bank-holidays.ts';
import { addCalendarDays, dayOfWeek, type TermPeriod } from '../platform/calendar/calendar.ts';
import { SAMPLE_TERM_DATES } from '../platform/calendar/sample-term-dates.ts';
import { schoolYearOf, schoolYearStarting, type SchoolYear } from '../platform/school-year.ts';

const iso = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** The first date on or after `date` that falls on `weekday` (0 Sunday … 6 Saturday). */
function onOrAfter(date: string, weekday: number): string {
  return addCalendarDays(date, (weekday - dayOfWeek(date) + 7) % 7);
}

/** The last date on or before `date` that falls on `weekday`. */
function onOrBefore(date: string, weekday: number): string {
  return addCalendarDays(date, -((dayOfWeek(date) - weekday + 7) % 7));
}

/** The next weekday from `date` (itself when it is one). */
const weekdayFrom = (date: string) =>
  dayOfWeek(date) === 6 ? addCalendarDays(date, 2) : dayOfWeek(date) === 0 ? addCalendarDays(date, 1) : date;

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
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
  return iso(year, month, day);
}

/**
 * England and Wales's bank holidays in a year by the usual rules (Banking and Financial Dealings
 * Act 1971 and the yearly proclamations): a fixed holiday at a weekend moves to the next weekday.
 * One-off holidays (a coronation, a jubilee) and moved ones are not foreseen.
 */
export function bankHolidaysByRule(year: number): BankHoliday[] {
  const easter = easterSunday(year);
  const newYear = weekdayFrom(iso(year, 1, 1));
  const christmas = weekdayFrom(iso(year, 12, 25));
  const boxingDay = weekdayFrom(addCalendarDays(christmas, 1));
  return [
    { date: newYear, name: newYear === iso(year, 1, 1) ? 'New Year’s Day' : 'New Year’s Day (substitute day)' },
    { date: addCalendarDays(easter, -2), name: 'Good Friday' },
    { date: addCalendarDays(easter, 1), name: 'Easter Monday' },
    { date: onOrAfter(iso(year, 5, 1), 1), name: 'Early May bank holiday' },
    { date: onOrBefore(iso(year, 5, 31), 1), name: 'Spring bank holiday' },
    { date: onOrBefore(iso(year, 8, 31), 1), name: 'Summer bank holiday' },
    { date: christmas, name: christmas === iso(year, 12, 25) ? 'Christmas Day' : 'Christmas Day (substitute day)' },
    {
      date: boxingDay,
      name: boxingDay === iso(year, 12, 26) ? 'Boxing Day' : 'Boxing Day (substitute day)',
    },
  ];
}

/**
 * A school year's six half-terms in the usual English pattern: the autumn term from the first
 * Wednesday of September to the last Friday before 22 December, with half term in the last
 * week of October; the spring term from the first Monday after 2 January, with half term in the
 * third week of February, to the Friday before the week of Good Friday; two weeks' Easter holiday;
 * the summer term, with half term in the week of the spring bank holiday, to the last weekday on
 * or before 22 July.
 */
export function termDatesByRule(year: SchoolYear): TermPeriod[] {
  const autumn = year.start;
  const spring = year.start + 1;
  const autumnHalfTerm = onOrBefore(iso(autumn, 10, 31), 1);
  const springHalfTerm = onOrAfter(iso(spring, 2, 15), 1);
  const easterHoliday = addCalendarDays(easterSunday(spring), -6); // the Monday of Good Friday's week
  const summerHalfTerm = onOrBefore(iso(spring, 5, 31), 1);
  const friday = (monday: string) => addCalendarDays(monday, -3);
  const summerEnd = iso(spring, 7, 22);
  return [
    { name: `Autumn 1 ${autumn}`, startsOn: onOrAfter(iso(autumn, 9, 1), 3), endsOn: friday(autumnHalfTerm) },
    {
      name: `Autumn 2 ${autumn}`,
      startsOn: addCalendarDays(autumnHalfTerm, 7),
      endsOn: onOrBefore(iso(autumn, 12, 21), 5),
    },
    { name: `Spring 1 ${spring}`, startsOn: onOrAfter(iso(spring, 1, 3), 1), endsOn: friday(springHalfTerm) },
    { name: `Spring 2 ${spring}`, startsOn: addCalendarDays(springHalfTerm, 7), endsOn: friday(easterHoliday) },
    { name: `Summer 1 ${spring}`, startsOn: addCalendarDays(easterHoliday, 14), endsOn: friday(summerHalfTerm) },
    {
      name: `Summer 2 ${spring}`,
      startsOn: addCalendarDays(summerHalfTerm, 7),
      endsOn: dayOfWeek(summerEnd) === 0 || dayOfWeek(summerEnd) === 6 ? onOrBefore(summerEnd, 5) : summerEnd,
    },
  ];
}

/** The school years the demo's calendar covers: the one before the clock's, the clock's and the next. */
export function demoSchoolYears(current: SchoolYear): SchoolYear[] {
  return [current.start - 1, current.start, current.start + 1].map(schoolYearStarting);
}

/** Every published bank holiday, and for each calendar year the demo's school years touch that has none, the rules' ones. */
export function demoBankHolidays(years: readonly SchoolYear[]): BankHoliday[] {
  const published = new Set(BANK_HOLIDAYS_ENGLAND_AND_WALES.map((holiday) => Number(holiday.date.slice(0, 4))));
  const missing = [...new Set(years.flatMap((year) => [year.start, year.start + 1]))].filter((y) => !published.has(y));
  return [...BANK_HOLIDAYS_ENGLAND_AND_WALES, ...missing.flatMap(bankHolidaysByRule)];
}

/** Every sample term date, and for each of the demo's school years the samples do not have, the rules' ones. */
export function demoTermDates(years: readonly SchoolYear[]): TermPeriod[] {
  const sampled = new Set(SAMPLE_TERM_DATES.map((term) => schoolYearOf(term.startsOn).start));
  return [...SAMPLE_TERM_DATES, ...years.filter((year) => !sampled.has(year.start)).flatMap(termDatesByRule)];
}
