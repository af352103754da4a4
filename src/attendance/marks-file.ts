// Reading a session marks file: `upn,urn,date,session,code`, one mark per line. Every row is
// checked (a UPN with the right check letter, a school the service knows and the importer may
// send for, a real date in the file's school year and not in the future, AM or PM, a 2024 code —
// J is mapped to J1, withdrawn codes are refused saying what to use), and the marks are gathered
// into one year of marks per pupil at each school. Problems name the line and the column; the
// caller imports nothing when there is any.
import { isValidUpn } from '../children/upn.ts';
import { CsvRecordSplitter } from '../platform/csv-stream.ts';
import { lookUpCode, NO_MARK } from './codes.ts';
import { SESSIONS_PER_YEAR, schoolYearLabel, schoolYearStartOf, sessionIndex } from './sessions.ts';

export const MARKS_COLUMNS = ['upn', 'urn', 'date', 'session', 'code'] as const;

export interface MarksContext {
  /** Every school the service knows; any URN is accepted when left out (the command line without a database). */
  knownUrns?: ReadonlySet<number>;
  /** The schools this importer may send marks for; every known school when left out. */
  permittedUrns?: ReadonlySet<number>;
  /** Today in London: marks cannot be for a later date. */
  today: string;
  /** How many problems to list before stopping the list (all are counted). */
  maxProblems?: number;
}

export interface RowProblem {
  line: number;
  column: string;
  message: string;
}

export interface PupilYear {
  urn: number;
  upn: string;
  /** One byte per session of the school year: a stored code, or '.' for no mark. */
  marks: Uint8Array;
}

const NO_MARK_BYTE = NO_MARK.charCodeAt(0);
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function realDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export class MarksReader {
  rows = 0;
  problemCount = 0;
  readonly problems: RowProblem[] = [];
  startYear: number | undefined;
  readonly pupils = new Map<string, PupilYear>();
  /** Per school, the first and last session place the file has marks for. */
  readonly ranges = new Map<number, { first: number; last: number }>();
  /** Old codes mapped to their 2024 code, with how many times. */
  readonly mapped = new Map<string, number>();
  private readonly context: MarksContext;
  private readonly splitter: CsvRecordSplitter;
  private headerSeen = false;
  private readonly validUpns = new Set<string>();
  private readonly dates = new Map<string, string | number>();

  constructor(context: MarksContext) {
    this.context = context;
    this.splitter = new CsvRecordSplitter((fields, line) => (this.headerSeen ? this.row(fields, line) : this.header(fields, line)));
  }

  push(text: string): void {
    this.splitter.push(text);
  }

  /** Lines read so far, the header included. */
  get lines(): number {
    return this.splitter.lines;
  }

  end(): void {
    this.splitter.end();
    if (!this.headerSeen) this.problem(1, 'file', 'The file is empty: it needs the header row upn,urn,date,session,code and one row for each mark');
    else if (this.rows === 0 && this.problemCount === 0) this.problem(2, 'file', 'The file has a header row but no marks');
  }

  get ok(): boolean {
    return this.problemCount === 0;
  }

  private problem(line: number, column: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < (this.context.maxProblems ?? 20)) this.problems.push({ line, column, message });
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    const names = fields.map((field) => field.trim().toLowerCase());
    if (names.join(',') !== MARKS_COLUMNS.join(',')) {
      this.problem(line, 'header', `The first row must be the column names upn,urn,date,session,code (it is ${fields.join(',').slice(0, 80)})`);
    }
  }

  private row(fields: string[], line: number): void {
    if (fields.length !== MARKS_COLUMNS.length) {
      this.problem(line, 'row', `The row has ${fields.length} columns; it needs 5: upn,urn,date,session,code`);
      return;
    }
    const [rawUpn, rawUrn, date, rawSession, rawCode] = fields as [string, string, string, string, string];
    const problems = this.problemCount;
    const upn = rawUpn.trim().toUpperCase();
    if (!this.validUpns.has(upn)) {
      if (isValidUpn(upn)) this.validUpns.add(upn);
      else this.problem(line, 'upn', `‘${rawUpn.slice(0, 20)}’ is not a valid unique pupil number (13 characters with the right check letter)`);
    }
    const urn = Number(rawUrn);
    if (!Number.isInteger(urn) || urn <= 0 || (this.context.knownUrns && !this.context.knownUrns.has(urn))) this.problem(line, 'urn', `‘${rawUrn.slice(0, 20)}’ is not the URN of a school in the service`);
    else if (this.context.permittedUrns && !this.context.permittedUrns.has(urn)) this.problem(line, 'urn', `You cannot send marks for school ${urn}: only for your own school`);
    const session = rawSession.trim().toUpperCase();
    if (session !== 'AM' && session !== 'PM') this.problem(line, 'session', `‘${rawSession.slice(0, 10)}’ is not a session: use AM or PM`);
    const code = lookUpCode(rawCode.trim());
    if (!code.ok) this.problem(line, 'code', code.message);
    const day = this.dayOf(date.trim(), line);
    if (this.problemCount > problems || day === undefined || !code.ok) return;

    if (code.mappedFrom) this.mapped.set(code.mappedFrom, (this.mapped.get(code.mappedFrom) ?? 0) + 1);
    const index = day * 2 + (session === 'PM' ? 1 : 0);
    const key = `${urn}:${upn}`;
    let pupil = this.pupils.get(key);
    if (!pupil) {
      pupil = { urn, upn, marks: new Uint8Array(SESSIONS_PER_YEAR).fill(NO_MARK_BYTE) };
      this.pupils.set(key, pupil);
    }
    if (pupil.marks[index] !== NO_MARK_BYTE) {
      this.problem(line, 'session', `A second mark for this pupil’s ${session} session on ${date.trim()} at school ${urn}`);
      return;
    }
    pupil.marks[index] = code.entry.stored.charCodeAt(0);
    this.rows++;
    const range = this.ranges.get(urn);
    if (!range) this.ranges.set(urn, { first: index, last: index });
    else {
      if (index < range.first) range.first = index;
      if (index > range.last) range.last = index;
    }
  }

  /** The day of the school year for a date, or undefined with the problem recorded. */
  private dayOf(date: string, line: number): number | undefined {
    let known = this.dates.get(date);
    if (known === undefined) {
      known = this.checkDate(date);
      this.dates.set(date, known);
    }
    if (typeof known === 'string') {
      this.problem(line, 'date', known);
      return undefined;
    }
    return known;
  }

  private checkDate(date: string): string | number {
    if (!realDate(date)) return `‘${date.slice(0, 20)}’ is not a date: use the form 2026-09-03`;
    if (date > this.context.today) return `${date} is in the future`;
    const year = schoolYearStartOf(date);
    this.startYear ??= year;
    if (year !== this.startYear) return `${date} is not in the school year ${schoolYearLabel(this.startYear)}, which the file’s first mark is in: send one school year in a file`;
    return sessionIndex(date, 'AM', year) / 2;
  }
}
