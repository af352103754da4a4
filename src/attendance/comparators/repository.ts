// The comparators' SQL: the stored figures, and saving imported ones over the stored figure for
// the same area, academic year, phase and measure.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { isMeasure, isPhase, type ComparatorFigure } from './rules.ts';

type Reader = Kysely<Database>;
/** Rows per insert: 6 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

/** Every stored figure (a figure the rules do not know, were one ever stored, is left out). */
export async function storedComparators(db: Reader): Promise<ComparatorFigure[]> {
  const rows = await db
    .selectFrom('attendance_comparators')
    .select(['area', 'academic_year', 'phase', 'measure', 'value', 'source'])
    .execute();
  return rows.flatMap(({ area, academic_year, phase, measure, value, source }) =>
    isPhase(phase) && isMeasure(measure)
      ? [{ area, academicYear: academic_year, phase, measure, value: Number(value), source }]
      : [],
  );
}

/** The area, year, phase and measure of every stored figure. */
export function storedKeysOf(db: Reader) {
  return db.selectFrom('attendance_comparators').select(['area', 'academic_year', 'phase', 'measure']).execute();
}

/** Saves the figures, each replacing a stored one for the same area, year, phase and measure. */
export async function saveComparators(db: Reader, figures: readonly ComparatorFigure[], importedAt: Date) {
  for (let start = 0; start < figures.length; start += INSERT_CHUNK) {
    await db
      .insertInto('attendance_comparators')
      .values(
        figures.slice(start, start + INSERT_CHUNK).map((figure) => ({
          area: figure.area,
          academic_year: figure.academicYear,
          phase: figure.phase,
          measure: figure.measure,
          value: figure.value,
          source: figure.source,
          imported_at: importedAt,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['area', 'academic_year', 'phase', 'measure']).doUpdateSet((eb) => ({
          value: eb.ref('excluded.value'),
          source: eb.ref('excluded.source'),
          imported_at: eb.ref('excluded.imported_at'),
        })),
      )
      .execute();
  }
}
