/**
 * The groups area's reading across its parts: the half terms of a school year (from the term
 * dates), the years there is anything for, and the overview's programmes and schools.
 */
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/connection.ts';
import type { TermPeriod } from '../platform/calendar/calendar.ts';
import { schoolName } from '../schools/service.ts';
import { KIND_NAMES } from './programmes/forms.ts';
import { groupYearOf, yearBounds } from './rules.ts';

/** The half terms of a school year from the term dates (usually six), in date order. */
export async function halfTermsOf(db: DbOrTrx, year: string): Promise<TermPeriod[]> {
  let bounds;
  try {
    bounds = yearBounds(year);
  } catch {
    return [];
  }
  const rows = await db
    .selectFrom('term_periods')
    .select(['name', 'starts_on', 'ends_on'])
    .where('starts_on', '>=', bounds.from)
    .where('starts_on', '<=', bounds.to)
    .orderBy('starts_on')
    .execute();
  return rows.map((row) => ({ name: row.name, startsOn: row.starts_on, endsOn: row.ends_on }));
}

/** The school years with term dates or clusters. */
export async function yearsRecorded(db: DbOrTrx): Promise<string[]> {
  const terms = await db.selectFrom('term_periods').select('starts_on').execute();
  const clusters = await db.selectFrom('group_clusters').select('academic_year').distinct().execute();
  return [...terms.map((row) => groupYearOf(row.starts_on)), ...clusters.map((row) => row.academic_year)];
}

/** The year's programmes (all of them, or those open to a school user's schools) with dates and place counts. */
export async function programmesOf(db: DbOrTrx, year: string, schoolUrns?: readonly number[]) {
  let query = db
    .selectFrom('group_programmes as p')
    .leftJoin('group_clusters as c', 'c.id', 'p.cluster_id')
    .leftJoin('schools as s', 's.urn', 'p.urn')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('group_sessions')
          .select(['programme_id', (e) => e.fn.min('held_on').as('first_on'), (e) => e.fn.max('held_on').as('last_on')])
          .groupBy('programme_id')
          .as('d'),
      (join) => join.onRef('d.programme_id', '=', 'p.id'),
    )
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('group_places')
          .select([
            'programme_id',
            sql<number>`count(*) filter (where status = 'confirmed')`.as('confirmed'),
            sql<number>`count(*) filter (where status = 'waiting')`.as('waiting'),
          ])
          .groupBy('programme_id')
          .as('n'),
      (join) => join.onRef('n.programme_id', '=', 'p.id'),
    )
    .select([
      'p.id',
      'p.kind',
      'p.name',
      'p.term_name',
      'p.capacity',
      'p.status',
      'p.urn',
      'p.open_to_all',
      'c.name as cluster_name',
      's.name as school_name',
      'd.first_on',
      'd.last_on',
      'n.confirmed',
      'n.waiting',
    ])
    .where('p.academic_year', '=', year);
  if (schoolUrns) {
    const urns = schoolUrns.length ? [...schoolUrns] : [-1];
    query = query.where((eb) =>
      eb.or([
        eb.and([
          eb('p.kind', '=', 'parent-group'),
          eb.or([
            eb('p.open_to_all', '=', true),
            eb(
              'p.cluster_id',
              'in',
              eb
                .selectFrom('group_cluster_schools')
                .select('cluster_id')
                .where('academic_year', '=', year)
                .where('urn', 'in', urns),
            ),
          ]),
        ]),
        eb.and([eb('p.kind', '=', 'small-group'), eb('p.urn', 'in', urns)]),
        eb('p.id', 'in', eb.selectFrom('group_places').select('programme_id').where('urn', 'in', urns)),
      ]),
    );
  }
  const rows = await query
    .orderBy('d.first_on', (order) => order.asc().nullsLast())
    .orderBy('p.name')
    .orderBy('p.id')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: KIND_NAMES[row.kind],
    termName: row.term_name,
    where: row.cluster_name ?? (row.urn ? schoolName({ urn: row.urn, name: row.school_name }) : ''),
    firstOn: row.first_on,
    lastOn: row.last_on,
    confirmed: Number(row.confirmed ?? 0),
    waiting: Number(row.waiting ?? 0),
    capacity: row.capacity,
    cancelled: row.status === 'cancelled',
  }));
}

/** A school's URN and name, if it exists. */
export function schoolOf(db: DbOrTrx, urn: number) {
  return db.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
}

/** How many people a school has nominated for the year's programmes, and how many are confirmed. */
export async function nominationCounts(db: DbOrTrx, year: string, urn: number) {
  const counts = await db
    .selectFrom('group_places as pl')
    .innerJoin('group_programmes as p', 'p.id', 'pl.programme_id')
    .select([
      sql<number>`count(*)`.as('nominated'),
      sql<number>`count(*) filter (where pl.status = 'confirmed')`.as('confirmed'),
    ])
    .where('p.academic_year', '=', year)
    .where('pl.urn', '=', urn)
    .executeTakeFirstOrThrow();
  return { nominated: Number(counts.nominated), confirmed: Number(counts.confirmed) };
}
