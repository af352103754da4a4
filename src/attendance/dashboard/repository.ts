// The dashboard's own SQL: the year's suspensions with each school's phase, and the reduced
// timetables in place now (the measures themselves come from ../measures/repository.ts).
import type { Db } from '../../db/connection.ts';

/** The year's suspensions and permanent exclusions with their school's phase (only `urns` when given). */
export function suspensionsWithPhase(db: Db, year: string, urns: readonly number[] | undefined) {
  let query = db
    .selectFrom('suspensions')
    .innerJoin('schools', 'schools.urn', 'suspensions.urn')
    .select(['schools.phase', 'suspensions.upn', 'suspensions.kind'])
    .where('suspensions.academic_year', '=', year);
  if (urns) query = query.where('suspensions.urn', 'in', [...urns, -1]);
  return query.execute();
}

/** How many reduced timetables have not ended (only at `urns` when given). */
export async function reducedTimetablesInPlace(db: Db, urns: readonly number[] | undefined): Promise<number> {
  let query = db
    .selectFrom('reduced_timetables')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('ended_on', 'is', null);
  if (urns) query = query.where('urn', 'in', [...urns, -1]);
  return Number((await query.executeTakeFirstOrThrow()).count);
}
