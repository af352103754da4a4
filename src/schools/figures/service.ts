import type { Db } from '../../db/connection.ts';
import { schoolYearNamed } from '../../platform/school-year.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { listOf, type ImportProblem } from '../../platform/csv-import.ts';
import { schoolName } from '../service.ts';
import { FIGURE_COLUMNS, columnsPhrase, parseCensusFile, type Column, type FigureColumn } from './forms.ts';
import { academicYears, schoolFiguresRepository } from './repository.ts';

export const RECORD_TYPE = 'school-figures';
/** How many schools without figures the success message names before 'and N more'. */
const MAX_NAMED = 10;

export interface ImportSummary {
  year: string;
  schools: number;
  /** Figures stored as unknown: suppressed, missing, or in a column the file did not have. */
  unknownFigures: number;
  absentColumns: FigureColumn[];
  /** The authority's schools that have no figures for the year (not in the file). */
  withoutFigures: string[];
}

export type ImportOutcome = ({ ok: true } & ImportSummary) | { ok: false; problems: ImportProblem<Column>[] };

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`;

/**
 * What the person importing is told: 'Imported 83 schools for 2026 to 2027; 12 figures were
 * suppressed or missing and are shown as unknown.', then any columns the file did not have and
 * the schools with no figures for the year (opened after census day, closed, or left out).
 */
export function importMessage({ year, schools, unknownFigures, absentColumns, withoutFigures }: ImportSummary): string {
  const yearLabel = schoolYearNamed(year)?.label ?? year;
  let message = `Imported ${plural(schools, 'school', 'schools')} for ${yearLabel}`;
  if (unknownFigures > 0) {
    message += `; ${plural(unknownFigures, 'figure was', 'figures were')} suppressed or missing and ${unknownFigures === 1 ? 'is' : 'are'} shown as unknown`;
  }
  message += '.';
  if (absentColumns.length)
    message += ` The file did not have ${columnsPhrase(absentColumns)}, so those figures are unknown for every school.`;
  if (withoutFigures.length) {
    const named = withoutFigures.slice(0, MAX_NAMED);
    const more = withoutFigures.length - named.length;
    const names = more > 0 ? `${named.join(', ')} and ${plural(more, 'other', 'others')}` : listOf(named);
    message += ` ${plural(withoutFigures.length, 'school has', 'schools have')} no figures for ${yearLabel}: ${names}.`;
  }
  return message;
}

/** A figure for the page: the number, or unknown, and whether the demo generated it. */
export interface FigureCell {
  value: number | null;
  demo: boolean;
}

export function schoolFiguresService(db: Db) {
  const repository = schoolFiguresRepository();
  return {
    years: () => academicYears(db),

    /** A year's figures for every school that has them, and the schools that do not. */
    async year(year: string) {
      const [schools, lastImport] = await Promise.all([
        repository.schoolsWithFigures(db, year),
        repository.lastImport(db, year),
      ]);
      const withFigures = schools
        .filter((school) => school.academic_year !== null)
        .map((school) => ({
          urn: school.urn,
          name: schoolName(school),
          phase: school.phase,
          numberOnRoll: school.number_on_roll,
          figures: Object.fromEntries(
            FIGURE_COLUMNS.map((column): [FigureColumn, FigureCell] => [
              column,
              { value: school[column], demo: (school.demo_fields ?? []).includes(column) },
            ]),
          ) as Record<FigureColumn, FigureCell>,
        }));
      const withoutFigures = schools
        .filter((school) => school.academic_year === null)
        .map((school) => ({ urn: school.urn, name: schoolName(school) }));
      const hasDemoValues = withFigures.some((school) => Object.values(school.figures).some((cell) => cell.demo));
      return { schools: withFigures, withoutFigures, lastImport, hasDemoValues };
    },

    /**
     * Replaces a year's figures with a census file (CSV or XLSX), or changes nothing and says
     * what is wrong with it. The replacement and its audit row are one transaction.
     */
    async importFile(actor: Actor, year: string, file: Buffer): Promise<ImportOutcome> {
      const parsed = await parseCensusFile(file, await repository.authorityUrns(db));
      if (!parsed.ok) return parsed;
      const withoutFigures = await db.transaction().execute(async (trx) => {
        const replaced = await repository.replaceYear(trx, year, parsed.rows, actor.userId);
        const missing = (await repository.schoolsWithFigures(trx, year)).filter(
          (school) => school.academic_year === null,
        );
        await audit(trx, actor, {
          action: 'import',
          recordType: RECORD_TYPE,
          recordId: year,
          details: {
            schools: parsed.rows.length,
            replaced,
            unknownFigures: parsed.unknownFigures,
            absentColumns: parsed.absentColumns,
            schoolsWithoutFigures: missing.length,
          },
        });
        return missing.map(schoolName);
      });
      return {
        ok: true,
        year,
        schools: parsed.rows.length,
        unknownFigures: parsed.unknownFigures,
        absentColumns: parsed.absentColumns,
        withoutFigures,
      };
    },
  };
}

export type SchoolFiguresService = ReturnType<typeof schoolFiguresService>;
