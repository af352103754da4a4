// The pupil roll's SQL: the authority's schools, the counts on roll, and replacing a year's roll.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { Scope } from '../../platform/roles.ts';
import { inScope } from '../../platform/scope.ts';
import type { RollRow } from './forms.ts';
import { refreshGroupTotals } from '../aggregates/repository.ts';

type Reader = Kysely<Database>;
/** Rows per insert: 11 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

/** The URNs of the authority's schools: the only ones a file or form may name. */
export async function authorityUrns(db: Reader): Promise<Set<number>> {
  return new Set((await db.selectFrom('schools').select('urn').execute()).map((row) => row.urn));
}

/** Pupils on roll for the year at each school that has a roll (schools in scope, optionally one). */
export async function rollCounts(db: Reader, scope: Scope, year: string, urn?: number): Promise<Map<number, number>> {
  let query = inScope(db.selectFrom('pupil_roll'), scope, 'pupil_roll.urn')
    .select(['urn', (eb) => eb.fn.countAll<number>().as('pupils')])
    .where('academic_year', '=', year)
    .groupBy('urn');
  if (urn !== undefined) query = query.where('urn', '=', urn);
  return new Map((await query.execute()).map((row) => [row.urn, Number(row.pupils)]));
}

/**
 * Replaces the roll of each school in `rows` for the year, and works out again those schools'
 * attendance totals by group of pupils; returns how many pupils went.
 */
export async function replaceRoll(
  trx: Reader,
  year: string,
  rows: readonly RollRow[],
  importedBy: number | null,
): Promise<number> {
  const urns = [...new Set(rows.map((row) => row.urn))];
  const { numDeletedRows } = await trx
    .deleteFrom('pupil_roll')
    .where('academic_year', '=', year)
    .where('urn', 'in', urns)
    .executeTakeFirstOrThrow();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('pupil_roll')
      .values(
        rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          academic_year: year,
          urn: row.urn,
          upn: row.upn,
          first_name: row.firstName,
          last_name: row.lastName,
          date_of_birth: row.dateOfBirth,
          year_group: row.yearGroup,
          sen: row.sen,
          fsm: row.fsm,
          eal: row.eal,
          imported_by: importedBy,
        })),
      )
      .execute();
  }
  await refreshGroupTotals(trx, year, urns);
  return Number(numDeletedRows);
}

/** The schools with these URNs, by name. */
export function schoolsByName(db: Reader, urns: readonly number[]) {
  return db.selectFrom('schools').select(['urn', 'name', 'phase']).where('urn', 'in', urns).orderBy('name').execute();
}
