/**
 * The groups area's rules: the school year a page is about. (Who may do what is in
 * src/platform/policies.ts: the children and parent groups are "managed and organised by the
 * Senior SSFP, in liaison with each school", Havering SEMH Team proposal.) Years are kept as '2026/27' (src/platform/school-year.ts) and shown
 * as '2026 to 2027'. Pure functions.
 */
import { schoolYearNamed, schoolYearOf } from '../platform/school-year.ts';

/** The school year ('2026/27') a date falls in; years start in August. */
export const groupYearOf = (isoDate: string) => schoolYearOf(isoDate).key;

/** How pages name a school year: '2026/27' → '2026 to 2027'. */
export const yearLabelOf = (year: string) => schoolYearNamed(year)?.label ?? year;

/** The school year of a name, or an error naming it. */
function yearNamed(year: string) {
  const found = schoolYearNamed(year);
  if (!found) throw new Error(`Not a school year: ${year}`);
  return found;
}

/** The year asked for in the address ('2026/27'), or the school year of `today`. */
export function yearFromQuery(value: unknown, today: string): string {
  return (typeof value === 'string' && schoolYearNamed(value)?.key) || groupYearOf(today);
}

/** The first and last days of a school year ('2026/27' → 1 August 2026 to 31 July 2027). */
export function yearBounds(year: string): { from: string; to: string } {
  const { from, to } = yearNamed(year);
  return { from, to };
}

/** The year after: '2026/27' → '2027/28'. */
export const nextYearOf = (year: string): string => groupYearOf(`${yearNamed(year).start + 1}-08-01`);

/** The year before: '2026/27' → '2025/26'. */
export const previousYearOf = (year: string): string => groupYearOf(`${yearNamed(year).start - 1}-08-01`);

/** A date moved into the school year: its first day if before, its last day if after. */
export function clampToYear(date: string, year: string): string {
  const { from, to } = yearBounds(year);
  return date < from ? from : date > to ? to : date;
}

/** A year selector's choices, newest first: each year's value ('2026/27') and name ('2026 to 2027'). */
export function yearOptions(years: Iterable<string>, shown: string) {
  return [...new Set(years)]
    .sort()
    .reverse()
    .map((year) => ({ value: year, text: yearLabelOf(year), selected: year === shown }));
}
