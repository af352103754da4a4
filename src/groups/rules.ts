/**
 * The groups area's rules: who may do what (Havering SEMH Team proposal: the children and parent
 * groups are "managed and organised by the Senior SSFP, in liaison with each school"), and the
 * school year a page is about. Years are kept as '2026/27' (src/platform/school-year.ts) and shown
 * as '2026 to 2027'. Pure functions.
 */
import type { CurrentUser } from '../platform/roles.ts';
import { schoolYearNamed, schoolYearOf } from '../platform/school-year.ts';

/** See the year's rotation and programmes (school users see only their own nominations' details). */
export const GROUP_READERS = ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'] as const;
/** Create programmes, confirm or decline places, change session dates, generate the rotation. */
export const GROUP_ORGANISERS = ['senior_practitioner'] as const;
/** Define clusters of schools and move schools between them. */
export const CLUSTER_EDITORS = ['senior_practitioner', 'admin'] as const;
/** Nominate a parent or a child for a place. */
export const NOMINATORS = ['school_user', 'senior_practitioner'] as const;
/** Take a session's register and enter pre/post scores: the senior practitioner, or a practitioner facilitating the group. */
export const REGISTER_TAKERS = ['senior_practitioner', 'practitioner'] as const;
/** Read the groups report. */
export const GROUP_REPORT_READERS = ['senior_practitioner', 'team_manager', 'analyst'] as const;

export const isOrganiser = (user: CurrentUser) => user.roles.includes('senior_practitioner');
/** A school user sees names and contacts only for places with a child at one of their schools. */
export const isSchoolOnly = (user: CurrentUser) => !user.roles.some((role) => role !== 'school_user');

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
