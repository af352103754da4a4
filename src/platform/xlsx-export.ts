/**
 * A table (a header row and rows of plain values) sent as a download, as CSV (the one writer in
 * csv-export.ts) or
 * as an Excel workbook (exceljs): one sheet, a bold frozen header row and columns wide enough
 * for their contents. Routes build the table once and pass the format, so the two files always
 * have the same columns.
 */
import type { Response } from 'express';
import type ExcelJS from 'exceljs';
import { csvText } from './csv-export.ts';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export type Cell = string | number | null;

export interface TableFile {
  /** The file's name without the extension, such as 'vulnerability-table-2026-27'. */
  filename: string;
  /** The worksheet's name in the workbook (Excel allows 31 characters). */
  sheet: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  format: TableFormat;
}

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

let excel: Promise<typeof ExcelJS> | undefined;

/** exceljs, loaded when the first workbook is made rather than when the service starts. */
export function loadExcel(): Promise<typeof ExcelJS> {
  return (excel ??= import('exceljs').then((module) => module.default));
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 50;

/** Characters wide enough for the longest value in each column, within sensible bounds. */
export function columnWidths(header: readonly string[], rows: readonly (readonly Cell[])[]): number[] {
  return header.map((heading, i) => {
    const longest = rows.reduce((most, row) => Math.max(most, String(row[i] ?? '').length), heading.length);
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
}

/**
 * Adds a table as a sheet: a bold frozen header row and columns wide enough for their contents.
 * Cells are only text, numbers or blanks, and exceljs stores text as text: it writes a formula
 * only when given a { formula } object, so "=HYPERLINK(…)" in a cell is shown, never run.
 */
function addTableSheet(workbook: ExcelJS.Workbook, table: Pick<TableFile, 'sheet' | 'header' | 'rows'>): void {
  const sheet = workbook.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = columnWidths(table.header, table.rows);
  sheet.columns = table.header.map((header, i) => ({ header, width: widths[i] }));
  sheet.getRow(1).font = { bold: true };
  for (const row of table.rows) sheet.addRow([...row]);
}

/** The table as an Excel workbook. Strings are stored as text, never as formulas. */
export async function tableXlsx(table: Omit<TableFile, 'format' | 'filename'>): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Inclusion Hub';
  addTableSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The table as CSV, text that a spreadsheet would read as a formula neutralised. */
export function tableCsv(table: Pick<TableFile, 'header' | 'rows'>): string {
  return csvText([table.header, ...table.rows]);
}

/** Sends the table as a download in its format. */
export async function sendTable(res: Response, table: TableFile): Promise<void> {
  const body = table.format === 'xlsx' ? await tableXlsx(table) : tableCsv(table);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', CONTENT_TYPES[table.format]);
  res.setHeader('Content-Disposition', `attachment; filename="${table.filename}.${table.format}"`);
  res.send(body);
}

/**
 * Sends a workbook of several sheets as a download, each laid out like `tableXlsx`'s one (a bold
 * frozen header row, columns wide enough for their contents, strings stored as text).
 */
export async function sendWorkbook(
  res: Response,
  filename: string,
  sheets: readonly Pick<TableFile, 'sheet' | 'header' | 'rows'>[],
): Promise<void> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Inclusion Hub';
  for (const table of sheets) addTableSheet(workbook, table);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Type', CONTENT_TYPES.xlsx);
  res.setHeader('Content-Disposition', `attachment; filename="${filename}.xlsx"`);
  res.send(Buffer.from(await workbook.xlsx.writeBuffer()));
}
