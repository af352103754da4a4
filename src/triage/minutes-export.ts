/**
 * The triage panel's minutes as files: CSV (the service's one CSV writer) and Excel (exceljs). Minutes are
 * circulated, so a row carries the child's initials and year group only, never their name or
 * date of birth (the rows are made in panels.ts). Pure functions of the rows; no Express.
 */
import { csvText, type CsvCell } from '../platform/csv-export.ts';
import ExcelJS from 'exceljs';
import { toLondonWall } from '../platform/london-time.ts';

export interface MinutesRow {
  reference: string;
  school: string;
  initials: string;
  yearGroup: string;
  needs: string;
  level: number | null;
  outcome: string;
  reason: string;
  decidedBy: string;
  decidedAt: Date | null;
}

/** The minutes' columns, in order, with their headings. */
export const MINUTES_COLUMNS: readonly { key: keyof MinutesRow; header: string; width: number }[] = [
  { key: 'reference', header: 'Reference', width: 16 },
  { key: 'school', header: 'School', width: 32 },
  { key: 'initials', header: 'Child’s initials', width: 10 },
  { key: 'yearGroup', header: 'Year group', width: 12 },
  { key: 'needs', header: 'Presenting needs', width: 40 },
  { key: 'level', header: 'Level of need', width: 10 },
  { key: 'outcome', header: 'Outcome', width: 30 },
  { key: 'reason', header: 'Reason', width: 60 },
  { key: 'decidedBy', header: 'Decided by', width: 20 },
  { key: 'decidedAt', header: 'Decided at', width: 18 },
];

/** London wall-clock time as if it were UTC: what a spreadsheet should show. */
const londonWall = (instant: Date) => new Date(toLondonWall(instant));

/** '2026-11-27 14:05', in London time. */
export function formatMinutesTime(instant: Date | null): string {
  return instant ? londonWall(instant).toISOString().slice(0, 16).replace('T', ' ') : '';
}

function csvCell(row: MinutesRow, key: keyof MinutesRow): CsvCell {
  const value = row[key];
  return value instanceof Date ? formatMinutesTime(value) : value;
}

/** The minutes as CSV, with a byte-order mark so Excel reads it as UTF-8. */
export function minutesCsv(rows: readonly MinutesRow[]): string {
  const header = MINUTES_COLUMNS.map((column) => column.header);
  return csvText([header, ...rows.map((row) => MINUTES_COLUMNS.map((column) => csvCell(row, column.key)))], {
    byteOrderMark: true,
    windowsLineEndings: true,
  });
}

/** The minutes as an Excel workbook: one sheet, a bold frozen header row, text cells never formulas. */
export async function minutesXlsx(rows: readonly MinutesRow[], title: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Inclusion Hub';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Minutes', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MINUTES_COLUMNS.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    // Plain strings are stored as text; exceljs writes a formula only when given { formula }.
    sheet.addRow({ ...row, decidedAt: row.decidedAt ? londonWall(row.decidedAt) : null });
  }
  sheet.getColumn('decidedAt').numFmt = 'dd/mm/yyyy hh:mm';
  sheet.getColumn('reason').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
