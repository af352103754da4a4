// The measures from the stored marks. For a whole school year (to date: no mark is ever in the
// future) the totals kept per school and group of pupils (../aggregates/repository.ts) are summed
// in the database, or, where those were counted at other thresholds, the year's counts kept beside
// each pupil's marks; the pupils over a threshold are found by an index of each one's share of
// sessions missed. For a
// shorter period only the slice of each pupil's marks for those dates is read, and counted here
// (a term is a few hundred bytes a pupil); counting characters in the database is far slower on
// the embedded database. The weekly trend comes from the per-school weekly counts kept at import.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import {
  countMarks,
  DFE_THRESHOLDS,
  GroupedTotals,
  percent,
  summaryOf,
  Totals,
  type PupilTotals,
  type SessionCounts,
  type Summary,
  type Thresholds,
} from './rules.ts';
import { sliceOf } from '../rules.ts';
import type { Clock } from '../../platform/clock.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';
import { groupTotalsReader } from '../aggregates/repository.ts';

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
  const [pupils, possible, authorised, unauthorised, persistent, severe] = (
    [
      'pupils',
      'possible_sessions',
      'authorised_sessions',
      'unauthorised_sessions',
      'persistent_absentees',
      'severe_absentees',
    ] as const
  ).map(sum) as [number, number, number, number, number, number];
  return summaryOf({ pupils, possible, authorised, unauthorised, persistent, severe });
}

interface PupilCounts extends SessionCounts {
  urn: number;
  upn: string;
}

/** Whether the period takes in every mark the year can have: from its first day to today or later. */
function wholeYear(period: Period, today: string): boolean {
  const bounds = schoolYearStarting(period.startYear);
  return period.from <= bounds.from && (period.to >= bounds.to || period.to >= today);
}

/**
 * Each pupil's counts in the period, at the schools asked for (every school when `urns` is left
 * out); for the whole year, only those who missed `missedPercent`% or more when it is given (the
 * rest may be left in for a shorter period).
 */
async function pupilCounts(
  db: Db,
  period: Period,
  urns: readonly number[] | undefined,
  today: string,
  missedPercent?: number,
): Promise<PupilCounts[]> {
  const year = schoolYearStarting(period.startYear).key;
  const schools = urns ? sql`and urn = any(${[...urns, -1]}::int[])` : sql``;
  if (wholeYear(period, today)) {
    // The whole-number share first, which the index answers; then the exact comparison.
    const missed =
      missedPercent === undefined
        ? sql``
        : sql`and possible > 0 and (authorised + unauthorised) * 100 / possible >= ${Math.floor(missedPercent)}
            and (authorised + unauthorised) * 100 >= ${missedPercent} * possible`;
    const { rows } =
      await sql<PupilCounts>`select urn, upn, possible, attended, authorised, unauthorised from attendance_marks where academic_year = ${year} ${schools} ${missed}`.execute(
        db,
      );
    return rows;
  }
  const { start, end } = sliceOf(period.from, period.to, period.startYear);
  const { rows } = await sql<{ urn: number; upn: string; slice: string }>`
    select urn, upn, substr(marks, ${start + 1}, ${Math.max(0, end - start)}) as slice from attendance_marks where academic_year = ${year} ${schools}`.execute(
    db,
  );
  return rows.map((row) => ({ urn: row.urn, upn: row.upn, ...countMarks(row.slice) }));
}

/** The whole year's measures per school, summed in the database from the counts kept beside each pupil's marks. */
async function wholeYearBySchool(
  db: Db,
  period: Period,
  urns: readonly number[] | undefined,
  thresholds: Thresholds,
): Promise<SchoolMeasures[]> {
  const absent = sql`(m.authorised + m.unauthorised) * 100`;
  const { rows } = await sql<PupilTotals & { urn: number; name: string | null; phase: string }>`
    select m.urn, s.name, s.phase,
      (count(*) filter (where m.possible > 0))::int as pupils,
      sum(m.possible)::int as possible, sum(m.authorised)::int as authorised, sum(m.unauthorised)::int as unauthorised,
      (count(*) filter (where m.possible > 0 and ${absent} >= ${thresholds.persistentPercent} * m.possible))::int as persistent,
      (count(*) filter (where m.possible > 0 and ${absent} >= ${thresholds.severePercent} * m.possible))::int as severe
    from attendance_marks m join schools s on s.urn = m.urn
    where m.academic_year = ${schoolYearStarting(period.startYear).key} ${urns ? sql`and m.urn = any(${[...urns, -1]}::int[])` : sql``}
    group by m.urn, s.name, s.phase
    having count(*) filter (where m.possible > 0) > 0
    order by s.name, m.urn`.execute(db);
  return rows.map((row) => ({
    urn: row.urn,
    name: row.name ?? `School ${row.urn}`,
    phase: row.phase,
    ...summaryOf(row),
  }));
}

/**
 * The measures. `fromMarks` counts every figure from the pupils' marks and their year counts,
 * never from the stored totals: the same figures, the slow way (for checking the totals).
 */
