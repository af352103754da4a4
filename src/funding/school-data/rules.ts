// The two files the de-delegation figures are worked out from (Havering schools forum report
// 2024-25), read as every import reads a file (src/platform/csv-import.ts): a header row, then
// one row per school or rate; one bad row refuses the whole file, with every problem named by
// row and column.
//
// - The school data set, as the DfE's Authority Proforma Tool gives it, with exactly the columns
//   urn, name, phase, status and one per formula factor (nor, fsm, fsm6, eal3, idaci_a …
//   idaci_f, low_attainment, special_places). Units may be decimals, up to 4 places.
// - The rates: service, phase, factor (a school data set column), rate and previous_rate in
//   pounds (11.00 or £11.00; the previous rate may be left empty).
//
// Records come from a CSV file (the command line reads them, src/funding/cli.ts) or from an Excel
// workbook through src/platform/xlsx-import.ts, so the service's imports read both the same way.
import {
  checkRows,
  columnKey,
  listOf,
  readTable,
  type Check,
  type ImportProblem,
  type NumberedRecord,
  type Refused,
} from '../../platform/csv-import.ts';
import { readSpreadsheetRecords } from '../../platform/xlsx-import.ts';
import { parseUrn } from '../../schools/figures/forms.ts';
import { PHASES, type Phase, type Rate, type SchoolStatus, type SchoolUnits } from '../rules.ts';

/** The formula factors the school data set has a column for, as funding_factors keys them. */
export const FACTOR_COLUMNS = [
  'nor',
  'fsm',
  'fsm6',
  'eal3',
  'idaci_a',
  'idaci_b',
  'idaci_c',
  'idaci_d',
  'idaci_e',
  'idaci_f',
  'low_attainment',
  'special_places',
] as const;
export const SCHOOL_DETAIL_COLUMNS = ['urn', 'name', 'phase', 'status'] as const;
export const SCHOOL_COLUMNS = [...SCHOOL_DETAIL_COLUMNS, ...FACTOR_COLUMNS] as const;
export const RATE_COLUMNS = ['service', 'phase', 'factor', 'rate', 'previous_rate'] as const;
type RateColumn = (typeof RATE_COLUMNS)[number];

/** What the files may use as factors: the built-in ones, or those the authority keeps. */
export interface FactorOptions {
  factors?: readonly string[];
}

/** The schools a page of the data set shows. */
export const SCHOOLS_PAGE_SIZE = 50;

export type Read<T> = { ok: true; rows: T[] } | Refused;

const MAX_NAME_LENGTH = 200;
/** The database keeps units as numeric(12, 4). */
const UNITS_PATTERN = /^(\d{1,8})(\.\d{0,4})?$|^\.\d{1,4}$/;
const MONEY_PATTERN = /^£?\s*(\d{1,3}(?:,\d{3}){1,2}|\d{1,7})(?:\.(\d{1,2}))?$/;
const SERVICE_PATTERN = /^[a-z][a-z0-9-]{0,59}$/;

export function parsePhase(value: string): Check<Phase> {
  const phase = value.trim().toLowerCase();
  return (PHASES as readonly string[]).includes(phase)
    ? { ok: true, value: phase as Phase }
    : { ok: false, message: `‘${value}’ is not a phase: enter Primary, Secondary or Special` };
}

export function parseStatus(value: string): Check<SchoolStatus> {
  const status = value.trim().toLowerCase();
  return status === 'maintained' || status === 'academy'
    ? { ok: true, value: status }
    : { ok: false, message: `‘${value}’ is not a status: enter maintained or academy` };
}

/** A number of units: 0 or more, up to 4 decimal places. */
export function parseUnits(value: string): Check<number> {
  const text = value.trim();
  if (text === '') return { ok: false, message: 'enter the number of units (0 if none)' };
  if (/^-\s*[\d.]+$/.test(text)) return { ok: false, message: `units cannot be negative (${text})` };
  if (!UNITS_PATTERN.test(text))
    return {
      ok: false,
      message: `‘${text}’ is not a number of units: enter a number, 0 or more, with up to 4 decimal places, like 12.5`,
    };
  return { ok: true, value: Number(text) };
}

/** Pounds (11.00, £11.00, £1,250.5) as whole pence, worked out from the digits, never by multiplying. */
export function parsePounds(value: string): Check<number> {
  const text = value.trim();
  const match = MONEY_PATTERN.exec(text);
  if (!match) {
    const negative = /^-\s*£?\s*[\d.,]+$/.test(text);
    return {
      ok: false,
      message: negative
        ? `a rate cannot be negative (${text})`
        : `‘${text}’ is not a rate: enter an amount in pounds, like 11.00 or £11.00`,
    };
  }
  const pounds = Number(match[1].replaceAll(',', ''));
  return { ok: true, value: pounds * 100 + Number((match[2] ?? '0').padEnd(2, '0')) };
}

