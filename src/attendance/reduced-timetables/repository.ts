// The reduced timetables' SQL: the current ones in a user's scope, one record, and adding,
// changing and ending a record.
import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ReducedTimetablesTable } from '../schema.ts';
import type { Scope } from '../../platform/roles.ts';
import { inScope } from '../../platform/scope.ts';

type Reader = Kysely<Database>;
type ReducedTimetableRow = Insertable<ReducedTimetablesTable>;
type ReducedTimetableChange = Updateable<ReducedTimetablesTable>;

/** The current reduced timetables in scope (not ended, or ending after today), longest running first, with their school's name. */
export function currentReducedTimetables(db: Reader, scope: Scope, today: string) {
  return inScope(db.selectFrom('reduced_timetables'), scope, 'reduced_timetables.urn')
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', today)]))
    .innerJoin('schools', 'schools.urn', 'reduced_timetables.urn')
    .selectAll('reduced_timetables')
    .select('schools.name as school_name')
    .orderBy('reduced_timetables.start_date')
    .orderBy('reduced_timetables.id')
    .execute();
}

/** One record in scope, with its school's name, or undefined. */
export function findReducedTimetable(db: Reader, scope: Scope, id: number) {
  return inScope(db.selectFrom('reduced_timetables'), scope, 'reduced_timetables.urn')
    .innerJoin('schools', 'schools.urn', 'reduced_timetables.urn')
    .selectAll('reduced_timetables')
    .select('schools.name as school_name')
    .where('reduced_timetables.id', '=', id)
    .executeTakeFirst();
}

/** Adds a record; returns its id. */
export function insertReducedTimetable(db: Reader, row: ReducedTimetableRow) {
  return db.insertInto('reduced_timetables').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Changes a record (its details, or its end). */
export async function updateReducedTimetable(db: Reader, id: number, change: ReducedTimetableChange): Promise<void> {
  await db.updateTable('reduced_timetables').set(change).where('id', '=', id).execute();
}
