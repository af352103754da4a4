/**
 * What the groups report reads, in the caller's transaction so the figures are of one moment: the
 * year's programmes with their sessions, places (and the schools of the children they are for,
 * with each school's cluster on the programme's first session), marks and scores; the cases
 * allocated in the year; the approved allocation plan's capacity; the years with programmes.
 * Figures only: no names are read.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { schoolName } from '../../schools/service.ts';
import { clusterOf } from '../clusters/repository.ts';
import type { ReportProgramme, ReportSchool } from './rules.ts';

export type Trx = Transaction<Database>;

export async function programmesOf(trx: Trx, year: string): Promise<ReportProgramme[]> {
  const programmes = await trx
    .selectFrom('group_programmes')
    .select(['id', 'kind', 'academic_year', 'term_name', 'capacity', 'measure_name', 'status'])
    .where('academic_year', '=', year)
    .orderBy('id')
    .execute();
  if (programmes.length === 0) return [];
  const ids = programmes.map((programme) => programme.id);
  const sessions = await trx
    .selectFrom('group_sessions')
    .select(['programme_id', 'held_on'])
    .where('programme_id', 'in', ids)
    .orderBy('held_on')
    .execute();
  const places = await trx
    .selectFrom('group_places')
    .select(['id', 'programme_id', 'status', 'urn', 'pre_score', 'post_score'])
    .where('programme_id', 'in', ids)
    .orderBy('id')
    .execute();
  const placeIds = places.map((place) => place.id);
  const children = placeIds.length
    ? await trx
        .selectFrom('group_place_children')
        .select(['place_id', 'urn'])
        .where('place_id', 'in', placeIds)
        .execute()
    : [];
  const marks = await trx
    .selectFrom('group_attendance as a')
    .innerJoin('group_sessions as s', 's.id', 'a.session_id')
    .select(['s.programme_id', 'a.place_id', 'a.status'])
    .where('s.programme_id', 'in', ids)
    .execute();
  const urns = [...new Set([...places.map((place) => place.urn), ...children.map((child) => child.urn)])];
  const names = new Map(
    (urns.length ? await trx.selectFrom('schools').select(['urn', 'name']).where('urn', 'in', urns).execute() : []).map(
      (school) => [school.urn, schoolName(school)],
    ),
  );
  const clusters = new Map<string, string | null>();
  const schoolOn = async (
    programmeYear: string,
    urn: number,
    firstSession: string | undefined,
  ): Promise<ReportSchool> => {
    const key = `${programmeYear} ${urn} ${firstSession}`;
    if (!clusters.has(key))
      clusters.set(key, firstSession ? ((await clusterOf(trx, programmeYear, urn, firstSession))?.name ?? null) : null);
    return { urn, name: names.get(urn) ?? schoolName({ urn, name: null }), cluster: clusters.get(key)! };
  };

  const result: ReportProgramme[] = [];
  for (const programme of programmes) {
    const sessionDates = sessions
      .filter((session) => session.programme_id === programme.id)
      .map((session) => session.held_on);
    const own = places.filter((place) => place.programme_id === programme.id);
    const reportPlaces = [];
    for (const place of own) {
      const placeUrns = [...new Set(children.filter((child) => child.place_id === place.id).map((child) => child.urn))];
      const schools = [];
      for (const urn of placeUrns.length ? placeUrns : [place.urn])
        schools.push(await schoolOn(programme.academic_year, urn, sessionDates[0]));
      reportPlaces.push({
        id: place.id,
        status: place.status,
        pre: place.pre_score === null ? null : Number(place.pre_score),
        post: place.post_score === null ? null : Number(place.post_score),
        schools,
      });
    }
    result.push({
      id: programme.id,
      kind: programme.kind,
      termName: programme.term_name,
      capacity: programme.capacity,
      measureName: programme.measure_name,
      cancelled: programme.status === 'cancelled',
      sessionDates,
      places: reportPlaces,
      marks: marks
        .filter((mark) => mark.programme_id === programme.id)
        .map((mark) => ({ placeId: mark.place_id, status: mark.status })),
    });
  }
  return result;
}

/** Cases allocated in the year: the families reached through individual casework. */
export async function caseworkOf(trx: Trx, year: string): Promise<number> {
  const row = await trx
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('academic_year', '=', year)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** The approved allocation plan's capacity in families, if a plan is approved for the year. */
export async function capacityOf(trx: Trx, year: string): Promise<number | null> {
  const plan = await trx
    .selectFrom('allocation_plans')
    .select('capacity')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .orderBy('version', 'desc')
    .executeTakeFirst();
  return plan?.capacity ?? null;
}

/** The years to choose from, newest first: each year with programmes, the current one and the chosen one. */
export async function yearsToChoose(trx: Trx, current: string, chosen: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('group_programmes')
    .select(sql<string>`distinct academic_year`.as('year'))
    .execute();
  return [...new Set([current, chosen, ...rows.map((row) => row.year)])].sort((a, b) => b.localeCompare(a));
}
