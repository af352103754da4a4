/**
 * School census figures per school for an academic year, as an admin or analyst imports them
 * from a CSV file or an Excel workbook (Havering SEMH Team proposal; Havering schools forum
 * report 2024-25: the vulnerability table is built from the census figures the authority imports
 * each year). Pure functions: parsing and validation, no database; the authority's schools are passed in.
 *
 * The file is read as every import reads one (src/platform/csv-import.ts): a header row, then
 * one row per school. Columns: `urn`, `number_on_roll`, `sen_support`, `ehcp`, `looked_after`,
 * `mobility`, `eal`, `fsm`; the DfE's own names (NOR, TSENELK, TSENELSE, NUMEAL, NUMFSM) are
 * read too. Looked-after children and mobility are not in the DfE's published census, so those
 * two columns may be left out: every school's figure is then unknown, and the import says so.
 *
 * A figure the DfE suppressed or does not have ('x', 'c', 'SUPP', 'NA', blank …) is unknown:
 * stored as null, never as zero, and counted so the person importing is told.
 */
import {
  checkRows,
  listOf,
  readTable,
  type Check,
  type ImportProblem,
  type NumberedRecord,
  type TableSpec,
} from '../../platform/csv-import.ts';
import { readSpreadsheetRecords } from '../../platform/xlsx-import.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';

export const FIGURE_COLUMNS = ['sen_support', 'ehcp', 'looked_after', 'mobility', 'eal', 'fsm'] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];
export const COLUMNS = ['urn', 'number_on_roll', ...FIGURE_COLUMNS] as const;
export type Column = (typeof COLUMNS)[number];

/** Figures the published census does not have: a file may leave their columns out. */
export const OPTIONAL_COLUMNS: readonly FigureColumn[] = ['looked_after', 'mobility'];

export const FIGURE_NAMES: Record<FigureColumn, string> = {
  sen_support: 'SEN support',
  ehcp: 'EHC plans',
  looked_after: 'Looked-after children',
  mobility: 'Pupil mobility',
  eal: 'English as an additional language',
  fsm: 'Free school meals',
};

const TABLE: TableSpec<Column> = {
  columns: COLUMNS,
  required: COLUMNS.filter((column) => !(OPTIONAL_COLUMNS as readonly string[]).includes(column)),
  aliases: {
    nor: 'number_on_roll',
    tsenelk: 'sen_support',
    sen_support_count: 'sen_support',
    tsenelse: 'ehcp',
    ehcp_count: 'ehcp',
    looked_after_children: 'looked_after',
    lac: 'looked_after',
    pupil_mobility: 'mobility',
    numeal: 'eal',
    eal_count: 'eal',
    numfsm: 'fsm',
    fsm_count: 'fsm',
  },
};

/** One school's figures: null is unknown. Keys are the file's columns (and the table's). */
export type CensusRow = { urn: number; number_on_roll: number } & Record<FigureColumn, number | null>;

export type CensusResult =
  | { ok: true; rows: CensusRow[]; unknownFigures: number; absentColumns: FigureColumn[] }
  | { ok: false; problems: ImportProblem<Column>[] };

/**
 * Markers for a figure that is not published: blank; the DfE's 'x' (not available), 'c'
 * (confidential), 'z' (not applicable), 'u' (low reliability), 'low' (rounds to zero but is not
 * zero) and ':'; the older performance tables' 'SUPP', 'NA', 'NE' and 'LOWCOV'. Any case.
 */
export const UNKNOWN_MARKERS: ReadonlySet<string> = new Set([
  '',
  'x',
  'c',
  'z',
  'u',
  'low',
  ':',
  'supp',
  'na',
  'ne',
  'lowcov',
]);
/** No school has more pupils than this; a bigger number is a mistake (and would overflow). */
export const MAX_COUNT = 100_000;

const NUMBER_OR_MARKER = 'enter a whole number of 0 or more, or x or c if suppressed';

/** '1234', or '1,234' as a spreadsheet may write it; undefined when not a whole number. */
function wholeNumber(value: string): number | undefined {
  const digits = /^\d{1,3}(,\d{3})+$/.test(value) ? value.replace(/,/g, '') : value;
  return /^\d+$/.test(digits) ? Number(digits) : undefined;
}

function countCheck(value: string, message: string): Check<number> {
  const count = wholeNumber(value);
  if (count === undefined) return { ok: false, message };
  if (count > MAX_COUNT)
    return { ok: false, message: `enter a number no more than ${MAX_COUNT.toLocaleString('en-GB')}` };
  return { ok: true, value: count };
}

