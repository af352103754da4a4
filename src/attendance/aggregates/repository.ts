// The attendance totals kept beside the marks (migration 023): per school year, school and group
// of pupils alike on the roll (year group, SEN, free school meals, EAL; or not on the roll), the
// year's session counts and the pupils over the persistent and severe absence thresholds. Whatever
// changes the marks or the roll works them out again for its schools in its own transaction
// (`refreshGroupTotals`), so the dashboards read them in place of every pupil's marks. Totals
// counted at thresholds other than the page's are not used (the reads answer undefined, and the
// page counts from the marks).
import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../db/connection.ts';
import { readSetting } from '../../platform/settings/service.ts';
import type { PupilTotals, Thresholds } from '../measures/rules.ts';

/** Works out again the school year's totals at these schools from their marks and roll. */
export async function refreshGroupTotals(trx: DbOrTrx, year: string, urns: readonly number[]): Promise<void> {
  if (urns.length === 0) return;
  const persistent = await readSetting(trx, 'persistent-absence-percent');
  const severe = await readSetting(trx, 'severe-absence-percent');
  const schools = [...urns];
  await trx
    .deleteFrom('attendance_group_totals')
    .where('academic_year', '=', year)
    .where('urn', 'in', schools)
    .execute();
  const absent = sql`(m.authorised + m.unauthorised) * 100`;
  await sql`
    insert into attendance_group_totals (academic_year, urn, on_roll, year_group, sen, fsm, eal, marked, pupils, possible,
      attended, authorised, unauthorised, persistent, severe, persistent_percent, severe_percent)
    select ${year}, m.urn, r.upn is not null, coalesce(r.year_group, ''), coalesce(r.sen, ''), coalesce(r.fsm, false),
      coalesce(r.eal, false), count(*), count(*) filter (where m.possible > 0), sum(m.possible), sum(m.attended),
      sum(m.authorised), sum(m.unauthorised),
      count(*) filter (where m.possible > 0 and ${absent} >= ${persistent} * m.possible),
      count(*) filter (where m.possible > 0 and ${absent} >= ${severe} * m.possible),
      ${persistent}, ${severe}
    from attendance_marks m
      left join pupil_roll r on r.academic_year = m.academic_year and r.urn = m.urn and r.upn = m.upn
    where m.academic_year = ${year} and m.urn = any(${schools}::int[])
    group by m.urn, r.upn is not null, coalesce(r.year_group, ''), coalesce(r.sen, ''), coalesce(r.fsm, false),
      coalesce(r.eal, false)`.execute(trx);
}

/** A set of pupils' year totals, summed. */
export interface GroupTotals extends PupilTotals {
  marked: number;
}

const SUMS = sql`sum(a.marked)::int as marked, sum(a.pupils)::int as pupils, sum(a.possible)::int as possible,
  sum(a.authorised)::int as authorised, sum(a.unauthorised)::int as unauthorised, sum(a.persistent)::int as persistent,
  sum(a.severe)::int as severe,
  bool_or(a.persistent_percent <> ${sql.ref('t.persistent')} or a.severe_percent <> ${sql.ref('t.severe')}) as stale`;

/** The year's totals at the schools asked for (every school when `urns` is left out), read for the dashboards. */
export function groupTotalsReader(db: Db) {
  const scope = (year: string, urns: readonly number[] | undefined, thresholds: Thresholds) =>
    sql`(select ${thresholds.persistentPercent}::numeric as persistent, ${thresholds.severePercent}::numeric as severe) t
      join attendance_group_totals a on a.academic_year = ${year}
        ${urns ? sql`and a.urn = any(${[...urns, -1]}::int[])` : sql``}`;
  return {
    /** The school years with marks, newest first. */
    async years(): Promise<string[]> {
      const { rows } = await sql<{
        academic_year: string;
      }>`select distinct academic_year from attendance_group_totals order by academic_year desc`.execute(db);
      return rows.map((row) => row.academic_year);
    },

    /** Each school's totals, by school name; undefined when they were counted at other thresholds. */
    async bySchool(year: string, urns: readonly number[] | undefined, thresholds: Thresholds) {
      // Summed per school first, so only the schools are joined to their names and sorted.
      const { rows } = await sql<GroupTotals & { urn: number; name: string | null; phase: string; stale: boolean }>`
        select a.*, s.name, s.phase
        from (select a.urn, ${SUMS} from ${scope(year, urns, thresholds)} group by a.urn) a join schools s on s.urn = a.urn
        order by s.name, a.urn`.execute(db);
      return rows.some((row) => row.stale) ? undefined : rows;
    },

    /** The totals of each group of pupils alike on the roll, across the schools; undefined as above. */
    async byGroup(year: string, urns: readonly number[] | undefined, thresholds: Thresholds) {
      const { rows } = await sql<
        GroupTotals & {
          on_roll: boolean;
          year_group: string;
          sen: 'N' | 'K' | 'E';
          fsm: boolean;
          eal: boolean;
          stale: boolean;
        }
      >`
        select a.on_roll, a.year_group, a.sen, a.fsm, a.eal, ${SUMS}
        from ${scope(year, urns, thresholds)}
        group by a.on_roll, a.year_group, a.sen, a.fsm, a.eal`.execute(db);
      return rows.some((row) => row.stale) ? undefined : rows;
    },
  };
}
