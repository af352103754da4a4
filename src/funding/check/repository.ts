// The figures a forum paper printed for a funding year, as the database keeps them.
import type { Db } from '../../db/connection.ts';
import type { PrintedFigure } from './rules.ts';

/** The figures printed for a year, in the order they were stored. */
export async function printedFiguresOf(db: Db, year: string): Promise<PrintedFigure[]> {
  const rows = await db
    .selectFrom('funding_printed_figures')
    .selectAll()
    .where('year', '=', year)
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    service: row.service_key,
    phase: row.phase,
    figure: row.figure,
    factor: row.factor,
    printedPence: Number(row.printed_pence),
    roundedToPence: row.rounded_to_pence,
    source: row.source,
    note: row.note,
  }));
}
