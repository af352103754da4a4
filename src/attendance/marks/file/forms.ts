// Reading a session marks file: `upn,urn,date,session,code`, one mark per line. Every row is
// checked (a UPN with the right check letter, a school the service knows and the importer may
// send for, a real date in the file's school year and not in the future, AM or PM, a 2024 code —
// J is mapped to J1, withdrawn codes are refused saying what to use), and the marks are gathered
// into one year of marks per pupil at each school. Problems name the line and the column; the
// caller imports nothing when there is any.
import { isValidUpn } from '../../../children/rules.ts';
import { ByteLineSplitter } from '../../../platform/byte-lines.ts';
import { firstControlCharacter } from '../../../platform/control-characters.ts';
import { splitRecord } from '../../../platform/csv-stream.ts';
import { ATTENDANCE_CODES, lookUpCode, NO_MARK } from '../../rules.ts';
import { SESSIONS_PER_YEAR, sessionIndex } from '../../rules.ts';
import { schoolYearOf, schoolYearStarting } from '../../../platform/school-year.ts';

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
  /** A later part of a file, read on its own: no header row. */
  headerless?: boolean;
  /** The school year the file is for, when already known (from its first mark). */
  startYear?: number;
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
const COMMA = 44;

/** The stored byte of each 2024 code as written in a file: one-character codes by their byte, two-character ones by both. */
const ONE_BYTE_CODES = new Uint8Array(256);
const TWO_BYTE_CODES = new Map<number, number>();
for (const entry of ATTENDANCE_CODES) {
  if (entry.code.length === 1) ONE_BYTE_CODES[entry.code.charCodeAt(0)] = entry.stored.charCodeAt(0);
  else TWO_BYTE_CODES.set(entry.code.charCodeAt(0) * 256 + entry.code.charCodeAt(1), entry.stored.charCodeAt(0));
}
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function realDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Whether `length` bytes of `buf` from `at` are those of `other` (a loop: faster than a native call for so few). */
function sameBytes(buf: Buffer, at: number, other: Buffer, length: number): boolean {
  for (let i = 0; i < length; i++) if (buf[at + i] !== other[i]) return false;
  return true;
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
  private readonly splitter: ByteLineSplitter;
  private headerSeen = false;
  private readonly validUpns = new Set<string>();
  private readonly dates = new Map<string, string | number>();
  /** Good dates as the number YYYYMMDD → day of the school year, for the fast path. */
  private readonly days = new Map<number, number>();
  // The last pupil and date seen, so a file sorted by pupil (as registers export) is read without
  // building a string for every line.
  private readonly lastUpn = Buffer.alloc(13);
  private lastUrn = -1;
  private lastPupil: PupilYear | undefined;
  private lastRange: { first: number; last: number } | undefined;
  private readonly lastDate = Buffer.alloc(10);
  private lastDay = -1;

  constructor(context: MarksContext) {
    this.context = context;
    this.headerSeen = context.headerless ?? false;
    this.startYear = context.startYear;
    this.splitter = new ByteLineSplitter((buf, start, end, line) => {
      if (this.headerSeen && this.fast(buf, start, end)) return;
      const text = buf.toString('utf8', start, end);
      const control = firstControlCharacter(text);
      if (control !== -1) return this.controlCharacter(text, control, line);
      const fields = splitRecord(text);
      if (this.headerSeen) this.row(fields, line);
      else this.header(fields, line);
    });
  }

  push(chunk: string | Buffer): void {
    this.splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  }

  /**
   * Takes a plain, valid line straight from its bytes: `UPN,URN,YYYY-MM-DD,AM|PM,CODE` in capitals
   * with no spaces or quotes. Anything else (or anything wrong) is left to `row`, which reads the
   * decoded line and says what is wrong; both record a good mark the same way.
   */
  private fast(buf: Buffer, start: number, end: number): boolean {
    if (end - start < 31 || buf[start + 13] !== COMMA) return false;
    let p = start + 14;
    let urn = 0;
    while (p < end && buf[p]! >= 48 && buf[p]! <= 57 && p - start < 24) urn = urn * 10 + buf[p++]! - 48;
    if (p === start + 14 || buf[p] !== COMMA) return false;
    const date = p + 1;
    const session = date + 11;
    const code = session + 3;
    if (buf[date + 10] !== COMMA || buf[session + 2] !== COMMA || code >= end || end - code > 2) return false;
    const pm = buf[session] === 80 ? 1 : buf[session] === 65 ? 0 : -1;
    if (pm < 0 || buf[session + 1] !== 77) return false;
    const stored =
      end - code === 1 ? ONE_BYTE_CODES[buf[code]!] : TWO_BYTE_CODES.get(buf[code]! * 256 + buf[code + 1]!);
    if (!stored) return false;

    if (urn !== this.lastUrn || !sameBytes(buf, start, this.lastUpn, 13)) {
      const upn = buf.toString('latin1', start, start + 13);
      if (!this.validUpns.has(upn)) return false;
      if (this.context.knownUrns && !this.context.knownUrns.has(urn)) return false;
      if (this.context.permittedUrns && !this.context.permittedUrns.has(urn)) return false;
      const pupil = this.pupils.get(`${urn}:${upn}`);
      if (!pupil) return false;
      buf.copy(this.lastUpn, 0, start, start + 13);
      this.lastUrn = urn;
      this.lastPupil = pupil;
      this.lastRange = this.ranges.get(urn);
    }
    if (!sameBytes(buf, date, this.lastDate, 10)) {
      if (buf[date + 4] !== 45 || buf[date + 7] !== 45) return false;
      let digits = 0;
      for (const at of [0, 1, 2, 3, 5, 6, 8, 9]) digits = digits * 10 + buf[date + at]! - 48;
      const known = this.days.get(digits);
      if (known === undefined) return false;
      buf.copy(this.lastDate, 0, date, date + 10);
      this.lastDay = known;
    }
    const index = this.lastDay * 2 + pm;
    const marks = this.lastPupil!.marks;
    if (marks[index] !== NO_MARK_BYTE) return false;
    marks[index] = stored;
    this.rows++;
    const range = this.lastRange!;
    if (index < range.first) range.first = index;
    if (index > range.last) range.last = index;
    return true;
  }

  /** Lines read so far, the header included. */
  get lines(): number {
    return this.splitter.lines;
  }

  end(): void {
    this.splitter.end();
    if (this.context.headerless) return;
    if (!this.headerSeen)
      this.problem(
        1,
        'file',
        'The file is empty: it needs the header row upn,urn,date,session,code and one row for each mark',
      );
    else if (this.rows === 0 && this.problemCount === 0)
      this.problem(2, 'file', 'The file has a header row but no marks');
  }

  get ok(): boolean {
    return this.problemCount === 0;
  }

  private problem(line: number, column: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < (this.context.maxProblems ?? 20)) this.problems.push({ line, column, message });
  }

  /** A line with a NUL or another control character: named by its column, and never echoed (it could not be stored). */
  private controlCharacter(text: string, at: number, line: number): void {
    const column = this.headerSeen ? (MARKS_COLUMNS[splitRecord(text.slice(0, at)).length - 1] ?? 'row') : 'header';
    this.headerSeen = true;
    this.problem(
      line,
      column,
      'The line has a control character (such as NUL) in it: a marks file must be plain text, saved as UTF-8',
    );
  }

  private header(fields: string[], line: number): void {
    this.headerSeen = true;
    const names = fields.map((field) => field.trim().toLowerCase());
    if (names.join(',') !== MARKS_COLUMNS.join(',')) {
      this.problem(
        line,
        'header',
        `The first row must be the column names upn,urn,date,session,code (it is ${fields.join(',').slice(0, 80)})`,
      );
    }
  }

  private row(fields: string[], line: number): void {
    if (fields.length !== MARKS_COLUMNS.length) {
      this.problem(line, 'row', `The row has ${fields.length} columns; it needs 5: upn,urn,date,session,code`);
      return;
    }
    const [rawUpn, rawUrn, date, rawSession, rawCode] = fields as [string, string, string, string, string];
    this.lastUrn = -1;
    const problems = this.problemCount;
    const upn = rawUpn.trim().toUpperCase();
    if (!this.validUpns.has(upn)) {
      if (isValidUpn(upn)) this.validUpns.add(upn);
      else
        this.problem(
          line,
          'upn',
          `‘${rawUpn.slice(0, 20)}’ is not a valid unique pupil number (13 characters with the right check letter)`,
        );
    }
    const urn = Number(rawUrn);
    if (!Number.isInteger(urn) || urn <= 0 || (this.context.knownUrns && !this.context.knownUrns.has(urn)))
      this.problem(line, 'urn', `‘${rawUrn.slice(0, 20)}’ is not the URN of a school in the service`);
    else if (this.context.permittedUrns && !this.context.permittedUrns.has(urn))
      this.problem(line, 'urn', `You cannot send marks for school ${urn}: only for your own school`);
    const session = rawSession.trim().toUpperCase();
    if (session !== 'AM' && session !== 'PM')
      this.problem(line, 'session', `‘${rawSession.slice(0, 10)}’ is not a session: use AM or PM`);
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
      this.problem(
        line,
        'session',
        `A second mark for this pupil’s ${session} session on ${date.trim()} at school ${urn}`,
      );
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
    const year = schoolYearOf(date).start;
    this.startYear ??= year;
    if (year !== this.startYear)
      return `${date} is not in the ${schoolYearStarting(this.startYear).label} school year, which the file’s first mark is in: send one school year in a file`;
    const day = sessionIndex(date, 'AM', year) / 2;
    this.days.set(Number(date.replaceAll('-', '')), day);
    return day;
  }
}
