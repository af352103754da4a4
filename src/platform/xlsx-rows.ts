/**
 * Reading the first worksheet of an Excel workbook (.xlsx) into numbered records, within limits
 * (run in a worker thread by xlsx-import.ts, which caps its memory and time).
 *
 * The workbook is unzipped through zip.ts, which counts every entry's bytes as they are
 * unzipped and stops at the first limit passed; only the entries a worksheet needs are read,
 * and they are handed on in a new archive holding just them, with the sizes counted. Rows are
 * then read one at a time with exceljs's streaming reader, and reading stops as soon as the
 * file has more rows than an import takes.
 */
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import type ExcelJS from 'exceljs';
import { EMPTY_FILE, MAX_ROWS, refuse, tooManyRows, type NumberedRecord, type Records } from './csv-import.ts';
import {
  measureEntry,
  readZipDirectory,
  zipArchive,
  type CheckedEntry,
  type ZipLimits,
  type ZipProblem,
} from './zip.ts';

export const NOT_A_WORKBOOK = 'The selected file must be an Excel workbook (.xlsx) or a CSV file saved as UTF-8 text';

export interface XlsxLimits extends ZipLimits {
  /** Data rows (under the header row) an import takes. */
  maxRows: number;
}

const MB = 1024 * 1024;

/**
 * A census or school data set of 50,000 rows by 16 columns unzips to about 30 MB, at 9 times
 * its compressed size; the limits leave room for several times that.
 */
export const XLSX_LIMITS: XlsxLimits = {
  maxEntries: 1000,
  maxEntryBytes: 100 * MB,
  maxTotalBytes: 200 * MB,
  maxRatio: 100,
  maxRows: MAX_ROWS,
};

const SAVE_AGAIN = 'Save it again from your spreadsheet program, or as a CSV file, and upload it';

/** What to tell the person about a workbook refused while it was being unzipped. */
export function zipProblemMessage(problem: ZipProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return NOT_A_WORKBOOK;
    case 'entries':
      return `The file has more than ${problem.limit.toLocaleString('en-GB')} parts inside it, far more than a workbook has. ${SAVE_AGAIN}`;
    case 'entry-size':
      return `The file is too large once unzipped: the limit is ${problem.limit / MB} MB for any one part of the workbook`;
    case 'total-size':
      return `The file is too large once unzipped: the limit is ${problem.limit / MB} MB`;
    case 'ratio':
      return `The file cannot be read safely: part of it grows to more than ${problem.limit} times its size once unzipped. ${SAVE_AGAIN}`;
  }
}

/**
 * What a cell says, as text: a formula's calculated result (or the formula itself when the
 * workbook holds no result, so it is never read as blank), the text of rich text and links.
 */
export function cellText(value: ExcelJS.CellValue): string {
  if (value == null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value !== 'object') return String(value).trim();
  if ('richText' in value)
    return value.richText
      .map((part) => part.text)
      .join('')
      .trim();
  if ('error' in value) return value.error;
  if ('hyperlink' in value) return String(value.text).trim();
  if (value.result !== undefined) return cellText(value.result);
  return `=${value.formula ?? ('sharedFormula' in value ? value.sharedFormula : '')}`;
}

/** The parts a worksheet is read from, in the order the streaming reader needs them (the sheets after the text they refer to). */
const PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/styles.xml', 'xl/sharedStrings.xml'];
const SHEET = /^xl\/worksheets\/sheet\d+\.xml$/;
const partOrder = (name: string) => (SHEET.test(name) ? PARTS.length : PARTS.indexOf(name));

function stored(name: string, text: string): CheckedEntry {
  const data = Buffer.from(text);
  return { name, method: 0, size: data.length, crc: crc32(data), data };
}

/** A new archive of the workbook's parts a worksheet needs, each unzipped once to check it; or why the file is refused. */
async function checkedWorkbook(
  input: Buffer,
  limits: ZipLimits,
): Promise<{ ok: true; archive: Buffer } | { ok: false; problem: ZipProblem }> {
  const directory = readZipDirectory(input, limits);
  if (!directory.ok) return directory;
  const wanted = directory.entries
    .filter((entry) => partOrder(entry.name) >= 0)
    .sort((a, b) => partOrder(a.name) - partOrder(b.name));
  const names = new Set(wanted.map((entry) => entry.name));
  if (!names.has('xl/workbook.xml') || !names.has('xl/_rels/workbook.xml.rels') || wanted.length !== names.size)
    return { ok: false, problem: { kind: 'unreadable' } };
  const checked: CheckedEntry[] = [];
  let total = 0;
  for (const entry of wanted) {
    const measured = await measureEntry(entry, limits, total);
    if (!measured.ok) return measured;
    total += measured.size;
    checked.push({ name: entry.name, method: entry.method, size: measured.size, crc: measured.crc, data: entry.data });
  }
  // Without shared text the streaming reader would park the sheets in temporary files.
  if (!names.has('xl/sharedStrings.xml')) checked.splice(PARTS.length - 1, 0, stored('xl/sharedStrings.xml', '<sst/>'));
  return { ok: true, archive: zipArchive(checked) };
}

type SheetReader = AsyncIterable<ExcelJS.Row> & { id: number | string };

/** The first worksheet's non-empty rows, numbered as Excel numbers them: all of them, or why not. */
export async function readWorkbookRecords(input: Buffer, limits: XlsxLimits = XLSX_LIMITS): Promise<Records> {
  const checked = await checkedWorkbook(input, limits);
  if (!checked.ok) return refuse(zipProblemMessage(checked.problem));
  try {
    // Loaded only for a file that passed its checks, so a refusal comes without the wait.
    const { default: ExcelJS } = await import('exceljs');
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([checked.archive]), {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      entries: 'ignore',
    });
    const book = reader as unknown as { model?: { sheets?: { id: number }[] } };
    for await (const sheet of reader as unknown as AsyncIterable<SheetReader>) {
      // The first sheet is the first tab, which need not be the first in the archive.
      const first = book.model?.sheets?.[0];
      if (first && String(sheet.id) !== String(first.id)) continue;
      const records: NumberedRecord[] = [];
      for await (const row of sheet) {
        const fields: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, column) => {
          fields[column - 1] = cellText(cell.value);
        });
        if (!fields.some(Boolean)) continue;
        records.push({ row: row.number, fields: Array.from(fields, (field) => field ?? '') });
        // The header row and one row too many: the rest is never read.
        if (records.length > limits.maxRows + 1) return tooManyRows(undefined, limits.maxRows);
      }
      return records.length ? { ok: true, records } : refuse(EMPTY_FILE);
    }
  } catch {
    return refuse(NOT_A_WORKBOOK);
  }
  return refuse(EMPTY_FILE);
}
