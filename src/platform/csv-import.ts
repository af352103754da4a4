/**
 * Reading an uploaded table for an import, whatever the import is: pure functions, no database.
 *
 * A file becomes numbered records (`readCsvRecords` here; `readXlsxRecords` in xlsx-import.ts),
 * the records become rows under a header (`readTable`), and each import checks its rows with
 * `checkRows`, which collects every problem instead of stopping at the first.
 *
 * The file:
 * - starts with a header row naming the columns, in any order and any case ('First name',
 *   'first-name' and ' FIRST_NAME ' are all first_name); other columns are ignored;
 * - has a UTF-8 byte order mark or not, CRLF or LF line ends, quoted values (with commas,
 *   quotes or line breaks inside) and blank rows, which are skipped;
 * - is at most MAX_FILE_BYTES and MAX_ROWS rows.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1. One bad row means the
 * whole file is refused, with every problem listed by row and column.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { csvText } from './csv-export.ts';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 50_000;
/** How many problems the page lists before 'and N more'. */
export const MAX_PROBLEMS_SHOWN = 50;

export const NOT_A_CSV = 'The selected file must be a CSV file saved as UTF-8 text';
export const EMPTY_FILE = 'The selected file is empty';
export const TOO_LARGE = `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`;

/** What is wrong, and where: a row (spreadsheet numbering) and column when the problem has one. */
export interface ImportProblem<C extends string = string> {
  row?: number;
  column?: C;
  message: string;
}

export type Refused<C extends string = string> = { ok: false; problems: ImportProblem<C>[] };

/** One value checked: what it means, or what to tell the person about it. */
export type Check<T> = { ok: true; value: T } | { ok: false; message: string };

/** A record of the file with the row number a spreadsheet shows for it. */
export interface NumberedRecord {
  row: number;
  fields: string[];
}

/** Records, or the problem (with no column) that stops the file being read. */
export type Records = { ok: true; records: NumberedRecord[] } | Refused<never>;

export const refuse = (message: string): Refused<never> => ({ ok: false, problems: [{ message }] });

/** Too many rows: how many when the whole file was counted, or 'more' when reading stopped at the limit. */
export const tooManyRows = (rows?: number, max = MAX_ROWS) =>
  refuse(
    `The file must have ${max.toLocaleString('en-GB')} rows or fewer; it has ${rows === undefined ? 'more' : rows.toLocaleString('en-GB')}`,
  );

/** 'First Name', 'first-name' and ' FIRST_NAME ' are all first_name. */
export function columnKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** 'a', 'a and b', 'a, b and c'. */
export function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Text that is UTF-8 and has no control characters a text file would not: else not a CSV. */
function decode(input: Buffer | string): string | undefined {
  let text: string;
  try {
    text = typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- looking for the binary bytes a CSV never holds
  return /[\u0000-\u0008\u000e-\u001f]/.test(text) ? undefined : text;
}

const MAX_VALUE_BYTES = 64 * 1024;

/** Where a reading error is: 'line 4, column 2' (csv-parse counts columns from 0). */
function whereIn(error: CsvError): string {
  const column = typeof error.column === 'number' ? `, column ${error.column + 1}` : '';
  return `line ${error.lines ?? '?'}${column}`;
}

/** What stops a CSV file being read, said so that a person can find it and correct it. */
function syntaxProblem(error: CsvError): ImportProblem<never> {
  const where = whereIn(error);
  const explained: Partial<Record<string, string>> = {
    CSV_QUOTE_NOT_CLOSED: `a quoted value that starts on or before line ${error.lines ?? '?'} of the file is not closed`,
    CSV_INVALID_CLOSING_QUOTE: `line ${error.lines ?? '?'} of the file has a quote mark inside a value; put the whole value in quotes and double the quote mark`,
    INVALID_OPENING_QUOTE: `${where} has a quote mark inside a value that is not in quotes; put the whole value in quotes and double the quote mark, like "4""20"`,
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: `${where} has text after the closing quote mark of a value; put the whole value in quotes and double any quote mark inside it`,
    CSV_MAX_RECORD_SIZE: `line ${error.lines ?? '?'} is longer than ${MAX_VALUE_BYTES / 1024} KB`,
  };
  return { message: `The file is not a readable CSV: ${explained[error.code] ?? `there is a problem at ${where}`}` };
}

/** The records of a CSV file, or the one problem that stops it being read. */
export function readCsvRecords(input: Buffer | string, { unreadable = NOT_A_CSV } = {}): Records {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_FILE_BYTES) return refuse(TOO_LARGE);
  const text = decode(input);
  if (text === undefined) return refuse(unreadable);
  if (text.replace(/^\uFEFF/, '').trim() === '') return refuse(EMPTY_FILE);
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, relax_column_count: true, max_record_size: MAX_VALUE_BYTES });
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, problems: [syntaxProblem(error)] };
    throw error;
  }
  return { ok: true, records: records.map((fields, index) => ({ row: index + 1, fields })) };
}

