// What attendance tells the other areas about one pupil: their year's counts and suspensions, and
// their details from the school's roll or the children the service holds.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

type Reader = Kysely<Database>;

/** The pupil's counts for the school year at the school, if they have marks. */
export function pupilYearCounts(db: Reader, year: string, urn: number, upn: string) {
  return db
    .selectFrom('attendance_marks')
    .select(['possible', 'attended', 'authorised', 'unauthorised'])
    .where('academic_year', '=', year)
    .where('urn', '=', urn)
    .where('upn', '=', upn)
    .executeTakeFirst();
}

/** The pupil's suspensions and permanent exclusions in the school year. */
export function pupilExclusions(db: Reader, year: string, upn: string) {
  return db
    .selectFrom('suspensions')
    .select(['kind', 'sessions'])
    .where('academic_year', '=', year)
    .where('upn', '=', upn)
    .execute();
}

/** The pupil on the school's newest roll. */
export function latestOnRoll(db: Reader, urn: number, upn: string) {
  return db
    .selectFrom('pupil_roll')
    .select(['first_name', 'last_name', 'date_of_birth', 'year_group'])
    .where('urn', '=', urn)
    .where('upn', '=', upn)
    .orderBy('academic_year', 'desc')
    .executeTakeFirst();
}

/** The child the service holds at the school with this UPN. */
export function childAtSchool(db: Reader, urn: number, upn: string) {
  return db
    .selectFrom('children')
    .select(['first_name', 'last_name', 'date_of_birth', 'year_group'])
    .where('school_urn', '=', urn)
    .where('upn', '=', upn)
    .executeTakeFirst();
}
