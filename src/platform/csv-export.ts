/**
 * The one CSV writer for every file the service sends (downloads, templates and the command
 * line): csv-stringify for the quoting, with every text cell that a spreadsheet would read as a
 * formula neutralised first. Numbers stay numbers, so -3.5 is still a number when opened.
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null | undefined;

export interface CsvOptions {
  /** Start with a byte-order mark, so Excel reads the file as UTF-8. */
  byteOrderMark?: boolean;
  /** End each line with a carriage return and line feed (RFC 4180) rather than a line feed alone. */
  windowsLineEndings?: boolean;
}

/**
 * A text cell that a spreadsheet would read as a formula (it starts with =, +, -, @, a tab or a
 * carriage return) gets a leading single quote, so opening the file never runs it.
 */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const safeCell = (cell: CsvCell): string | number => (typeof cell === 'number' ? cell : neutralise(cell ?? ''));

/** Rows (the first is usually the header) as CSV text, every text cell neutralised. */
export function csvText(rows: readonly (readonly CsvCell[])[], options: CsvOptions = {}): string {
  const text = stringify(
    rows.map((row) => row.map(safeCell)),
    { record_delimiter: options.windowsLineEndings ? 'windows' : 'unix' },
  );
  return options.byteOrderMark ? `\uFEFF${text}` : text;
}
