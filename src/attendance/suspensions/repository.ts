// The suspensions' SQL: the schools in a user's scope, the pupils to count a rate against, the
// records matching a filter, and adding or saving records.
import type { Kysely } from 'kysely';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SuspensionsTable } from '../schema.ts';
import type { Scope } from '../../platform/roles.ts';
import { inScope } from '../../platform/scope.ts';
import { schoolName } from '../../schools/service.ts';
import { rollCounts } from '../roll/repository.ts';

type Reader = Kysely<Database>;
type SuspensionRow = Insertable<SuspensionsTable>;
/** Rows per insert: 9 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

export interface ListFilter {
  year: string;
  urn?: number;
}

/** The schools a user records for or filters by, by name. */
export async function schoolsInScope(db: Reader, scope: Scope) {
  const rows = await inScope(db.selectFrom('schools'), scope, 'schools.urn')
    .select(['urn', 'name'])
    .orderBy('name')
    .orderBy('urn')
    .execute();
  return rows.map((row) => ({ urn: row.urn, name: schoolName(row) }));
}

/**
 * Pupils to count a rate against: each school's roll for the year where it has one, else the
 * school's census number on roll.
 */
export async function pupilsOnRoll(
  db: Reader,
  scope: Scope,
  { year, urn }: ListFilter,
): Promise<{ pupils: number; fromCensus: number }> {
  const roll = await rollCounts(db, scope, year, urn);
  let schools = inScope(db.selectFrom('schools'), scope, 'schools.urn').select(['urn', 'number_on_roll']);
  if (urn !== undefined) schools = schools.where('urn', '=', urn);
  let pupils = 0;
  let fromCensus = 0;
  for (const school of await schools.execute()) {
    const counted = roll.get(school.urn);
    if (counted === undefined) fromCensus++;
    pupils += counted ?? school.number_on_roll;
  }
  return { pupils, fromCensus };
}

export function filtered(db: Reader, scope: Scope, { year, urn }: ListFilter) {
  let query = inScope(db.selectFrom('suspensions'), scope, 'suspensions.urn').where(
    'suspensions.academic_year',
    '=',
    year,
  );
  if (urn !== undefined) query = query.where('suspensions.urn', '=', urn);
  return query;
}

/** A page of the records matching the filter, newest first, with the school's name and the pupil's from the roll. */
export function pageOf(db: Reader, scope: Scope, filter: ListFilter, page: number, pageSize: number) {
  return filtered(db, scope, filter)
    .innerJoin('schools', 'schools.urn', 'suspensions.urn')
    .leftJoin('pupil_roll', (join) =>
      join
        .onRef('pupil_roll.upn', '=', 'suspensions.upn')
        .onRef('pupil_roll.urn', '=', 'suspensions.urn')
        .onRef('pupil_roll.academic_year', '=', 'suspensions.academic_year'),
    )
    .select([
      'suspensions.id',
      'suspensions.upn',
      'suspensions.urn',
      'suspensions.kind',
      'suspensions.start_date',
      'suspensions.sessions',
      'suspensions.reason',
      'schools.name as school_name',
      'pupil_roll.first_name',
      'pupil_roll.last_name',
    ])
    .orderBy('suspensions.start_date', 'desc')
    .orderBy('suspensions.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
}

/** The pupil and kind of every record matching the filter, for the rates. */
export function kindsOf(db: Reader, scope: Scope, filter: ListFilter) {
  return filtered(db, scope, filter).select(['suspensions.upn', 'suspensions.kind']).execute();
}

/** Adds a record; undefined when one is already recorded for the pupil, school, start date and kind. */
export function addSuspension(db: Reader, row: SuspensionRow) {
  return db
    .insertInto('suspensions')
    .values(row)
    .onConflict((oc) => oc.columns(['upn', 'urn', 'start_date', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
}

/** The pupil, school, start date and kind of the records of these pupils. */
export function recordedKeys(db: Reader, upns: readonly string[]) {
  return db.selectFrom('suspensions').select(['upn', 'urn', 'start_date', 'kind']).where('upn', 'in', upns).execute();
}

/** Saves the records, each updating one already recorded for the same pupil, school, start date and kind. */
export async function saveSuspensions(db: Reader, rows: readonly SuspensionRow[], now: Date): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await db
      .insertInto('suspensions')
      .values(rows.slice(start, start + INSERT_CHUNK))
      .onConflict((oc) =>
        oc.columns(['upn', 'urn', 'start_date', 'kind']).doUpdateSet((eb) => ({
          sessions: eb.ref('excluded.sessions'),
          reason: eb.ref('excluded.reason'),
          source: eb.ref('excluded.source'),
          recorded_by: eb.ref('excluded.recorded_by'),
          recorded_at: now,
        })),
      )
      .execute();
  }
}
