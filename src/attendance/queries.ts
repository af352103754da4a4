// The measures from the stored marks, in the database: each pupil's sessions in a date range are
// counted by category with translate() over the slice of their year's marks (so a borough's year
// is one pass over tens of thousands of short strings), then summed per school. The weekly trend
// comes from the per-school weekly counts kept at import.
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { ATTENDANCE_CODES, NO_MARK, type CodeCategory } from './codes.ts';
import { DFE_THRESHOLDS, percent, type Summary, type Thresholds } from './measures.ts';
import { schoolYearLabel, sliceOf } from './sessions.ts';

const ALPHABET = ATTENDANCE_CODES.map((code) => code.stored).join('') + NO_MARK;

/** Every stored character except those in the categories: translate() deletes these to leave only the categories'. */
function allBut(...categories: CodeCategory[]): string {
  return [...ALPHABET].filter((char) => !ATTENDANCE_CODES.some((code) => code.stored === char && categories.includes(code.category))).join('');
}

const NOT_ATTENDED = allBut('present', 'attending-approved-education');
const NOT_AUTHORISED = allBut('authorised');
const NOT_UNAUTHORISED = allBut('unauthorised');

export interface Period {
  startYear: number;
  from: string;
  to: string;
}

export interface SchoolMeasures extends Summary {
  urn: number;
  name: string;
  phase: string;
}

/** The schools' rows of a summary summed into one (enrolments: a dual-registered pupil counts at each school). */
export function combine(rows: readonly Summary[]): Summary {
  const sum = (field: keyof Summary) => rows.reduce((total, row) => total + row[field], 0);
  const [pupils, possible, authorised, unauthorised, persistent, severe] = (['pupils', 'possible_sessions', 'authorised_sessions', 'unauthorised_sessions', 'persistent_absentees', 'severe_absentees'] as const).map(sum) as [number, number, number, number, number, number];
  return summaryOf({ pupils, possible, authorised, unauthorised, persistent, severe });
}

function summaryOf(row: { pupils: number; possible: number; authorised: number; unauthorised: number; persistent: number; severe: number }): Summary {
  const absence = row.authorised + row.unauthorised;
  return {
    pupils: row.pupils,
    possible_sessions: row.possible,
    absence_sessions: absence,
    authorised_sessions: row.authorised,
    unauthorised_sessions: row.unauthorised,
    overall_absence_pct: percent(absence, row.possible),
    authorised_absence_pct: percent(row.authorised, row.possible),
    unauthorised_absence_pct: percent(row.unauthorised, row.possible),
    persistent_absentees: row.persistent,
    persistent_absence_pct: percent(row.persistent, row.pupils),
    severe_absentees: row.severe,
    severe_absence_pct: percent(row.severe, row.pupils),
  };
}

/** Per-pupil counts in the period, as a subquery's SQL. */
function pupilCounts(period: Period, urns: readonly number[] | undefined) {
  const { start, end } = sliceOf(period.from, period.to, period.startYear);
  const slice = sql`substr(marks, ${start + 1}, ${end - start})`;
  return sql`
    select urn, upn,
      length(translate(${slice}, ${NOT_ATTENDED}, '')) as attended,
      length(translate(${slice}, ${NOT_AUTHORISED}, '')) as authorised,
      length(translate(${slice}, ${NOT_UNAUTHORISED}, '')) as unauthorised
    from attendance_marks
    where academic_year = ${schoolYearLabel(period.startYear)} ${urns ? sql`and urn = any(${[...urns, -1]}::int[])` : sql``}`;
}

export function attendanceQueries(db: Db) {
  return {
    /** The measures for each school with marks in the period (only `urns` when given). */
    async bySchool(period: Period, urns?: readonly number[], thresholds: Thresholds = DFE_THRESHOLDS): Promise<SchoolMeasures[]> {
      const { rows } = await sql<{ urn: number; name: string; phase: string; pupils: number; possible: number; authorised: number; unauthorised: number; persistent: number; severe: number }>`
        with p as (${pupilCounts(period, urns)}), c as (select *, attended + authorised + unauthorised as possible from p)
        select c.urn, s.name, s.phase,
          (count(*) filter (where possible > 0))::int as pupils,
          coalesce(sum(possible), 0)::int as possible,
          coalesce(sum(c.authorised), 0)::int as authorised,
          coalesce(sum(c.unauthorised), 0)::int as unauthorised,
          (count(*) filter (where possible > 0 and (c.authorised + c.unauthorised) * 100 >= ${thresholds.persistentPercent} * possible))::int as persistent,
          (count(*) filter (where possible > 0 and (c.authorised + c.unauthorised) * 100 >= ${thresholds.severePercent} * possible))::int as severe
        from c join schools s on s.urn = c.urn
        group by c.urn, s.name, s.phase
        order by s.name, c.urn`.execute(db);
      return rows.map((row) => ({ urn: row.urn, name: row.name, phase: row.phase, ...summaryOf(row) }));
    },

    /** Pupils who missed `thresholdPercent`% or more of their possible sessions in the period, most absent first. */
    async pupilsMissingAtLeast(period: Period, thresholdPercent: number, urns?: readonly number[]) {
      const { rows } = await sql<{ urn: number; upn: string; possible: number; absent: number }>`
        with p as (${pupilCounts(period, urns)})
        select urn, upn, (attended + authorised + unauthorised)::int as possible, (authorised + unauthorised)::int as absent
        from p
        where attended + authorised + unauthorised > 0 and (authorised + unauthorised) * 100 >= ${thresholdPercent} * (attended + authorised + unauthorised)
        order by (authorised + unauthorised)::float / (attended + authorised + unauthorised) desc, urn, upn`.execute(db);
      return rows.map((row) => ({ ...row, absencePct: percent(row.absent, row.possible) }));
    },

    /** Overall absence week by week across the schools (only `urns` when given). */
    async weekly(period: Period, urns?: readonly number[]) {
      let query = db
        .selectFrom('attendance_school_weeks')
        .select(['week_start', (eb) => eb.fn.sum<number>('possible').as('possible'), (eb) => eb.fn.sum<number>('authorised').as('authorised'), (eb) => eb.fn.sum<number>('unauthorised').as('unauthorised')])
        .where('academic_year', '=', schoolYearLabel(period.startYear))
        .where('week_start', '>=', mondayOf(period.from))
        .where('week_start', '<=', period.to)
        .groupBy('week_start')
        .orderBy('week_start');
      if (urns) query = query.where('urn', 'in', [...urns, -1]);
      const rows = await query.execute();
      return rows.map((row) => ({ weekStart: row.week_start, possible: Number(row.possible), absencePct: percent(Number(row.authorised) + Number(row.unauthorised), Number(row.possible)) }));
    },

    /** The targets by measure and phase [seed 004]. */
    targets() {
      return db.selectFrom('attendance_targets').selectAll().execute();
    },

    /** The school years with marks, newest first. */
    async years(): Promise<string[]> {
      const rows = await db.selectFrom('attendance_marks').select('academic_year').distinct().orderBy('academic_year', 'desc').execute();
      return rows.map((row) => row.academic_year);
    },
  };
}

/** The Monday of an ISO date's week. */
export function mondayOf(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

export type AttendanceQueries = ReturnType<typeof attendanceQueries>;
