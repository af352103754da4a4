// What the service knows of a pupil from the school's roll (or, failing that, the children it
// already holds), to start a referral for them without typing it all again.
import type { Db } from '../db/connection.ts';

/** A referral's child page answers for a pupil at a school: their name and more when the service knows them, at least the UPN. */
export async function childAnswersFor(db: Db, urn: number, upn: string): Promise<Record<string, string>> {
  const roll = await db
    .selectFrom('pupil_roll')
    .select(['first_name', 'last_name', 'date_of_birth', 'year_group'])
    .where('urn', '=', urn)
    .where('upn', '=', upn)
    .orderBy('academic_year', 'desc')
    .executeTakeFirst();
  const child = roll
    ? undefined
    : await db
        .selectFrom('children')
        .select(['first_name', 'last_name', 'date_of_birth', 'year_group'])
        .where('school_urn', '=', urn)
        .where('upn', '=', upn)
        .executeTakeFirst();
  const found = roll ?? child;
  if (!found) return { upn };
  const [year, month, day] = found.date_of_birth.split('-') as [string, string, string];
  const yearGroup = roll
    ? ({ N1: 'Nursery', N2: 'Nursery', R: 'Reception' }[roll.year_group] ?? `Year ${roll.year_group}`)
    : found.year_group;
  return {
    firstName: found.first_name,
    lastName: found.last_name,
    'dateOfBirth-day': String(Number(day)),
    'dateOfBirth-month': String(Number(month)),
    'dateOfBirth-year': year,
    upn,
    yearGroup,
  };
}
