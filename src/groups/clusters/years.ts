/**
 * The school year a groups page is about: '?year=2026/27', or the current year in London. Shared
 * by the clusters, rotation and overview pages.
 */
import type { DbOrTrx } from '../../db/connection.ts';
import { londonDate } from '../../platform/london-time.ts';
import { schoolYearBounds } from '../../attendance/sessions.ts';
import { groupYearOf, startYearOfLabel, schoolYearLabel } from '../year.ts';

/** Today's date in London. */
export const todayInLondon = () => londonDate(new Date());

/** The year asked for in the address, or the current school year. */
export function yearFromQuery(value: unknown, today = todayInLondon()): string {
  return typeof value === 'string' && startYearOfLabel(value) !== undefined ? value : groupYearOf(today);
}

/** The first and last days of a school year ('2026/27' → 1 August 2026 to 31 July 2027). */
export function yearBounds(year: string): { from: string; to: string } {
  const start = startYearOfLabel(year);
  if (start === undefined) throw new Error(`Not a school year: ${year}`);
  return schoolYearBounds(start);
}

/** The year before a label: '2026/27' → '2025/26'. */
export function previousYearOf(year: string): string {
  const start = startYearOfLabel(year);
  if (start === undefined) throw new Error(`Not a school year: ${year}`);
  return schoolYearLabel(start - 1);
}

/** A date moved into the school year: its first day if before, its last day if after. */
export function clampToYear(date: string, year: string): string {
  const { from, to } = yearBounds(year);
  return date < from ? from : date > to ? to : date;
}

/**
 * The years to offer in a year selector: those with term dates or clusters, the current year and
 * the one shown, newest first.
 */
export async function yearChoices(
  db: DbOrTrx,
  shown: string,
): Promise<{ value: string; text: string; selected: boolean }[]> {
  const terms = await db.selectFrom('term_periods').select('starts_on').execute();
  const clusters = await db.selectFrom('group_clusters').select('academic_year').distinct().execute();
  const years = new Set([
    shown,
    groupYearOf(todayInLondon()),
    ...terms.map((row) => groupYearOf(row.starts_on)),
    ...clusters.map((row) => row.academic_year),
  ]);
  return [...years]
    .sort()
    .reverse()
    .map((year) => ({ value: year, text: year, selected: year === shown }));
}
