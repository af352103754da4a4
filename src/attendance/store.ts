// Keeping session marks: a pupil's school year at a school is one row with one character per
// session, so a borough's year is tens of thousands of rows, not millions. An import replaces,
// for each school in the file, the sessions from its first to its last mark in the file and
// keeps the rest; the year's counts per pupil and the weekly counts per school are worked out
// again for those schools, in the caller's transaction.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { NO_MARK } from './codes.ts';
import { countMarks, emptyCounts, MARK_KIND, type SessionCounts } from './measures.ts';
import type { PupilYear } from './marks-file.ts';
import { SESSIONS_PER_YEAR, schoolYearLabel } from './sessions.ts';

const NO_MARK_BYTE = NO_MARK.charCodeAt(0);
/** Rows written in one statement: small enough that building one never holds up the web server for long. */
const BATCH = 500;

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

interface WeekCounts extends SessionCounts {
  pupils: number;
}

/** Adds a pupil's marks to their school's weekly counts. */
function addWeeks(weeks: Map<number, WeekCounts>, marks: Uint8Array, weekOf: Int16Array): void {
  let week = -1;
  let counts: WeekCounts | undefined;
  let counted = false;
  for (let i = 0; i < marks.length; i++) {
    const kind = MARK_KIND[marks[i]!];
    if (kind === 0 || kind === 4) continue;
    if (weekOf[i] !== week) {
      week = weekOf[i]!;
      counts = weeks.get(week);
      if (!counts) weeks.set(week, (counts = { pupils: 0, ...emptyCounts() }));
      counted = false;
    }
    if (!counted) {
      counts!.pupils++;
      counted = true;
    }
    counts!.possible++;
    if (kind === 1) counts!.attended++;
    else if (kind === 2) counts!.authorised++;
    else counts!.unauthorised++;
  }
}

/** Saves the marks (see the file's opening comment). Returns how many pupils' rows were written. */
export async function saveMarks(trx: Transaction<Database>, input: MarksToSave): Promise<{ pupils: number }> {
  const year = schoolYearLabel(input.startYear);
  const urns = [...input.ranges.keys()];
  if (urns.length === 0) return { pupils: 0 };
  // Imports for the same year take turns, so two files for one school cannot interleave.
  await sql`select pg_advisory_xact_lock(hashtext(${`attendance:${year}`}))`.execute(trx);

  const rows = new Map<string, { urn: number; upn: string; marks: Uint8Array }>();
  const existing = await trx.selectFrom('attendance_marks').select(['urn', 'upn', 'marks']).where('academic_year', '=', year).where('urn', 'in', urns).execute();
  for (const row of existing) {
    const marks = Buffer.from(row.marks.padEnd(SESSIONS_PER_YEAR, NO_MARK), 'latin1');
    const range = input.ranges.get(row.urn)!;
    marks.fill(NO_MARK_BYTE, range.first, range.last + 1);
    rows.set(`${row.urn}:${row.upn}`, { urn: row.urn, upn: row.upn, marks });
  }
  for (const pupil of input.pupils) {
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
  const weeks = new Map<number, Map<number, WeekCounts>>(urns.map((urn) => [urn, new Map()]));
  const emptied: { urn: number; upn: string }[] = [];
  let batch: { urn: number; upn: string; marks: string; counts: SessionCounts }[] = [];
  let written = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await sql`
      insert into attendance_marks (academic_year, urn, upn, marks, possible, attended, authorised, unauthorised)
      select ${year}, * from unnest(${batch.map((r) => r.urn)}::int[], ${batch.map((r) => r.upn)}::text[], ${batch.map((r) => r.marks)}::text[],
        ${batch.map((r) => r.counts.possible)}::int[], ${batch.map((r) => r.counts.attended)}::int[], ${batch.map((r) => r.counts.authorised)}::int[], ${batch.map((r) => r.counts.unauthorised)}::int[])
      on conflict (academic_year, urn, upn) do update set marks = excluded.marks, possible = excluded.possible, attended = excluded.attended,
        authorised = excluded.authorised, unauthorised = excluded.unauthorised, updated_at = now()`.execute(trx);
    written += batch.length;
    batch = [];
  };
  for (const row of rows.values()) {
    if (row.marks.every((byte) => byte === NO_MARK_BYTE)) {
      emptied.push(row);
      continue;
    }
    addWeeks(weeks.get(row.urn)!, row.marks, weekOf);
    batch.push({ urn: row.urn, upn: row.upn, marks: Buffer.from(row.marks).toString('latin1'), counts: countMarks(row.marks) });
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  for (const row of emptied) {
    await trx.deleteFrom('attendance_marks').where('academic_year', '=', year).where('urn', '=', row.urn).where('upn', '=', row.upn).execute();
  }

  await trx.deleteFrom('attendance_school_weeks').where('academic_year', '=', year).where('urn', 'in', urns).execute();
  const weekRows = [...weeks].flatMap(([urn, byWeek]) =>
    [...byWeek].map(([week, counts]) => ({
      academic_year: year,
      urn,
      week_start: weekStart(week, input.startYear),
      ...counts,
    })),
  );
  for (let i = 0; i < weekRows.length; i += BATCH) await trx.insertInto('attendance_school_weeks').values(weekRows.slice(i, i + BATCH)).execute();
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
