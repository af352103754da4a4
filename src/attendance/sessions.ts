// Kept at its old path for the files outside attendance that still import it here: the places of
// sessions are in ./rules.ts and the school year's one convention (from 1 August) in
// src/platform/school-year.ts. Remove once they import from there.
import { schoolYearOf, schoolYearStarting } from '../platform/school-year.ts';
import { storedSchoolYear } from './rules.ts';

export { SESSIONS_PER_YEAR, dateOfIndex, dayOfSchoolYear, sessionIndex, sliceOf, type Session } from './rules.ts';

/** The year (e.g. 2026 for 2026/27) the school year containing an ISO date starts in. */
export const schoolYearStartOf = (isoDate: string): number => schoolYearOf(isoDate).start;

/** '2026/27' (the stored form) for the school year starting in 2026. */
export const schoolYearLabel = (startYear: number): string => schoolYearStarting(startYear).key;

/** The year a stored key such as '2026/27' starts in, or undefined for anything else. */
export const startYearOfLabel = (key: string): number | undefined => storedSchoolYear(key)?.start;

/** First and last day of the school year starting in `startYear`. */
export function schoolYearBounds(startYear: number): { from: string; to: string } {
  const { from, to } = schoolYearStarting(startYear);
  return { from, to };
}
