// The suspensions' SQL that the list and the rates share: the schools in a user's scope, the pupils
// to count a rate against, and the records matching a filter.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../../platform/roles.ts';
import { inScope } from '../../platform/scope.ts';
import { schoolName } from '../../schools/service.ts';
import { rollCounts } from '../roll/repository.ts';

type Reader = Kysely<Database>;

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
