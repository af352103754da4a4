import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { schoolName } from '../service.ts';
import type { SchoolFigures } from './rules.ts';
import { FIGURE_COLUMNS, type CensusRow, type FigureColumn } from './forms.ts';

/** The database, or a transaction on it. */
type Reader = Kysely<Database>;

/** One school's figures for a year, as the vulnerability table uses them (null is unknown), with
 * whether the authority maintains it and which figures are generated demo values. */
export interface YearFigures extends SchoolFigures {
  maintained: boolean;
  demoFields: FigureColumn[];
}

const FIGURES = FIGURE_COLUMNS.map((column) => `school_figures.${column}` as const);

/** Every school with figures for the academic year ('2026/27'), by name. */
export async function figuresForYear(db: Reader, year: string): Promise<YearFigures[]> {
  const rows = await db
    .selectFrom('school_figures')
    .innerJoin('schools', 'schools.urn', 'school_figures.urn')
    .select([
      'schools.urn',
      'schools.name',
      'schools.phase',
      'schools.maintained',
      'school_figures.number_on_roll',
      'school_figures.demo_fields',
      ...FIGURES,
    ])
    .where('school_figures.academic_year', '=', year)
    .orderBy('schools.name')
    .orderBy('schools.urn')
    .execute();
  return rows.map((row) => ({
    urn: row.urn,
    name: schoolName(row),
    phase: row.phase,
    maintained: row.maintained,
    numberOnRoll: row.number_on_roll,
    sen: row.sen_support == null || row.ehcp == null ? null : row.sen_support + row.ehcp,
    lac: row.looked_after,
    mobility: row.mobility,
    eal: row.eal,
    fsm: row.fsm,
    demoFields: row.demo_fields as FigureColumn[],
  }));
}

/** The academic years that have figures, newest first. */
export async function academicYears(db: Reader): Promise<string[]> {
  const rows = await db
    .selectFrom('school_figures')
    .select('academic_year')
    .distinct()
    .orderBy('academic_year', 'desc')
    .execute();
  return rows.map((row) => row.academic_year);
}

/** Rows per insert statement: 14 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;

/** Inserts a year's figures as one import: the same importer and time on each. */
export async function insertFigures(
  trx: Reader,
  year: string,
  rows: readonly CensusRow[],
  { importedBy, demoFields = [] }: { importedBy: number | null; demoFields?: readonly FigureColumn[] },
): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('school_figures')
      .values(
        rows
          .slice(start, start + INSERT_CHUNK)
          .map((row) => ({ ...row, academic_year: year, demo_fields: [...demoFields], imported_by: importedBy })),
      )
      .execute();
  }
}

export function schoolFiguresRepository() {
  return {
    /** The URNs of the authority's schools: the only ones a file may name. */
    async authorityUrns(db: Reader): Promise<Set<number>> {
      const rows = await db.selectFrom('schools').select('urn').execute();
      return new Set(rows.map((row) => row.urn));
    },

    /** Every school, with its figures for the year where it has them (null columns where not). */
    schoolsWithFigures(db: Reader, year: string) {
      return db
        .selectFrom('schools')
        .leftJoin('school_figures', (join) =>
          join.onRef('school_figures.urn', '=', 'schools.urn').on('school_figures.academic_year', '=', year),
        )
        .select([
          'schools.urn',
          'schools.name',
          'schools.phase',
          'school_figures.academic_year',
          'school_figures.number_on_roll',
          'school_figures.demo_fields',
          ...FIGURES,
        ])
        .orderBy('schools.name')
        .orderBy('schools.urn')
        .execute();
    },

    /** When the year's figures were imported, and by whom (undefined when there are none). */
    lastImport(db: Reader, year: string) {
      return db
        .selectFrom('school_figures')
        .leftJoin('users', 'users.id', 'school_figures.imported_by')
        .select(['school_figures.imported_at as at', 'users.name as by'])
        .where('school_figures.academic_year', '=', year)
        .orderBy('school_figures.imported_at', 'desc')
        .limit(1)
        .executeTakeFirst();
    },

    /** Replaces the year's figures (a re-import is the whole year again); returns how many went. */
    async replaceYear(
      trx: Reader,
      year: string,
      rows: readonly CensusRow[],
      importedBy: number | null,
    ): Promise<number> {
      const { numDeletedRows } = await trx
        .deleteFrom('school_figures')
        .where('academic_year', '=', year)
        .executeTakeFirstOrThrow();
      await insertFigures(trx, year, rows, { importedBy });
      return Number(numDeletedRows);
    },
  };
}
