/**
 * When a group's weekly sessions may be held (Havering SEMH Team proposal: "Parent support groups are
 * delivered in Clusters on a half-termly basis"): on school days in term time (not a weekend, not
 * a bank holiday, not in a holiday) and inside the programme's own half term. A refused date is
 * named with the reason, so the organiser can pick another. Pure functions on ISO dates.
 */
import {
  addCalendarDays,
  assertIsoDate,
  dayOfWeek,
  WEEKDAY_NAMES,
  type TermPeriod,
} from '../../platform/calendar/calendar.ts';
import { formatIsoDate } from '../../platform/date-input.ts';

/** The bank holidays (date → name) and the half terms, in date order. */
export interface SessionCalendar {
  bankHolidays: ReadonlyMap<string, string>;
  terms: readonly TermPeriod[];
}

export const MAX_SESSIONS = 20;

export function sessionCalendar(
  bankHolidays: Iterable<{ date: string; name: string }>,
  terms: readonly TermPeriod[],
): SessionCalendar {
  const holidays = new Map<string, string>();
  for (const holiday of bankHolidays) holidays.set(assertIsoDate(holiday.date), holiday.name);
  return { bankHolidays: holidays, terms: [...terms].sort((a, b) => a.startsOn.localeCompare(b.startsOn)) };
}

/** 'Monday 3 May 2027'. */
export function dayAndDate(date: string): string {
  const day = WEEKDAY_NAMES[dayOfWeek(date)];
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} ${formatIsoDate(date)}`;
}

/** The dates of `count` weekly sessions from the first. */
export function weeklyDates(first: string, count: number): string[] {
  assertIsoDate(first);
  return Array.from({ length: count }, (_, i) => addCalendarDays(first, 7 * i));
}

const month = (date: string) => Number(date.slice(5, 7));

/** The name of the school holiday between two terms: Christmas, Easter, summer or a half term. */
function holidayName(before: TermPeriod | undefined, after: TermPeriod | undefined): string {
  if (!before || !after) return 'outside the term dates';
  if (month(before.endsOn) === 12 || month(after.startsOn) === 1) return 'in the Christmas holiday';
  if ([7, 8].includes(month(before.endsOn)) || [8, 9].includes(month(after.startsOn))) return 'in the summer holiday';
  if ([3, 4].includes(month(before.endsOn)) && month(after.startsOn) === 4) return 'in the Easter holiday';
  return 'in the half-term holiday';
}

/**
 * Why a group cannot meet on a date, as words that follow the date ('a bank holiday (Early May
 * bank holiday)', 'in the half-term holiday' …), or undefined when it can.
 */
export function whyNotASessionDate(date: string, halfTerm: TermPeriod, cal: SessionCalendar): string | undefined {
  const weekday = dayOfWeek(date);
  if (weekday === 0 || weekday === 6) return 'a weekend';
  const bankHoliday = cal.bankHolidays.get(date);
  if (bankHoliday) return `a bank holiday (${bankHoliday})`;
  const inTerm = cal.terms.some((term) => term.startsOn <= date && date <= term.endsOn);
  if (!inTerm) {
    const before = cal.terms.filter((term) => term.endsOn < date).at(-1);
    const after = cal.terms.find((term) => term.startsOn > date);
    return holidayName(before, after);
  }
  if (date < halfTerm.startsOn) return `before ${halfTerm.name} starts on ${formatIsoDate(halfTerm.startsOn)}`;
  if (date > halfTerm.endsOn) return `after ${halfTerm.name} ends on ${formatIsoDate(halfTerm.endsOn)}`;
  return undefined;
}

/** 'Session 4 would be on Monday 3 May 2027, a bank holiday (Early May bank holiday)'. */
export function sessionDateMessage(session: number, date: string, reason: string): string {
  return `Session ${session} would be on ${dayAndDate(date)}, ${reason}`;
}

export type SessionDates =
  { ok: true; dates: string[] } | { ok: false; session: number; date: string; message: string };

/** The weekly session dates from the first, or the first session that falls on a day the group cannot meet. */
export function checkWeeklySessions(
  first: string,
  count: number,
  halfTerm: TermPeriod,
  cal: SessionCalendar,
): SessionDates {
  const dates = weeklyDates(first, count);
  for (const [i, date] of dates.entries()) {
    const reason = whyNotASessionDate(date, halfTerm, cal);
    if (reason) return { ok: false, session: i + 1, date, message: sessionDateMessage(i + 1, date, reason) };
  }
  return { ok: true, dates };
}

/**
 * Moving one session (numbered `session`) to `date`: the same rules, and not onto the day of
 * another of the programme's sessions. Undefined when the move is allowed.
 */
export function checkMovedSession(
  session: number,
  date: string,
  halfTerm: TermPeriod,
  cal: SessionCalendar,
  otherDates: readonly string[],
): string | undefined {
  const reason = whyNotASessionDate(date, halfTerm, cal);
  if (reason) return sessionDateMessage(session, date, reason);
  if (otherDates.includes(date)) return `There is already a session on ${dayAndDate(date)}`;
  return undefined;
}
