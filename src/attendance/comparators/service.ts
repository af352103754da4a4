// Comparators: the stored figures for display, the newest for a school year (for the dashboard),
// and importing a file: all of it or none, in one transaction with its audit entry. An imported
// figure replaces the stored one for the same area, academic year, phase and measure.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import { storedSchoolYear } from '../rules.ts';
import { parseComparatorsCsv, type ComparatorColumn } from './forms.ts';
import { areaTables, comparatorsFor, withStoredAreaNames, type AreaTable, type ComparatorLookup } from './rules.ts';
import { saveComparators, storedComparators, storedKeysOf } from './repository.ts';

type Reader = Kysely<Database>;
export const COMPARATORS_RECORD = 'attendance-comparators';

export type ComparatorsImportOutcome =
  | { ok: true; figures: number; added: number; replaced: number; areas: string[] }
  | { ok: false; problems: ImportProblem<ComparatorColumn>[] };

const keyOf = (figure: { area: string; academicYear: string; phase: string; measure: string }) =>
  JSON.stringify([figure.area, figure.academicYear, figure.phase, figure.measure]);

/**
 * The comparators for a dashboard's school year ('2024/25'): by measure and phase, the newest
 * figure of each area for that year or an earlier one. Empty for a label that is not a year.
 */
export async function latestFor(db: Reader, yearLabel: string): Promise<ComparatorLookup> {
  const startYear = storedSchoolYear(yearLabel)?.start;
  return startYear === undefined ? {} : comparatorsFor(await storedComparators(db), startYear);
}

export function comparatorsService(db: Db, clock: Clock) {
  return {
    /** The stored figures, one table per area. */
    async list(): Promise<AreaTable[]> {
      return areaTables(await storedComparators(db));
    },

    latestFor: (yearLabel: string) => latestFor(db, yearLabel),

    /** Imports a comparators file (rows without a source take `source`), or changes nothing and says what is wrong. */
    async importFile(actor: Actor, file: Buffer, { source }: { source: string }): Promise<ComparatorsImportOutcome> {
      const parsed = parseComparatorsCsv(file, { source });
      if (!parsed.ok) return parsed;
      return db.transaction().execute(async (trx) => {
        const stored = await storedKeysOf(trx);
        const storedKeys = new Set(stored.map((row) => keyOf({ ...row, academicYear: row.academic_year })));
        const figures = withStoredAreaNames(parsed.rows, [...new Set(stored.map((row) => row.area))]);
        const replaced = figures.filter((figure) => storedKeys.has(keyOf(figure))).length;
        await saveComparators(trx, figures, clock.now());
        const areas = [...new Set(figures.map((figure) => figure.area))];
        const added = figures.length - replaced;
        await audit(trx, actor, {
          action: 'import',
          recordType: COMPARATORS_RECORD,
          details: { figures: figures.length, added, replaced, areas },
        });
        return { ok: true as const, figures: figures.length, added, replaced, areas };
      });
    },
  };
}