function parseName(value: string): Check<string> {
  if (!value) return { ok: false, message: 'enter the school’s name' };
  if (value.length > MAX_NAME_LENGTH)
    return { ok: false, message: `the name must be ${MAX_NAME_LENGTH} characters or fewer` };
  return { ok: true, value };
}

function parseService(value: string): Check<string> {
  const key = value.trim().toLowerCase();
  if (!key) return { ok: false, message: 'enter the service, like behaviour-support' };
  return SERVICE_PATTERN.test(key)
    ? { ok: true, value: key }
    : {
        ok: false,
        message: `‘${value}’ is not a service key: use lower-case letters, digits and hyphens, like behaviour-support`,
      };
}

/**
 * The header row's problems: a column the file must have and does not, or one it must not have
 * (the files have exactly their columns), each named at its column.
 */
function headerProblems(header: NumberedRecord, columns: readonly string[], what: string): ImportProblem[] {
  const keys = header.fields.map(columnKey);
  const unknown = header.fields.filter((field, index) => field !== '' && !columns.includes(keys[index]));
  return [
    ...unknown.map((field) => ({
      row: header.row,
      column: field,
      message: `‘${field}’ is not a column of ${what}: the columns are ${listOf(columns)}`,
    })),
    ...columns
      .filter((column) => !keys.includes(column))
      .map((column) => ({ row: header.row, column, message: `the file must have a column named ${column}` })),
  ];
}

/** Reads the table under an exact header, or says what is wrong with the header. */
function exactTable<C extends string>(records: readonly NumberedRecord[], columns: readonly C[], what: string) {
  const problems = records.length ? headerProblems(records[0], columns, what) : [];
  return problems.length ? ({ ok: false, problems } as Refused) : readTable(records, { columns, required: columns });
}

/** The school data set's rows: every school, or every problem. */
export function readSchoolRecords(
  records: readonly NumberedRecord[],
  { factors = FACTOR_COLUMNS }: FactorOptions = {},
): Read<SchoolUnits> {
  const table = exactTable(records, [...SCHOOL_DETAIL_COLUMNS, ...factors], 'the school data set');
  if (!table.ok) return table;
  const seen = new Map<number, number>();
  return checkRows(table.rows, ({ row, cell }, take, problem): SchoolUnits => {
    const urn = take('urn', parseUrn(cell('urn')));
    if (urn !== undefined && seen.has(urn))
      problem('urn', `URN ${urn} appears more than once in the file (also in row ${seen.get(urn)})`);
    else if (urn !== undefined) seen.set(urn, row);
    return {
      urn,
      name: take('name', parseName(cell('name'))),
      phase: take('phase', parsePhase(cell('phase'))),
      status: take('status', parseStatus(cell('status'))),
      units: Object.fromEntries(factors.map((factor) => [factor, take(factor, parseUnits(cell(factor)))])),
    };
  });
}

/** The rates' rows: every rate, or every problem. A factor must be a school data set column. */
export function readRateRecords(
  records: readonly NumberedRecord[],
  { factors = FACTOR_COLUMNS }: FactorOptions = {},
): Read<Rate> {
  const table = exactTable<RateColumn>(records, RATE_COLUMNS, 'the rates file');
  if (!table.ok) return table;
  const seen = new Map<string, number>();
  return checkRows(table.rows, ({ row, cell }, take, problem): Rate => {
    const service = take('service', parseService(cell('service')));
    const phase = take('phase', parsePhase(cell('phase')));
    const factor = cell('factor').toLowerCase();
    if (!factors.includes(factor))
      problem(
        'factor',
        `‘${cell('factor')}’ is not a factor: use one of the school data set’s columns ${listOf(factors)}`,
      );
    else if (service !== undefined && phase !== undefined) {
      const key = `${service}|${phase}|${factor}`;
      if (seen.has(key))
        problem('factor', `${service} already has a ${phase} rate for ${factor} in row ${seen.get(key)}`);
      else seen.set(key, row);
    }
    const previous = cell('previous_rate');
    return {
      service,
      phase,
      factor,
      ratePence: take('rate', parsePounds(cell('rate'))),
      previousRatePence: previous === '' ? null : take('previous_rate', parsePounds(previous)),
    };
  });
}

/** A problem with one of the files a statement is worked out from. */
export interface FileProblem extends ImportProblem {
  file: string;
}

/** 'schools.csv: line 3, column fsm: units cannot be negative (-1)'. */
export function fileProblemText({ file, row, column, message }: FileProblem): string {
  const where = [row === undefined ? '' : `line ${row}`, column === undefined ? '' : `column ${column}`]
    .filter(Boolean)
    .join(', ');
  return `${file}: ${where ? `${where}: ` : ''}${message}`;
}

/** Reads a CSV file or an Excel workbook of the data set: every school, or every problem. */
export async function parseSchoolDataFile(
  input: Buffer,
  factors: readonly string[] = FACTOR_COLUMNS,
): Promise<Read<SchoolUnits>> {
  const read = await readSpreadsheetRecords(input);
  return read.ok ? readSchoolRecords(read.records, { factors }) : read;
}
