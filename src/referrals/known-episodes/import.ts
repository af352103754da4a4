/**
 * The list of children already known to Early Help or Social Care, as an administrator
 * imports it from the source system's CSV export (seed 000: SSFP is for children 'not
 * currently known to Early Help or Social Care'). Pure functions: parsing and validation,
 * no database.
 *
 * The file:
 * - starts with a header row naming the columns, in any order and any case: `upn`
 *   (optional), `first_name`, `last_name`, `date_of_birth`, `service`, `status`. Other
 *   columns are ignored. 'First name' and 'first-name' are read as first_name;
 * - has a UTF-8 byte order mark or not, CRLF or LF line ends, quoted values (with commas,
 *   quotes or line breaks inside) and blank rows, which are skipped;
 * - is at most MAX_FILE_BYTES and MAX_ROWS rows.
 *
 * Rows are numbered as a spreadsheet shows them: the header is row 1. One bad row means the
 * whole file is refused, with every problem listed by row and column.
 */
import { parse, type CsvError } from 'csv-parse/sync';
import { isValidUpn } from '../../children/upn.ts';

export const KNOWN_SERVICES = ['early_help', 'social_care'] as const;
export const KNOWN_STATUSES = ['open', 'closed'] as const;
export type KnownService = (typeof KNOWN_SERVICES)[number];
export type KnownStatus = (typeof KNOWN_STATUSES)[number];

export const SERVICE_NAMES: Record<KnownService, string> = { early_help: 'Early Help', social_care: 'Social Care' };

export const COLUMNS = ['upn', 'first_name', 'last_name', 'date_of_birth', 'service', 'status'] as const;
export type Column = (typeof COLUMNS)[number];
const REQUIRED_COLUMNS: readonly Column[] = COLUMNS.filter((column) => column !== 'upn');

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 50_000;
/** How many problems the page lists before 'and N more'. */
export const MAX_PROBLEMS_SHOWN = 50;
const MAX_NAME_LENGTH = 100;

export interface KnownEpisodeRow {
  upn: string | null;
  firstName: string;
  lastName: string;
  /** ISO date, YYYY-MM-DD. */
  dateOfBirth: string;
  service: KnownService;
  status: KnownStatus;
}

/** What is wrong, and where: a row (spreadsheet numbering) and column when the problem has one. */
export interface ImportProblem {
  row?: number;
  column?: Column;
  message: string;
}

export type ImportResult = { ok: true; rows: KnownEpisodeRow[] } | { ok: false; problems: ImportProblem[] };

type Check<T> = { ok: true; value: T } | { ok: false; message: string };

const EXAMPLE_DATE = '2017-03-27';
export const NOT_A_CSV = 'The selected file must be a CSV file saved as UTF-8 text';
export const EMPTY_FILE = 'The selected file is empty';
export const TOO_LARGE = `The selected file must be smaller than ${MAX_FILE_BYTES / 1024 / 1024} MB`;

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A date of birth as YYYY-MM-DD or DD/MM/YYYY (day and month may be one digit), real and not after `today`. */
export function parseDateOfBirth(value: string, today: string): Check<string> {
  if (!value) return { ok: false, message: 'enter a date of birth' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const british = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!iso && !british) return { ok: false, message: `enter the date as YYYY-MM-DD or DD/MM/YYYY, like ${EXAMPLE_DATE}` };
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [british![3], british![2], british![1]];
  const date = isoOf(Number(year), Number(month), Number(day));
  if (!date) return { ok: false, message: `enter a real date, like ${EXAMPLE_DATE}` };
  if (date > today) return { ok: false, message: 'the date of birth must be in the past' };
  return { ok: true, value: date };
}

/** 'early_help' or 'social_care', also written 'Early Help', 'social care' or 'Social-Care'. */
export function parseService(value: string): Check<KnownService> {
  const service = value.toLowerCase().replace(/[\s-]+/g, '_');
  return (KNOWN_SERVICES as readonly string[]).includes(service)
    ? { ok: true, value: service as KnownService }
    : { ok: false, message: 'enter early_help or social_care' };
}

export function parseStatus(value: string): Check<KnownStatus> {
  const status = value.toLowerCase();
  return (KNOWN_STATUSES as readonly string[]).includes(status)
    ? { ok: true, value: status as KnownStatus }
    : { ok: false, message: 'enter open or closed' };
}

/** An optional UPN: blank, or 13 characters with a correct check letter. Stored in capitals. */
export function parseUpn(value: string): Check<string | null> {
  if (!value) return { ok: true, value: null };
  const upn = value.replace(/\s/g, '').toUpperCase();
  return isValidUpn(upn) ? { ok: true, value: upn } : { ok: false, message: 'enter a real UPN (13 characters with a correct check letter) or leave it blank' };
}

