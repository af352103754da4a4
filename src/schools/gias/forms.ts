// Reading the GIAS "all establishment data" file (edubasealldataYYYYMMDD.csv) as it is
// downloaded: about 50,000 rows and 60 MB, Windows-1252, or UTF-8 with or without a byte order
// mark. The file is streamed from disk a chunk at a time and only the authority's own rows are
// kept, so memory stays small whatever the file's size. Columns are found by their header names,
// in any order; other columns are ignored. Any problem in a row the import needs refuses the file.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { ByteLineSplitter } from '../../platform/byte-lines.ts';
import { splitRecord } from '../../platform/csv-stream.ts';
import { MAX_PROBLEMS_SHOWN, type ImportProblem } from '../../platform/csv-import.ts';
import { verdictOn, type Establishment, type LeftOutReason, type SchoolMapping } from './rules.ts';

export const MAX_GIAS_FILE_BYTES = 200 * 1024 * 1024;
export const MAX_GIAS_ROWS = 200_000;

/** The columns the import reads, by their names in the file. */
export const GIAS_COLUMNS = {
  urn: 'URN',
  laCode: 'LA (code)',
  laName: 'LA (name)',
  establishmentNumber: 'EstablishmentNumber',
  name: 'EstablishmentName',
  type: 'TypeOfEstablishment (name)',
  typeGroup: 'EstablishmentTypeGroup (name)',
  status: 'EstablishmentStatus (name)',
  phaseOfEducation: 'PhaseOfEducation (name)',
  lowAge: 'StatutoryLowAge',
  highAge: 'StatutoryHighAge',
  pupils: 'NumberOfPupils',
  postcode: 'Postcode',
  openDate: 'OpenDate',
  closeDate: 'CloseDate',
  reasonOpened: 'ReasonEstablishmentOpened (name)',
  previousLaCode: 'PreviousLA (code)',
  previousEstablishmentNumber: 'PreviousEstablishmentNumber',
} as const;

type Key = keyof typeof GIAS_COLUMNS;
const OPTIONAL: readonly Key[] = ['reasonOpened', 'previousLaCode', 'previousEstablishmentNumber'];

/** A row of the authority's own, with what the import makes of it. */
export interface AuthorityRow {
  row: number;
  establishment: Establishment;
  keep: boolean;
  reason?: LeftOutReason;
  mapping?: SchoolMapping;
}

export type GiasRead =
  | { ok: true; rows: AuthorityRow[]; leftOut: Record<LeftOutReason, number>; totalRows: number }
  | { ok: false; problems: ImportProblem[]; problemCount: number };

export const GIAS_FILE_TOO_LARGE = `The selected file must be smaller than ${MAX_GIAS_FILE_BYTES / 1024 / 1024} MB`;

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const windows1252 = new TextDecoder('windows-1252');

/** A record's text: plain ASCII as it is; else UTF-8 if the bytes are UTF-8 (or the file said so), else Windows-1252. */
function decodeRecord(buf: Buffer, start: number, end: number, utf8File: boolean): string {
  const bytes = buf.subarray(start, end);
  let plain = true;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i]! >= 0x80) {
      plain = false;
      break;
    }
  }
  if (plain) return bytes.toString('latin1');
  if (utf8File) return utf8Lenient.decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

const COMMA = 44;
const QUOTE = 34;

/**
 * The LA code of a record, read straight from its bytes when the field is plain digits with no
 * quote before it (as GIAS writes it), so that other authorities' rows are counted without being
 * decoded or split; undefined when the record must be read in full to tell.
 */
function plainLaCode(buf: Buffer, start: number, end: number, column: number): number | undefined {
  let field = 0;
  let i = start;
  while (field < column) {
    while (i < end && buf[i] !== COMMA) {
      if (buf[i] === QUOTE) return undefined;
      i++;
    }
    if (i >= end) return undefined;
    i++;
    field++;
  }
  let code = 0;
  let digits = 0;
  for (; i < end && buf[i] !== COMMA; i++, digits++) {
    const byte = buf[i]!;
    if (byte < 48 || byte > 57) return undefined;
    code = code * 10 + byte - 48;
  }
  return digits > 0 && digits <= 3 ? code : undefined;
}

const DATE = /^(\d{2})[-/](\d{2})[-/](\d{4})$/;