/** A figure: a whole number of 0 or more, or null when suppressed or missing (never zero). */
export function parseFigure(value: string): Check<number | null> {
  return UNKNOWN_MARKERS.has(value.trim().toLowerCase())
    ? { ok: true, value: null }
    : countCheck(value.trim(), NUMBER_OR_MARKER);
}

/** The number on roll: every other figure is a share of it, so it must be known. */
export function parseNumberOnRoll(value: string): Check<number> {
  if (UNKNOWN_MARKERS.has(value.trim().toLowerCase()))
    return { ok: false, message: 'enter the number of pupils on roll; it cannot be unknown' };
  return countCheck(value.trim(), 'enter the number of pupils on roll as a whole number of 0 or more');
}

/** A unique reference number: 6 digits. */
export function parseUrn(value: string): Check<number> {
  return /^\d{6}$/.test(value)
    ? { ok: true, value: Number(value) }
    : { ok: false, message: 'enter the school’s 6-digit URN' };
}

/** '2026/27', also written '2026-27', '2026/2027' or '2026 to 2027'; stored as '2026/27'. */
export function parseAcademicYear(value: string): Check<string> {
  const match = /^(\d{4})\s*(?:\/|-|to)\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match) return { ok: false, message: 'Enter the academic year like 2026/27' };
  const start = Number(match[1]);
  const end = Number(match[2]);
  if (start < 2000 || start > 2099) return { ok: false, message: 'Enter an academic year from 2000/01 to 2099/00' };
  if (end !== start + 1 && end !== (start + 1) % 100)
    return { ok: false, message: 'The academic year must be 2 years in a row, like 2026/27' };
  return { ok: true, value: schoolYearStarting(start).key };
}

/**
 * Reads and checks a census file's records: every school's figures, or every problem. URNs must
 * be the authority's schools (`authorityUrns`), each once; each figure no more than the roll.
 */
export function readCensusRecords(
  records: readonly NumberedRecord[],
  authorityUrns: ReadonlySet<number>,
): CensusResult {
  const table = readTable(records, TABLE);
  if (!table.ok) return table;
  const absentColumns = FIGURE_COLUMNS.filter((column) => !table.present.has(column));
  const seen = new Map<number, number>();
  const checked = checkRows(table.rows, ({ row, cell }, take, problem): CensusRow => {
    const urn = take('urn', parseUrn(cell('urn')));
    if (urn !== undefined && !authorityUrns.has(urn)) problem('urn', `no school with URN ${urn} in this authority`);
    else if (urn !== undefined && seen.has(urn))
      problem('urn', `URN ${urn} appears more than once in the file (also in row ${seen.get(urn)})`);
    else if (urn !== undefined) seen.set(urn, row);
    const roll = take('number_on_roll', parseNumberOnRoll(cell('number_on_roll')));
    const figures = Object.fromEntries(
      FIGURE_COLUMNS.map((column) => [column, take(column, parseFigure(cell(column)))]),
    ) as Record<FigureColumn, number | null>;
    if (roll !== undefined) {
      for (const column of FIGURE_COLUMNS) {
        const figure = figures[column];
        if (figure != null && figure > roll)
          problem(column, `must not be more than the number on roll (${roll.toLocaleString('en-GB')})`);
      }
      const { sen_support: senSupport, ehcp } = figures;
      if (senSupport != null && ehcp != null && senSupport <= roll && ehcp <= roll && senSupport + ehcp > roll) {
        problem(
          'ehcp',
          `SEN support and EHC plans together must not be more than the number on roll (${roll.toLocaleString('en-GB')})`,
        );
      }
    }
    return { urn, number_on_roll: roll, ...figures };
  });
  if (!checked.ok) return checked;
  const unknownFigures = checked.rows.reduce(
    (sum, row) => sum + FIGURE_COLUMNS.filter((column) => row[column] === null).length,
    0,
  );
  return { ok: true, rows: checked.rows, unknownFigures, absentColumns };
}

/** Reads and checks a census CSV file or Excel workbook (told apart by its first bytes). */
export async function parseCensusFile(input: Buffer, authorityUrns: ReadonlySet<number>): Promise<CensusResult> {
  const read = await readSpreadsheetRecords(input);
  return read.ok ? readCensusRecords(read.records, authorityUrns) : read;
}

/** 'the looked_after and mobility columns': for the import summary. */
export function columnsPhrase(columns: readonly FigureColumn[]): string {
  return `the ${listOf(columns)} ${columns.length === 1 ? 'column' : 'columns'}`;
}
