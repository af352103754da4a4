/**
 * The school year, one convention for the whole service: a school year runs from 1 August to
 * 31 July, so the summer holiday belongs to the year that follows it. (The Education Act 1996,
 * s.579, starts the school year with the first term after July; counting from 1 August puts every
 * date after July in that year.) Pages name it the GOV.UK way, '2026 to 2027'; data files and
 * stored records use the short form '2026/27'. Pure functions.
 */
import { assertIsoDate } from './calendar/calendar.ts';

export interface SchoolYear {
  /** The calendar year it starts in: 2026 for 2026 to 2027. */
  start: number;
  /** How pages name it: '2026 to 2027'. */
  label: string;
  /** How data files and stored records name it: '2026/27'. */
  key: string;
  /** First day, '2026-08-01'. */
  from: string;
  /** Last day, '2027-07-31'. */
  to: string;
}

/** The school year starting in August of `start`. */
export function schoolYearStarting(start: number): SchoolYear {
  return {
    start,
    label: `${start} to ${start + 1}`,
    key: `${start}/${String((start + 1) % 100).padStart(2, '0')}`,
    from: `${start}-08-01`,
    to: `${start + 1}-07-31`,
  };
}

/** The school year an ISO date (YYYY-MM-DD) falls in. */
export function schoolYearOf(isoDate: string): SchoolYear {
  assertIsoDate(isoDate);
  const year = Number(isoDate.slice(0, 4));
  return schoolYearStarting(Number(isoDate.slice(5, 7)) >= 8 ? year : year - 1);
}

/** The school year named '2026/27' or '2026 to 2027', or undefined for anything else. */
export function schoolYearNamed(name: string): SchoolYear | undefined {
  const match = /^(\d{4})(?:\/(\d{2})| to (\d{4}))$/.exec(name.trim());
  if (!match) return undefined;
  const start = Number(match[1]);
  const ok = match[2] !== undefined ? (start + 1) % 100 === Number(match[2]) : Number(match[3]) === start + 1;
  return ok ? schoolYearStarting(start) : undefined;
}
