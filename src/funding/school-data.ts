// The school data set for a funding year [issue 8; seed 001], as the DfE's Authority Proforma
// Tool gives it: one school a row with its phase, status (maintained or academy) and units per
// formula factor, from a CSV file or an Excel workbook with exactly the columns the statement
// files have (the rows are checked by src/funding/files.ts); one bad row refuses the whole file
// with every problem named by row and column. Importing replaces the year's data set in one
// transaction with its audit entry.
import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { ImportProblem } from '../platform/csv-import.ts';
import { readSpreadsheetRecords } from '../platform/xlsx-import.ts';
import type { SchoolUnits } from './calculate.ts';
import { FACTOR_COLUMNS, readSchoolRecords, SCHOOL_DETAIL_COLUMNS, type Read } from './files.ts';
import { factorsService } from './factors.ts';

export { SCHOOL_COLUMNS as SCHOOL_DATA_COLUMNS } from './files.ts';

/** The data set's columns: the school's details, then a column for every factor, the authority's own included. */
export async function schoolDataColumns(db: Db): Promise<string[]> {
  return [...SCHOOL_DETAIL_COLUMNS, ...(await factorsService(db).keys())];
}

export const SCHOOL_DATA_RECORD = 'funding-school-data';
export const SCHOOLS_PAGE_SIZE = 50;
/** Rows per insert: 5 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

/** Reads a CSV file or an Excel workbook of the data set: every school, or every problem. */
export async function parseSchoolDataFile(
  input: Buffer,
  factors: readonly string[] = FACTOR_COLUMNS,
): Promise<Read<SchoolUnits>> {
  const read = await readSpreadsheetRecords(input);
  return read.ok ? readSchoolRecords(read.records, { factors }) : read;
}

export type SchoolDataImportOutcome =
  | { ok: true; schools: number; maintained: number; academies: number; replaced: number }
  | { ok: false; problems: ImportProblem[] };

export function schoolDataService(db: Db) {
  return {
    /** The year's data set at a glance: schools, maintained and academies, and total units per factor. */
    async summary(year: string) {
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
    },

    /** One page of the year's schools by name, with their pupils (AWPU units). */
    async page(year: string, page: number) {
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
    },

    /** Imports a data set file for the year, replacing the year's data set, or changes nothing and says what is wrong. */
    async importFile(actor: Actor, year: string, file: Buffer): Promise<SchoolDataImportOutcome> {
      const factors = await factorsService(db).keys();
      const parsed = await parseSchoolDataFile(file, factors);
      if (!parsed.ok) return parsed;
      const { rows } = parsed;
      const maintained = rows.filter((row) => row.status === 'maintained').length;
      const replaced = await db.transaction().execute(async (trx) => {
        const { numDeletedRows } = await trx
          .deleteFrom('funding_schools')
          .where('year', '=', year)
          .executeTakeFirstOrThrow();
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
                imported_by: actor.userId,
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
        const details = {
          schools: rows.length,
          maintained,
          academies: rows.length - maintained,
          replaced: Number(numDeletedRows),
        };
        await audit(trx, actor, { action: 'import', recordType: SCHOOL_DATA_RECORD, recordId: year, details });
        return Number(numDeletedRows);
      });
      return { ok: true, schools: rows.length, maintained, academies: rows.length - maintained, replaced };
    },
  };
}