export function attendanceQueries(db: Db, clock: Clock, { fromMarks = false }: { fromMarks?: boolean } = {}) {
  const stored = fromMarks ? undefined : groupTotalsReader(db);
  return {
    /** The measures for each school with marks in the period (only `urns` when given). */
    async bySchool(
      period: Period,
      urns?: readonly number[],
      thresholds: Thresholds = DFE_THRESHOLDS,
    ): Promise<SchoolMeasures[]> {
      if (wholeYear(period, clock.today())) {
        const rows = await stored?.bySchool(schoolYearStarting(period.startYear).key, urns, thresholds);
        if (!rows) return wholeYearBySchool(db, period, urns, thresholds);
        return rows
          .filter((row) => row.pupils > 0)
          .map((row) => ({ urn: row.urn, name: row.name ?? `School ${row.urn}`, phase: row.phase, ...summaryOf(row) }));
      }
      const totals = new Map<number, Totals>();
      for (const pupil of await pupilCounts(db, period, urns, clock.today())) {
        let school = totals.get(pupil.urn);
        if (!school) totals.set(pupil.urn, (school = new Totals(thresholds)));
        school.add(pupil);
      }
      if (totals.size === 0) return [];
      const schools = await db
        .selectFrom('schools')
        .select(['urn', 'name', 'phase'])
        .where('urn', 'in', [...totals.keys()])
        .orderBy('name')
        .orderBy('urn')
        .execute();
      return schools.map((school) => ({
        urn: school.urn,
        name: school.name ?? `School ${school.urn}`,
        phase: school.phase,
        ...totals.get(school.urn)!.summary(),
      }));
    },

    /**
     * The measures by year group and by characteristic (SEN, free school meals, EAL), for the
     * pupils on the school's roll for the year; pupils with marks but not on the roll are counted
     * as "Not on the roll".
     */
    async byGroup(period: Period, urns?: readonly number[], thresholds: Thresholds = DFE_THRESHOLDS) {
      const year = schoolYearStarting(period.startYear).key;
      const groups = new GroupedTotals(thresholds);
      const totals = wholeYear(period, clock.today()) ? await stored?.byGroup(year, urns, thresholds) : undefined;
      if (totals) {
        for (const row of totals)
          for (const group of groups.totalsOf(row.on_roll ? row : undefined)) group.addTotals(row);
        return groups.dimensions();
      }
      let rollQuery = db
        .selectFrom('pupil_roll')
        .select(['urn', 'upn', 'year_group', 'sen', 'fsm', 'eal'])
        .where('academic_year', '=', year);
      if (urns) rollQuery = rollQuery.where('urn', 'in', [...urns, -1]);
      const [pupils, roll] = await Promise.all([pupilCounts(db, period, urns, clock.today()), rollQuery.execute()]);
      const onRoll = new Map(roll.map((row) => [`${row.urn}:${row.upn}`, row]));
      for (const pupil of pupils)
        for (const group of groups.totalsOf(onRoll.get(`${pupil.urn}:${pupil.upn}`))) group.add(pupil);
      return groups.dimensions();
    },

    /** Pupils who missed `thresholdPercent`% or more of their possible sessions in the period, most absent first. */
    async pupilsMissingAtLeast(period: Period, thresholdPercent: number, urns?: readonly number[]) {
      return (await pupilCounts(db, period, urns, clock.today(), thresholdPercent))
        .filter(
          (pupil) =>
            pupil.possible > 0 && (pupil.authorised + pupil.unauthorised) * 100 >= thresholdPercent * pupil.possible,
        )
        .map((pupil) => ({
          urn: pupil.urn,
          upn: pupil.upn,
          possible: pupil.possible,
          absent: pupil.authorised + pupil.unauthorised,
          absencePct: percent(pupil.authorised + pupil.unauthorised, pupil.possible),
        }))
        .sort((a, b) => b.absent / b.possible - a.absent / a.possible || a.urn - b.urn || a.upn.localeCompare(b.upn));
    },

    /** Overall absence week by week across the schools (only `urns` when given). */
    async weekly(period: Period, urns?: readonly number[]) {
      let query = db
        .selectFrom('attendance_school_weeks')
        .select([
          'week_start',
          (eb) => eb.fn.sum<number>('possible').as('possible'),
          (eb) => eb.fn.sum<number>('authorised').as('authorised'),
          (eb) => eb.fn.sum<number>('unauthorised').as('unauthorised'),
        ])
        .where('academic_year', '=', schoolYearStarting(period.startYear).key)
        .where('week_start', '>=', mondayOf(period.from))
        .where('week_start', '<=', period.to)
        .groupBy('week_start')
        .orderBy('week_start');
      if (urns) query = query.where('urn', 'in', [...urns, -1]);
      const rows = await query.execute();
      return rows.map((row) => ({
        weekStart: row.week_start,
        possible: Number(row.possible),
        absencePct: percent(Number(row.authorised) + Number(row.unauthorised), Number(row.possible)),
      }));
    },

    /** The targets by measure and phase (Portsmouth school attendance strategy). */
    targets() {
      return db.selectFrom('attendance_targets').selectAll().execute();
    },

    /** The school years with marks, newest first. */
    async years(): Promise<string[]> {
      if (stored) return stored.years();
      const rows = await db
        .selectFrom('attendance_marks')
        .select('academic_year')
        .distinct()
        .orderBy('academic_year', 'desc')
        .execute();
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
