// Where a session sits in a pupil's year of marks. The school year runs from 1 August to 31 July
// (as the DfE counts it); every day has two places, the morning and the afternoon session, so a
// year is at most 366 × 2 places and a date range is a slice of it. Pure functions.

export const SESSIONS_PER_YEAR = 366 * 2;

export type Session = 'AM' | 'PM';

const DAY_MS = 86_400_000;

/** The year (e.g. 2026 for 2026/27) the school year containing an ISO date starts in. */
export function schoolYearStartOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  return Number(isoDate.slice(5, 7)) >= 8 ? year : year - 1;
}

/** '2026/27' for the school year starting in 2026. */
export function schoolYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** The year a label such as '2026/27' starts in, or undefined for anything else. */
export function startYearOfLabel(label: string): number | undefined {
  const match = /^(\d{4})\/(\d{2})$/.exec(label);
  if (!match || (Number(match[1]) + 1) % 100 !== Number(match[2])) return undefined;
  return Number(match[1]);
}

/** First and last day of the school year starting in `startYear`. */
export function schoolYearBounds(startYear: number): { from: string; to: string } {
  return { from: `${startYear}-08-01`, to: `${startYear + 1}-07-31` };
}

/** Days from 1 August of the school year to an ISO date (0 for 1 August). */
export function dayOfSchoolYear(isoDate: string, startYear: number): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.UTC(startYear, 7, 1)) / DAY_MS);
}

/** The place of a session in the year's marks. */
export function sessionIndex(isoDate: string, session: Session, startYear: number): number {
  return dayOfSchoolYear(isoDate, startYear) * 2 + (session === 'PM' ? 1 : 0);
}

/** The slice of the year's marks a date range covers: [start, end) places, clipped to the year. */
export function sliceOf(from: string, to: string, startYear: number): { start: number; end: number } {
  const start = Math.max(0, dayOfSchoolYear(from, startYear) * 2);
  const end = Math.min(SESSIONS_PER_YEAR, (dayOfSchoolYear(to, startYear) + 1) * 2);
  return { start, end: Math.max(start, end) };
}

/** The ISO date of a place in the year's marks. */
export function dateOfIndex(index: number, startYear: number): string {
  return new Date(Date.UTC(startYear, 7, 1) + Math.floor(index / 2) * DAY_MS).toISOString().slice(0, 10);
}
