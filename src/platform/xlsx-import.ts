/**
 * Reading an uploaded Excel workbook (.xlsx) into the same numbered records as a CSV file
 * (see csv-import.ts), so an import checks either the same way. Only the first worksheet is
 * read; rows keep the numbers Excel shows, so problems point at the right row.
 */
import ExcelJS from 'exceljs';
import { EMPTY_FILE, MAX_FILE_BYTES, MAX_ROWS, TOO_LARGE, readCsvRecords, refuse, tooManyRows, type NumberedRecord, type Records } from './csv-import.ts';

export const NOT_A_WORKBOOK = 'The selected file must be an Excel workbook (.xlsx) or a CSV file saved as UTF-8 text';

/** An .xlsx file is a zip archive: it starts with the bytes 'PK\x03\x04'. */
export function looksLikeXlsx(input: Buffer): boolean {
  return input.length >= 4 && input.readUInt32BE(0) === 0x504b0304;
}

/**
 * What a cell says, as text: a formula's calculated result (or the formula itself when the
 * workbook holds no result, so it is never read as blank), the text of rich text and links.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value) return value.richText.map((part) => part.text).join('').trim();
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return String(value.text).trim();
  if (value.result !== undefined) return cellText(value.result);
  return `=${value.formula ?? ('sharedFormula' in value ? value.sharedFormula : '')}`;
}

/** The first worksheet's non-empty rows, numbered as Excel numbers them. */
export async function readXlsxRecords(input: Buffer): Promise<Records> {
  if (input.length > MAX_FILE_BYTES) return refuse(TOO_LARGE);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch {
    return refuse(NOT_A_WORKBOOK);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) return refuse(EMPTY_FILE);
  // Refused before its rows are copied (readTable counts again, leaving out blank rows).
  if (sheet.actualRowCount - 1 > MAX_ROWS) return tooManyRows(sheet.actualRowCount - 1);
  const records: NumberedRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      fields[column - 1] = cellText(cell.value);
    });
    records.push({ row: rowNumber, fields: Array.from(fields, (field) => field ?? '') });
  });
  return { ok: true, records };
}

/** The records of an uploaded CSV file or Excel workbook, told apart by their first bytes. */
export function readSpreadsheetRecords(input: Buffer): Promise<Records> {
  return looksLikeXlsx(input) ? readXlsxRecords(input) : Promise.resolve(readCsvRecords(input, { unreadable: NOT_A_WORKBOOK }));
}