/** The columns an import reads: all it knows, those it must have, and other names for them. */
export interface TableSpec<C extends string> {
  columns: readonly C[];
  required: readonly C[];
  /** Other headers (as `columnKey` gives them) that mean a column, like `nor` for number_on_roll. */
  aliases?: Readonly<Record<string, C>>;
}

/** A data row: its number and the (trimmed) value in each known column, '' when absent. */
export interface TableRow<C extends string> {
  row: number;
  cell(column: C): string;
}

export type Table<C extends string> = { ok: true; rows: TableRow<C>[]; present: ReadonlySet<C> } | Refused<C>;

/** Where each known column is, or the one problem with the header row. */
function readHeader<C extends string>(
  { row, fields }: NumberedRecord,
  spec: TableSpec<C>,
): { ok: true; positions: Map<C, number> } | Refused<C> {
  const keys = fields.map((field) => {
    const key = columnKey(field);
    return spec.aliases?.[key] ?? key;
  });
  const positions = new Map<C, number>();
  for (const column of spec.columns) {
    const found = keys.filter((key) => key === column).length;
    if (found > 1)
      return { ok: false, problems: [{ row, column, message: `the column ${column} appears more than once` }] };
    if (found === 1) positions.set(column, keys.indexOf(column));
  }
  if (positions.size === 0) {
    return {
      ok: false,
      problems: [{ row, message: `the first row must name the columns: ${spec.columns.join(', ')}` }],
    };
  }
  const missing = spec.required.filter((column) => !positions.has(column));
  if (missing.length) {
    return {
      ok: false,
      problems: [
        {
          row,
          message: `the file must have ${missing.length === 1 ? 'a column' : 'columns'} named ${listOf(missing)}`,
        },
      ],
    };
  }
  return { ok: true, positions };
}

/** The data rows under the header (blank rows left out), or the one problem with the table. */
export function readTable<C extends string>(records: readonly NumberedRecord[], spec: TableSpec<C>): Table<C> {
  if (records.length === 0) return refuse(EMPTY_FILE);
  const header = readHeader(records[0], spec);
  if (!header.ok) return header;
  const data = records.slice(1).filter(({ fields }) => fields.some((field) => field !== ''));
  if (data.length === 0) return refuse('The file has no rows after the column names');
  if (data.length > MAX_ROWS) return tooManyRows(data.length);
  const rows = data.map(({ row, fields }) => ({
    row,
    cell: (column: C) => fields[header.positions.get(column) ?? -1]?.trim() ?? '',
  }));
  return { ok: true, rows, present: new Set(header.positions.keys()) };
}

/** A CSV file's data rows under its header, or what stops it being read. */
export function parseCsvTable<C extends string>(input: Buffer | string, spec: TableSpec<C>): Table<C> {
  const read = readCsvRecords(input);
  return read.ok ? readTable(read.records, spec) : read;
}

/** Hands a row reader each checked value; a failed check is noted as a problem at that column. */
export type Take<C extends string> = <T>(column: C, check: Check<T>) => T;

/**
 * Reads every row with `read`: all of them, or every problem in every row (nothing half-read).
 * `read` checks values with `take` and notes other problems (across columns or rows) with `problem`.
 */
export function checkRows<C extends string, T>(
  rows: readonly TableRow<C>[],
  read: (row: TableRow<C>, take: Take<C>, problem: (column: C, message: string) => void) => T,
): { ok: true; rows: T[] } | Refused<C> {
  const values: T[] = [];
  const problems: ImportProblem<C>[] = [];
  for (const row of rows) {
    const before = problems.length;
    const problem = (column: C, message: string) => problems.push({ row: row.row, column, message });
    const take: Take<C> = (column, check) => {
      if (!check.ok) problem(column, check.message);
      return check.ok ? check.value : (undefined as never);
    };
    const value = read(row, take, problem);
    if (problems.length === before) values.push(value);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows: values };
}

/** 'Row 7, date_of_birth: enter a real date, like 2017-03-27'. */
export function problemText(problem: ImportProblem): string {
  if (problem.row === undefined) return problem.message;
  return `Row ${problem.row}${problem.column ? `, ${problem.column}` : ''}: ${problem.message}`;
}

/** The problems to list on the page: the first MAX_PROBLEMS_SHOWN, then 'and N more problems'. */
export function problemLines(problems: readonly ImportProblem[], max = MAX_PROBLEMS_SHOWN): string[] {
  const lines = problems.slice(0, max).map(problemText);
  const more = problems.length - max;
  if (more > 0) lines.push(`And ${more.toLocaleString('en-GB')} more ${more === 1 ? 'problem' : 'problems'}`);
  return lines;
}

/** A template to download: the header row. */
export function templateCsv(columns: readonly string[]): string {
  return csvText([columns], { windowsLineEndings: true });
}
