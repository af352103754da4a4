// The groups overview [issue 9; seed 000]: the year's rotation of clusters, its programmes (parent
// groups for a cluster, small groups at one of the most vulnerable schools) with their dates and
// places, and the links each role may use. A school user sees their school's cluster and half
// term, the programmes open to them and how many people their school has nominated: counts only.
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/connection.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { mayUse } from '../platform/permissions.ts';
import type { CurrentUser, Role } from '../platform/roles.ts';
import { schoolName } from '../schools/service.ts';
import type { Services } from '../services.ts';
import { CLUSTER_EDITORS, GROUP_ORGANISERS, GROUP_READERS, GROUP_REPORT_READERS, isSchoolOnly } from './access.ts';
import { clusterOf } from './clusters/membership.ts';
import { clampToYear, todayInLondon, yearChoices, yearFromQuery } from './clusters/years.ts';
import { listed, slotsOfCluster, type RotationSlot } from './rotation/rules.ts';
import { rotationFor } from './rotation/service.ts';

export const KIND_NAMES = { 'parent-group': 'Parent group', 'small-group': 'Small group' } as const;

/** The year's programmes (all of them, or those open to a school user's schools) with dates and place counts. */
async function programmesOf(db: DbOrTrx, year: string, schoolUrns?: readonly number[]) {
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

/** A school user's schools: each one's cluster this year, the half term(s) its cluster is given, and its nominations. */
async function yourSchools(db: DbOrTrx, year: string, urns: readonly number[], rotation: readonly RotationSlot[]) {
  const onDate = clampToYear(todayInLondon(), year);
  const result = [];
  for (const urn of urns) {
    const school = await db.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirst();
    if (!school) continue;
    const cluster = await clusterOf(db, year, urn, onDate);
    const terms = cluster ? slotsOfCluster(rotation, cluster.id).map((slot) => slot.termName) : [];
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
    result.push({
      urn,
      name: schoolName(school),
      cluster,
      terms,
      termList: listed(terms),
      nominated: Number(counts.nominated),
      confirmed: Number(counts.confirmed),
    });
  }
  return result;
}

/** The links on the overview each role may use. */
function linksFor(user: CurrentUser, year: string) {
  const query = `?year=${encodeURIComponent(year)}`;
  const links: { href: string; text: string; access: readonly Role[] }[] = [
    { href: `/groups/clusters${query}`, text: 'Clusters of schools', access: [...CLUSTER_EDITORS, ...GROUP_READERS] },
    { href: `/groups/rotation${query}`, text: 'Rotation of clusters over the half terms', access: GROUP_READERS },
    { href: '/groups/programmes/new?kind=parent-group', text: 'Create a parent group', access: GROUP_ORGANISERS },
    { href: '/groups/programmes/new?kind=small-group', text: 'Create a small group', access: GROUP_ORGANISERS },
    { href: `/groups/report${query}`, text: 'Groups report', access: GROUP_REPORT_READERS },
  ];
  return links.filter((link) => mayUse(link.access, user.roles)).map(({ href, text }) => ({ href, text }));
}

export function groupOverviewRoutes(routes: RouteTable, services: Services): void {
  const { db } = services;

  routes.get('/groups', GROUP_READERS, async (req, res) => {
    const user: CurrentUser = res.locals.user;
    const year = yearFromQuery(req.query.year);
    const schoolOnly = isSchoolOnly(user);
    const rotation = await rotationFor(db, year);
    res.render('groups/index', {
      title: `Groups ${year}`,
      year,
      years: await yearChoices(db, year),
      rotation,
      programmes: await programmesOf(db, year, schoolOnly ? user.schoolUrns : undefined),
      schoolOnly,
      yourSchools: schoolOnly ? await yourSchools(db, year, user.schoolUrns, rotation) : [],
      links: linksFor(user, year),
    });
  });
}
