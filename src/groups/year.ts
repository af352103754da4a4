/** School years and half terms for groups: years are labelled '2026/27'; half terms come from the term dates. */
import type { DbOrTrx } from '../db/connection.ts';
import type { TermPeriod } from '../platform/calendar/calendar.ts';
import { schoolYearLabel, schoolYearStartOf, startYearOfLabel } from '../attendance/sessions.ts';

export { schoolYearLabel, startYearOfLabel };

/** The school year ('2026/27') a date falls in; years start in August. */
export const groupYearOf = (isoDate: string) => schoolYearLabel(schoolYearStartOf(isoDate));

/** The year after a label: '2026/27' → '2027/28'. */
export function nextYearOf(label: string): string {
  const start = startYearOfLabel(label);
  if (start === undefined) throw new Error(`Not a school year: ${label}`);
  return schoolYearLabel(start + 1);
}

/** The half terms of a school year from the term dates (usually six), in date order. */
export async function halfTermsOf(db: DbOrTrx, year: string): Promise<TermPeriod[]> {
  const start = startYearOfLabel(year);
  if (start === undefined) return [];
  const rows = await db
    .selectFrom('term_periods')
    .select(['name', 'starts_on', 'ends_on'])
    .where('starts_on', '>=', `${start}-08-01`)
    .where('starts_on', '<', `${start + 1}-08-01`)
    .orderBy('starts_on')
    .execute();
  return rows.map((row) => ({ name: row.name, startsOn: row.starts_on, endsOn: row.ends_on }));
}
