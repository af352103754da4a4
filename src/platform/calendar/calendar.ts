/**
 * The service's working-day calendar: working days, bank holidays and school term time.
 *
 * Everything here is pure. Dates are ISO calendar dates ('YYYY-MM-DD') with no time or
 * time zone; arithmetic is done on whole days in UTC so that British Summer Time and the
 * server's own time zone can never shift a date by one.
 */

export interface TermPeriod {
  name: string;
  /** First day of the term, inclusive. */
  startsOn: string;
  /** Last day of the term, inclusive. */
  endsOn: string;
}

export interface Calendar {
  bankHolidays: ReadonlySet<string>;
  terms: readonly TermPeriod[];
}

/** 0 = Sunday … 6 = Saturday, matching Date.prototype.getUTCDay. */
export type WeekdayNumber = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export type WeekdayName = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';

export const WEEKDAY_NAMES: readonly WeekdayName[] = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 for a valid ISO date; throws a clear Error otherwise. */
function toDayNumber(date: string): number {
  const match = typeof date === 'string' ? ISO_DATE.exec(date) : null;
  if (!match) throw new Error(`Invalid date "${String(date)}": expected an ISO date like 2025-04-18`);
  const [, y, m, d] = match;
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches impossible dates.
  // (It also maps years 0–99 to 1900–1999, which the round trip rejects as well.)
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new Error(`Invalid date "${date}": there is no such day in the calendar`);
  }
  return ms / MS_PER_DAY;
}

function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10);
}

function weekdayOf(dayNumber: number): WeekdayNumber {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 4) % 7) + 7) % 7) as WeekdayNumber;
}

function isWorkingDayNumber(dayNumber: number, cal: Calendar): boolean {
  const weekday = weekdayOf(dayNumber);
  return weekday !== 0 && weekday !== 6 && !cal.bankHolidays.has(fromDayNumber(dayNumber));
}

/** Throws unless the value is a valid ISO date; returns it unchanged. */
export function assertIsoDate(date: string): string {
  toDayNumber(date);
  return date;
}

/** The day of the week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): WeekdayNumber {
  return weekdayOf(toDayNumber(date));
}

/** The ISO date `days` calendar days after `date` (negative for before). */
export function addCalendarDays(date: string, days: number): string {
  if (!Number.isInteger(days)) throw new Error(`Invalid number of days "${days}": expected a whole number`);
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Builds a calendar, checking every date. Bank holidays may be given as ISO strings or as
 * `{ date }` records such as BANK_HOLIDAYS_ENGLAND_AND_WALES.
 */
export function createCalendar(
  bankHolidays: Iterable<string | { date: string }>,
  terms: readonly TermPeriod[] = [],
): Calendar {
  const holidays = new Set<string>();
  for (const holiday of bankHolidays) holidays.add(assertIsoDate(typeof holiday === 'string' ? holiday : holiday.date));
  for (const term of terms) {
    if (toDayNumber(term.endsOn) < toDayNumber(term.startsOn)) {
      throw new Error(`Invalid term "${term.name}": it ends (${term.endsOn}) before it starts (${term.startsOn})`);
    }
  }
  return { bankHolidays: holidays, terms: [...terms] };
}

/** A working day is Monday to Friday and not a bank holiday. School holidays are still working days. */
export function isWorkingDay(date: string, cal: Calendar): boolean {
  return isWorkingDayNumber(toDayNumber(date), cal);
}

/**
 * The date `n` working days after `date`.
 *
 * - n = 0 gives `date` itself if it is a working day, otherwise the next working day.
 * - n > 0 steps forward over n working days, so from a Friday, 1 is the following Monday
 *   (or Tuesday after a bank holiday Monday). From a weekend or bank holiday, 1 is the
 *   next working day.
 * - n < 0 steps backwards over |n| working days, so -1 is the previous working day.
 */
export function addWorkingDays(date: string, n: number, cal: Calendar): string {
  if (!Number.isInteger(n)) throw new Error(`Invalid number of working days "${n}": expected a whole number`);
  let day = toDayNumber(date);
  if (n === 0) {
    while (!isWorkingDayNumber(day, cal)) day += 1;
    return fromDayNumber(day);
  }
  const step = n > 0 ? 1 : -1;
  let remaining = Math.abs(n);
  while (remaining > 0) {
    day += step;
    if (isWorkingDayNumber(day, cal)) remaining -= 1;
  }
  return fromDayNumber(day);
}

/**
 * The number of working days after `from`, up to and including `to`: the half-open
 * interval (from, to]. `from` itself never counts; `to` counts if it is a working day.
 * Returns 0 when `to` is on or before `from`.
 *
 * This is the inverse of addWorkingDays: for any working day d and n >= 0,
 * workingDaysBetween(d, addWorkingDays(d, n)) === n, and
 * workingDaysBetween(addWorkingDays(d, -n), d) === n.
 * For example, a referral received on a Friday with a 5 working day deadline is due the
 * next Friday, and workingDaysBetween(receivedOn, dueOn) is 5.
 */
export function workingDaysBetween(from: string, to: string, cal: Calendar): number {
  const start = toDayNumber(from);
  const end = toDayNumber(to);
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) {
    if (isWorkingDayNumber(day, cal)) count += 1;
  }
  return count;
}

function isTermTimeDayNumber(dayNumber: number, date: string, cal: Calendar): boolean {
  if (!isWorkingDayNumber(dayNumber, cal)) return false;
  // ISO dates compare correctly as strings.
  return cal.terms.some((term) => term.startsOn <= date && date <= term.endsOn);
}

/** Term time: inside a term (start and end inclusive), on a weekday, and not a bank holiday. */
export function isTermTime(date: string, cal: Calendar): boolean {
  return isTermTimeDayNumber(toDayNumber(date), date, cal);
}

/** The term containing `date` (weekends and bank holidays inside a term included), if any. */
export function termContaining(date: string, cal: Calendar): TermPeriod | undefined {
  assertIsoDate(date);
  return cal.terms.find((term) => term.startsOn <= date && date <= term.endsOn);
}

/** Accepts 0–6 (0 = Sunday) or a day name in any case, such as 'Friday'. */
export function toWeekdayNumber(weekday: number | string): WeekdayNumber {
  if (typeof weekday === 'number') {
    if (Number.isInteger(weekday) && weekday >= 0 && weekday <= 6) return weekday as WeekdayNumber;
  } else if (typeof weekday === 'string') {
    const index = WEEKDAY_NAMES.indexOf(weekday.trim().toLowerCase() as WeekdayName);
    if (index >= 0) return index as WeekdayNumber;
  }
  throw new Error(`Invalid weekday "${String(weekday)}": expected 0 (Sunday) to 6 (Saturday) or a day name`);
}

/**
 * The first date strictly after `from` that falls on `weekday` and is term time, or
 * undefined if there is none before the calendar's last term ends. For example, the next
 * triage meeting when triage runs every Friday in term time.
 */
export function nextTermDay(from: string, weekday: number | string, cal: Calendar): string | undefined {
  const target = toWeekdayNumber(weekday);
  const start = toDayNumber(from);
  let lastDay = -Infinity;
  for (const term of cal.terms) lastDay = Math.max(lastDay, toDayNumber(term.endsOn));
  // Jump straight to the first matching weekday, then go a week at a time.
  let day = start + 1 + ((target - weekdayOf(start + 1) + 7) % 7);
  for (; day <= lastDay; day += 7) {
    const date = fromDayNumber(day);
    if (isTermTimeDayNumber(day, date, cal)) return date;
  }
  return undefined;
}