function parseName(value: string, which: string): Check<string> {
  if (!value) return { ok: false, message: `enter a ${which} name` };
  if (value.length > MAX_NAME_LENGTH) return { ok: false, message: `the ${which} name must be ${MAX_NAME_LENGTH} characters or fewer` };
  return { ok: true, value };
}

/** 'First Name', 'first-name' and ' FIRST_NAME ' are all first_name. */
export function columnKey(header: string): string {
  return header.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

function listOf(items: readonly string[]): string {
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** Where each known column is in the file, or the one problem with the header row. */
function readHeader(header: string[]): { ok: true; positions: Map<Column, number> } | { ok: false; problem: ImportProblem } {
  const keys = header.map(columnKey);
  const positions = new Map<Column, number>();
  for (const column of COLUMNS) {
    const found = keys.filter((key) => key === column).length;
    if (found > 1) return { ok: false, problem: { row: 1, column, message: `the column ${column} appears more than once` } };
    if (found === 1) positions.set(column, keys.indexOf(column));
  }
  if (positions.size === 0) {
    return { ok: false, problem: { row: 1, message: `the first row must name the columns: ${COLUMNS.join(', ')}` } };
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !positions.has(column));
  if (missing.length) {
    return { ok: false, problem: { row: 1, message: `the file must have ${missing.length === 1 ? 'a column' : 'columns'} named ${listOf(missing)}` } };
  }
  return { ok: true, positions };
}

/** One data row checked column by column: the episode, or every problem in the row. */
function readRow(fields: string[], row: number, positions: Map<Column, number>, today: string): { episode: KnownEpisodeRow; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const cell = (column: Column) => fields[positions.get(column) ?? -1] ?? '';
  function take<T>(column: Column, check: Check<T>): T {
    if (!check.ok) problems.push({ row, column, message: check.message });
    return check.ok ? check.value : (undefined as T);
  }
  const episode: KnownEpisodeRow = {
    upn: take('upn', parseUpn(cell('upn'))),
    firstName: take('first_name', parseName(cell('first_name'), 'first')),
    lastName: take('last_name', parseName(cell('last_name'), 'last')),
    dateOfBirth: take('date_of_birth', parseDateOfBirth(cell('date_of_birth'), today)),
    service: take('service', parseService(cell('service'))),
    status: take('status', parseStatus(cell('status'))),
  };
  return { episode, problems };
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

function syntaxProblem(error: CsvError): ImportProblem {
  const where = `line ${error.lines ?? '?'} of the file`;
  if (error.code === 'CSV_QUOTE_NOT_CLOSED') return { message: `The file is not a readable CSV: a quoted value that starts on or before ${where} is not closed` };
  if (error.code === 'CSV_INVALID_CLOSING_QUOTE') return { message: `The file is not a readable CSV: ${where} has a quote mark inside a value; put the whole value in quotes and double the quote mark` };
  return { message: `The file is not a readable CSV (${where})` };
}

/** Reads and checks a whole known-episodes CSV: every row, or every problem (nothing half-read). */
export function parseKnownEpisodesCsv(input: Buffer | string, today: string): ImportResult {
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > MAX_FILE_BYTES) return { ok: false, problems: [{ message: TOO_LARGE }] };
  const text = decode(input);
  if (text === undefined) return { ok: false, problems: [{ message: NOT_A_CSV }] };
  if (text.replace(/^\uFEFF/, '').trim() === '') return { ok: false, problems: [{ message: EMPTY_FILE }] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, trim: true, relax_column_count: true, max_record_size: 64 * 1024 });
  } catch (error) {
    if ((error as CsvError).code?.startsWith('CSV_')) return { ok: false, problems: [syntaxProblem(error as CsvError)] };
    throw error;
  }
  const header = readHeader(records[0]);
  if (!header.ok) return { ok: false, problems: [header.problem] };
  const data = records.map((fields, index) => ({ fields, row: index + 1 })).slice(1).filter(({ fields }) => fields.some((field) => field !== ''));
  if (data.length === 0) return { ok: false, problems: [{ message: 'The file has no rows after the column names' }] };
  if (data.length > MAX_ROWS) return { ok: false, problems: [{ message: `The file must have ${MAX_ROWS.toLocaleString('en-GB')} rows or fewer; it has ${data.length.toLocaleString('en-GB')}` }] };
  const rows: KnownEpisodeRow[] = [];
  const problems: ImportProblem[] = [];
  for (const { fields, row } of data) {
    const result = readRow(fields, row, header.positions, today);
    if (result.problems.length) problems.push(...result.problems);
    else rows.push(result.episode);
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
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

/** The template to download: the header row, in the order the hint describes the columns. */
export function templateCsv(): string {
  return `${COLUMNS.join(',')}\r\n`;
}
