// Keeping session marks: a pupil's school year at a school is one row with one character per
// session, so a borough's year is tens of thousands of rows, not millions. An import replaces,
// for each school in the file, the sessions from its first to its last mark in the file and
// keeps the rest; the year's counts per pupil, the weekly counts per school and the totals per
// school and group of pupils are worked out again for those schools, in the caller's transaction. The imports' own rows (who sent a file,
// how far reading it has gone, how it ended) are read and written here too.
import { sql, type Insertable, type Transaction, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { AttendanceImportsTable } from '../schema.ts';
import { pause } from '../../platform/pause.ts';
import { NO_MARK } from '../rules.ts';
import { MARK_KIND, type SessionCounts } from '../measures/rules.ts';
import type { PupilYear } from './file/forms.ts';
import { SESSIONS_PER_YEAR } from '../rules.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';
import { refreshGroupTotals } from '../aggregates/repository.ts';

const NO_MARK_BYTE = NO_MARK.charCodeAt(0);
/** Rows written in one statement: small enough that building one never holds up the web server for long. */
const BATCH = 500;

/** Pupils handled between pauses that let the web server answer requests. */
const SLICE = 250;

export interface MarksToSave {
  startYear: number;
  pupils: Iterable<PupilYear>;
  /** Per school, the first and last session place the file covers. */
  ranges: ReadonlyMap<number, { first: number; last: number }>;
}

/** Place of the Monday starting each week of the school year, for every session place. */
function weekOfIndex(startYear: number): Int16Array {
  const weeks = new Int16Array(SESSIONS_PER_YEAR);
  const mondayOffset = mondayGap(startYear);
  for (let i = 0; i < SESSIONS_PER_YEAR; i++) weeks[i] = Math.floor((Math.floor(i / 2) + mondayOffset) / 7);
  return weeks;
}

/** Weeks a school year can touch: 1 August to 31 July spans at most 54 Monday-to-Sunday weeks. */
const WEEKS = 54;
/** A school's weekly counts, five to a week: pupils, possible, attended, authorised, unauthorised. */
type WeekCounts = Int32Array;
const newWeekCounts = (): WeekCounts => new Int32Array(WEEKS * 5);

/**
 * Counts a pupil's marks for the year and adds them to their school's weekly counts, in one pass
 * over the marks with plain numbers (the hot loop of an import).
 */
function tally(marks: Uint8Array, weeks: WeekCounts, weekOf: Int16Array): SessionCounts {
  let attended = 0;
  let authorised = 0;
  let unauthorised = 0;
  let week = -1;
  for (let i = 0; i < marks.length; i++) {
    const kind = MARK_KIND[marks[i]!]!;
    if (kind === 0 || kind === 4) continue;
    const at = weekOf[i]! * 5;
    if (at !== week) {
      week = at;
      weeks[at]!++;
    }
    weeks[at + 1]!++;
    weeks[at + 1 + kind]!++;
    if (kind === 1) attended++;
    else if (kind === 2) authorised++;
    else unauthorised++;
  }
  return { possible: attended + authorised + unauthorised, attended, authorised, unauthorised };
}

function isEmpty(marks: Uint8Array): boolean {
  for (let i = 0; i < marks.length; i++) if (marks[i] !== NO_MARK_BYTE) return false;
  return true;
}

interface Batch {
  urns: number[];
  upns: string[];
  /** Every pupil's year of marks, one after another, SESSIONS_PER_YEAR bytes each. */
  marks: Buffer;
  counts: SessionCounts[];
}

/**
 * Writes a batch. The marks go as one run of bytes cut up by the database: no escaping of
 * thousands of strings on the way, which would hold up the web server.
 */
function writeBatch(trx: Transaction<Database>, year: string, batch: Batch) {
  const column = (name: keyof SessionCounts) => batch.counts.map((counts) => counts[name]);
  return sql`
    insert into attendance_marks (academic_year, urn, upn, marks, possible, attended, authorised, unauthorised)
    select ${year}, urn, upn, convert_from(substring(${batch.marks}::bytea from ((n - 1) * ${SESSIONS_PER_YEAR} + 1)::int for ${SESSIONS_PER_YEAR}), 'UTF8'),
      possible, attended, authorised, unauthorised
    from unnest(${batch.urns}::int[], ${batch.upns}::text[], ${column('possible')}::int[], ${column('attended')}::int[], ${column('authorised')}::int[], ${column('unauthorised')}::int[])
      with ordinality as pupil (urn, upn, possible, attended, authorised, unauthorised, n)
    on conflict (academic_year, urn, upn) do update set marks = excluded.marks, possible = excluded.possible, attended = excluded.attended,
      authorised = excluded.authorised, unauthorised = excluded.unauthorised, updated_at = clock_now()`.execute(trx);
}

/** Saves the marks (see the file's opening comment). Returns how many pupils' rows were written. */
export async function saveMarks(trx: Transaction<Database>, input: MarksToSave): Promise<{ pupils: number }> {
  const year = schoolYearStarting(input.startYear).key;
  const urns = [...input.ranges.keys()];
  if (urns.length === 0) return { pupils: 0 };
  // Imports for the same year take turns, so two files for one school cannot interleave.
  await sql`select pg_advisory_xact_lock(hashtext(${`attendance:${year}`}))`.execute(trx);

  const rows = new Map<string, { urn: number; upn: string; marks: Uint8Array }>();
  const existing = await trx
    .selectFrom('attendance_marks')
    .select(['urn', 'upn', 'marks'])
    .where('academic_year', '=', year)
    .where('urn', 'in', urns)
    .execute();
  let done = 0;
  for (const row of existing) {
    if (++done % SLICE === 0) await pause();
    const marks = Buffer.from(row.marks.padEnd(SESSIONS_PER_YEAR, NO_MARK), 'latin1');
    const range = input.ranges.get(row.urn)!;
    marks.fill(NO_MARK_BYTE, range.first, range.last + 1);
    rows.set(`${row.urn}:${row.upn}`, { urn: row.urn, upn: row.upn, marks });
  }
  for (const pupil of input.pupils) {
    if (++done % SLICE === 0) await pause();
    const key = `${pupil.urn}:${pupil.upn}`;
    const kept = rows.get(key);
    if (!kept) {
      rows.set(key, pupil);
      continue;
    }
    const range = input.ranges.get(pupil.urn)!;
    kept.marks.set(pupil.marks.subarray(range.first, range.last + 1), range.first);
  }

  const weekOf = weekOfIndex(input.startYear);
  const weeks = new Map<number, WeekCounts>(urns.map((urn) => [urn, newWeekCounts()]));
  const emptied: { urn: number; upn: string }[] = [];
  const all = [...rows.values()];
  let written = 0;
  // Each batch is counted and packed while the database writes the one before.
  let writing: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < all.length; from += BATCH) {
    const batch: Batch = { urns: [], upns: [], marks: Buffer.allocUnsafe(BATCH * SESSIONS_PER_YEAR), counts: [] };
    for (const row of all.slice(from, from + BATCH)) {
      if (isEmpty(row.marks)) {
        emptied.push(row);
        continue;
      }
      const at = batch.urns.length * SESSIONS_PER_YEAR;
      batch.marks.fill(NO_MARK_BYTE, at, at + SESSIONS_PER_YEAR).set(row.marks.subarray(0, SESSIONS_PER_YEAR), at);
      batch.urns.push(row.urn);
      batch.upns.push(row.upn);
      batch.counts.push(tally(row.marks, weeks.get(row.urn)!, weekOf));
    }
    batch.marks = batch.marks.subarray(0, batch.urns.length * SESSIONS_PER_YEAR);
    written += batch.urns.length;
    await writing;
    writing = writeBatch(trx, year, batch);
  }
  await writing;
  for (const row of emptied) {
    await trx
      .deleteFrom('attendance_marks')
      .where('academic_year', '=', year)
      .where('urn', '=', row.urn)
      .where('upn', '=', row.upn)
      .execute();
  }

  await trx.deleteFrom('attendance_school_weeks').where('academic_year', '=', year).where('urn', 'in', urns).execute();
  const weekRows = [...weeks].flatMap(([urn, counts]) =>
    Array.from({ length: WEEKS }, (_, week) => week)
      .filter((week) => counts[week * 5]! > 0)
      .map((week) => {
        const [pupils, possible, attended, authorised, unauthorised] = counts.subarray(week * 5, week * 5 + 5);
        return {
          academic_year: year,
          urn,
          week_start: weekStart(week, input.startYear),
          pupils: pupils!,
          possible: possible!,
          attended: attended!,
          authorised: authorised!,
          unauthorised: unauthorised!,
        };
      }),
  );
  for (let i = 0; i < weekRows.length; i += BATCH)
    await trx
      .insertInto('attendance_school_weeks')
      .values(weekRows.slice(i, i + BATCH))
      .execute();
  await refreshGroupTotals(trx, year, urns);
  return { pupils: written };
}

