// The school data sets of the funding years as the database keeps them: a school a row with its
// phase and status, and its units per formula factor.
import type { Db } from '../../db/connection.ts';
import type { SchoolUnits } from '../rules.ts';
import { SCHOOLS_PAGE_SIZE } from './rules.ts';

/** Rows per insert: 5 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

/** The year's data set at a glance: schools, maintained and academies, and total units per factor. */
export async function dataSetSummary(db: Db, year: string) {
  const counts = await db
    .selectFrom('funding_schools')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('imported_at').as('importedAt')])
    .where('year', '=', year)
    .groupBy('status')
    .execute();
  const count = (status: string) => Number(counts.find((row) => row.status === status)?.n ?? 0);
  const totals = await db
    .selectFrom('funding_factors')
    .leftJoin('funding_school_units as units', (join) =>
      join.onRef('units.factor', '=', 'funding_factors.key').on('units.year', '=', year),
    )
    .select([
      'funding_factors.key',
      'funding_factors.name',
      (eb) => eb.fn.coalesce(eb.fn.sum<number>('units.units'), eb.lit(0)).as('units'),
    ])
    .groupBy(['funding_factors.key', 'funding_factors.name', 'funding_factors.sort'])
    .orderBy('funding_factors.sort')
    .execute();
  const importedAt =
    counts
      .map((row) => row.importedAt)
      .filter(Boolean)
      .sort()
      .at(-1) ?? null;
  return {
    schools: count('maintained') + count('academy'),
    maintained: count('maintained'),
    academies: count('academy'),
    importedAt,
    factors: totals.map((row) => ({ key: row.key, name: row.name, units: Number(row.units) })),
  };
}

/** One page of the year's schools by name, with their pupils (AWPU units). */
export async function schoolsPage(db: Db, year: string, page: number) {
  const schools = await db
    .selectFrom('funding_schools')
    .leftJoin('funding_school_units as units', (join) =>
      join
        .onRef('units.year', '=', 'funding_schools.year')
        .onRef('units.urn', '=', 'funding_schools.urn')
        .on('units.factor', '=', 'nor'),
    )
    .select([
      'funding_schools.urn',
      'funding_schools.name',
      'funding_schools.phase',
      'funding_schools.status',
      'units.units as pupils',
    ])
    .where('funding_schools.year', '=', year)
    .orderBy('funding_schools.name')
    .orderBy('funding_schools.urn')
    .limit(SCHOOLS_PAGE_SIZE)
    .offset((page - 1) * SCHOOLS_PAGE_SIZE)
    .execute();
  return schools.map((school) => ({ ...school, pupils: school.pupils === null ? null : Number(school.pupils) }));
}

/** Replaces the year's data set with `rows` (a unit for each of `factors`); how many schools it replaced. */
export async function replaceDataSet(
  trx: Db,
  year: string,
  rows: readonly SchoolUnits[],
  factors: readonly string[],
  importedBy: number | null,
): Promise<number> {
  const { numDeletedRows } = await trx.deleteFrom('funding_schools').where('year', '=', year).executeTakeFirstOrThrow();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    const chunk = rows.slice(start, start + INSERT_CHUNK);
    await trx
      .insertInto('funding_schools')
      .values(
        chunk.map((row) => ({
          year,
          urn: row.urn,
          name: row.name,
          phase: row.phase,
          status: row.status,
          imported_by: importedBy,
        })),
      )
      .execute();
  }
  const units = rows.flatMap((row) =>
    factors.map((factor) => ({ year, urn: row.urn, factor, units: row.units[factor] ?? 0 })),
  );
  for (let start = 0; start < units.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('funding_school_units')
      .values(units.slice(start, start + INSERT_CHUNK))
      .execute();
  }
  return Number(numDeletedRows);
}