/** dd-mm-yyyy (as GIAS writes dates) to YYYY-MM-DD; blank is null; anything else undefined. */
export function giasDate(text: string): string | null | undefined {
  if (text === '') return null;
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [, day, month, year] = match;
  const iso = `${year}-${month}-${day}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

function wholeNumber(text: string): number | null | undefined {
  if (text === '') return null;
  return /^\d{1,7}$/.test(text) ? Number(text) : undefined;
}

export interface GiasProgress {
  bytesDone: number;
  bytesTotal: number;
  rowsDone: number;
}

export interface ReadOptions {
  laCode: number;
  /** Told of bytes and rows read so far and the file's size, now and then. */
  onProgress?: (progress: GiasProgress) => void;
}

/** Reads the file at `path` for one authority: its rows (kept or not), and how many rows were other authorities'. */
export async function readGiasFile(path: string, { laCode, onProgress }: ReadOptions): Promise<GiasRead> {
  const { size } = await stat(path);
  const refuse = (message: string, row?: number, column?: string): GiasRead => ({
    ok: false,
    problems: [{ row, column, message }],
    problemCount: 1,
  });
  if (size > MAX_GIAS_FILE_BYTES) return refuse(GIAS_FILE_TOO_LARGE);
  if (size === 0) return refuse('The selected file is empty');

  const leftOut: Record<LeftOutReason, number> = {
    otherAuthority: 0,
    independent: 0,
    closed: 0,
    notYetOpen: 0,
    otherKind: 0,
  };
  const rows: AuthorityRow[] = [];
  const problems: ImportProblem[] = [];
  let problemCount = 0;
  let positions: Map<Key, number> | undefined;
  let headerProblem: GiasRead | undefined;
  let utf8File = false;
  let dataRows = 0;
  const laColumn = GIAS_COLUMNS.laCode;

  const problem = (row: number, column: string, message: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS_SHOWN) problems.push({ row, column, message });
  };

  const readHeader = (fields: string[], line: number) => {
    const names = fields.map((field) => field.trim());
    const found = new Map<Key, number>();
    for (const [key, name] of Object.entries(GIAS_COLUMNS) as [Key, string][]) {
      const index = names.indexOf(name);
      if (index !== -1) found.set(key, index);
      else if (!OPTIONAL.includes(key)) {
        headerProblem ??= refuse(
          `The file must have a column named ${name}. Is it the GIAS ‘all establishment data’ file?`,
          line,
          name,
        );
      }
    }
    positions = found;
  };

  const readRow = (fields: string[], line: number) => {
    dataRows++;
    const cell = (key: Key) => {
      const index = positions!.get(key);
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    const urn = wholeNumber(cell('urn'));
    if (urn == null) return problem(line, GIAS_COLUMNS.urn, `‘${cell('urn')}’ is not a URN: it must be a whole number`);
    const la = wholeNumber(cell('laCode'));
    if (la == null)
      return problem(line, laColumn, `‘${cell('laCode')}’ is not an LA code: it must be a number like 938`);
    if (la !== laCode) {
      leftOut.otherAuthority++;
      return;
    }
    const number = (key: Key) => {
      const value = wholeNumber(cell(key));
      if (value === undefined) problem(line, GIAS_COLUMNS[key], `‘${cell(key)}’ must be a whole number or blank`);
      return value ?? null;
    };
    const date = (key: Key) => {
      const value = giasDate(cell(key));
      if (value === undefined) problem(line, GIAS_COLUMNS[key], `‘${cell(key)}’ is not a date like 01-09-2024`);
      return value ?? null;
    };
    const before = problemCount;
    const establishment: Establishment = {
      urn,
      laCode: la,
      establishmentNumber: cell('establishmentNumber'),
      name: cell('name'),
      type: cell('type'),
      typeGroup: cell('typeGroup'),
      status: cell('status'),
      phaseOfEducation: cell('phaseOfEducation'),
      lowAge: number('lowAge'),
      highAge: number('highAge'),
      pupils: number('pupils'),
      postcode: cell('postcode'),
      openDate: date('openDate'),
      closeDate: date('closeDate'),
      reasonOpened: cell('reasonOpened'),
      previousLaCode: cell('previousLaCode'),
      previousEstablishmentNumber: cell('previousEstablishmentNumber'),
    };
    const verdict = verdictOn(establishment, laCode);
    if (verdict.keep) {
      if (establishment.name === '') problem(line, GIAS_COLUMNS.name, 'the school has no name');
      if (!/^\d{1,4}$/.test(establishment.establishmentNumber))
        problem(
          line,
          GIAS_COLUMNS.establishmentNumber,
          `‘${establishment.establishmentNumber}’ is not an establishment number: it must be up to 4 digits`,
        );
    }
    if (problemCount > before) return;
    rows.push({
      row: line,
      establishment,
      keep: verdict.keep,
      reason: verdict.keep ? undefined : verdict.reason,
      mapping: verdict.mapping,
    });
  };

  const splitter = new ByteLineSplitter((buf, start, end, line) => {
    if (headerProblem) return;
    if (!positions) return readHeader(splitRecord(decodeRecord(buf, start, end, utf8File)), line);
    if (dataRows >= MAX_GIAS_ROWS) {
      headerProblem = refuse(`The file must have ${MAX_GIAS_ROWS.toLocaleString('en-GB')} rows or fewer`);
      return;
    }
    const la = plainLaCode(buf, start, end, positions.get('laCode')!);
    if (la !== undefined && la !== laCode) {
      dataRows++;
      leftOut.otherAuthority++;
      return;
    }
    readRow(splitRecord(decodeRecord(buf, start, end, utf8File)), line);
  });

  let done = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (first) {
      utf8File = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      first = false;
    }
    splitter.push(chunk);
    done += chunk.length;
    onProgress?.({ bytesDone: done, bytesTotal: size, rowsDone: dataRows });
    if (headerProblem) break;
    if (done > MAX_GIAS_FILE_BYTES) return refuse(GIAS_FILE_TOO_LARGE);
  }
  if (!headerProblem) splitter.end();
  if (headerProblem) return headerProblem;
  if (!positions) return refuse('The selected file is empty');
  if (dataRows === 0) return refuse('The file has no rows after the column names');
  if (problemCount) return { ok: false, problems, problemCount };
  return { ok: true, rows, leftOut, totalRows: dataRows };
}