/** Days from the Monday of 1 August's week to 1 August. */
function mondayGap(startYear: number): number {
  return (new Date(Date.UTC(startYear, 7, 1)).getUTCDay() + 6) % 7;
}

/** The Monday that week `week` of the school year starts on (week 0 holds 1 August). */
export function weekStart(week: number, startYear: number): string {
  return new Date(Date.UTC(startYear, 7, 1 + week * 7 - mondayGap(startYear))).toISOString().slice(0, 10);
}

/** Who sent each import that is running. */
export async function runningUploaders(db: DbOrTrx): Promise<(number | null)[]> {
  const rows = await db
    .selectFrom('attendance_imports')
    .select('uploaded_by')
    .where('status', '=', 'running')
    .execute();
  return rows.map((row) => row.uploaded_by);
}

/** Makes starts of imports take turns until the transaction ends. */
export async function lockImportStarts(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('attendance-imports'))`.execute(trx);
}

/** Adds an import's row; returns its id. */
export function insertImport(trx: DbOrTrx, row: Insertable<AttendanceImportsTable>) {
  return trx.insertInto('attendance_imports').values(row).returning('id').executeTakeFirstOrThrow();
}

/** Writes to an import's row. */
export async function updateImport(db: DbOrTrx, id: number, change: Updateable<AttendanceImportsTable>): Promise<void> {
  await db.updateTable('attendance_imports').set(change).where('id', '=', id).execute();
}

/** Writes to an import's row while it is still running (progress, heartbeat). */
export async function updateRunningImport(
  db: DbOrTrx,
  id: number,
  change: Updateable<AttendanceImportsTable>,
): Promise<void> {
  await db.updateTable('attendance_imports').set(change).where('id', '=', id).where('status', '=', 'running').execute();
}

/** Marks failed the running imports whose heartbeat stopped before `stoppedBefore`; returns how many. */
export async function failStoppedImports(
  db: DbOrTrx,
  stoppedBefore: Date,
  change: Updateable<AttendanceImportsTable>,
): Promise<number> {
  const { numUpdatedRows } = await db
    .updateTable('attendance_imports')
    .set(change)
    .where('status', '=', 'running')
    .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', stoppedBefore)]))
    .executeTakeFirst();
  return Number(numUpdatedRows);
}

/** The uploaded files of the imports still running. */
export async function runningUploadPaths(db: DbOrTrx) {
  const rows = await db
    .selectFrom('attendance_imports')
    .select('upload_path')
    .where('status', '=', 'running')
    .execute();
  return rows.map((row) => row.upload_path);
}

/** One import, or undefined; only one `uploadedBy` sent when given. */
export function findImport(db: DbOrTrx, id: number, uploadedBy?: number) {
  let query = db.selectFrom('attendance_imports').selectAll().where('id', '=', id);
  if (uploadedBy !== undefined) query = query.where('uploaded_by', '=', uploadedBy);
  return query.executeTakeFirst();
}

/** The latest imports with their sender's name, newest first; only those `uploadedBy` sent when given. */
export function recentImports(db: DbOrTrx, limit: number, uploadedBy?: number) {
  let query = db
    .selectFrom('attendance_imports')
    .leftJoin('users', 'users.id', 'attendance_imports.uploaded_by')
    .select([
      'attendance_imports.id',
      'file_name',
      'status',
      'started_at',
      'finished_at',
      'rows_total',
      'rows_done',
      'academic_year',
      'schools',
      'pupils',
      'problem_count',
      'users.name as uploaded_by_name',
    ])
    .orderBy('attendance_imports.id', 'desc')
    .limit(limit);
  if (uploadedBy !== undefined) query = query.where('uploaded_by', '=', uploadedBy);
  return query.execute();
}
