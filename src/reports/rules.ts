/**
 * What the reports share: the school year they count (1 August to 31 July, the service's one
 * convention, src/platform/school-year.ts) by London month, and how they count and show shares.
 * Pure functions.
 */
import { atLondonTime } from '../platform/london-time.ts';
import { schoolYearNamed, schoolYearStarting, type SchoolYear } from '../platform/school-year.ts';

/** A school year as a report counts it: its months, and the London moments it starts and ends. */
export interface ReportYear extends SchoolYear {
  /** Midnight in London at the start of 1 August. */
  startsAt: Date;
  /** Midnight in London at the start of the next 1 August: the first moment after the year. */
  endsAt: Date;
  /** 'YYYY-MM', August to July. */
  months: string[];
}

export function reportYear(start: number): ReportYear {
  const year = schoolYearStarting(start);
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = ((7 + i) % 12) + 1;
    return `${month >= 8 ? start : start + 1}-${String(month).padStart(2, '0')}`;
  });
  return {
    ...year,
    startsAt: atLondonTime(year.from, '00:00'),
    endsAt: atLondonTime(schoolYearStarting(start + 1).from, '00:00'),
    months,
  };
}

/** The start of the school year named '2026/27' (or '2026 to 2027'), or undefined if it is not one the reports show. */
export function reportYearStart(value: unknown): number | undefined {
  const year = typeof value === 'string' ? schoolYearNamed(value) : undefined;
  return year && year.start >= 2000 && year.start <= 2098 ? year.start : undefined;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 'September 2026' for '2026-09'. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-15T12:00:00Z`));
}

// ---- Counting ------------------------------------------------------------------------------

/** A whole-number percentage; null when there is nothing to divide by. */
export function wholePercent(count: number, of: number): number | null {
  return of === 0 ? null : Math.round((count / of) * 100);
}

/** A whole-number percentage to show, '96%'; '–' when there is nothing to divide by. */
export function percentage(count: number, of: number): string {
  const percent = wholePercent(count, of);
  return percent === null ? '–' : `${percent}%`;
}

/** How many rows have each key. A row with several keys (a referral's needs) counts once under each. */
export function countBy<T>(rows: readonly T[], keysOf: (row: T) => string | readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const keys = keysOf(row);
    for (const key of new Set(typeof keys === 'string' ? [keys] : keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}
