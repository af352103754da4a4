/**
 * Reading clusters of schools: the year's clusters with their current schools, the schools a
 * form may offer, and one cluster's page with its history. Current means the open membership
 * row (left_on null): where the school is now, or will be after a move already recorded.
 *
 * Which cluster a school is in, and which schools a cluster has, on a given date: membership is
 * kept with dates (joined_on inclusive, left_on exclusive), so a school moved between clusters
 * mid-year keeps its history.
 */
import type { Insertable, Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { schoolName } from '../../schools/service.ts';
import { clusterHistory, type Membership, type MembershipRow, type SchoolChoice } from './rules.ts';

export interface ClusterSchool {
  urn: number;
  name: string;
  joinedOn: string;
}

export interface ClusterSummary {
  id: number;
  name: string;
  schools: ClusterSchool[];
}

/** The year's clusters by name, each with its current schools by name. */
export async function clustersOfYear(db: DbOrTrx, year: string): Promise<ClusterSummary[]> {
  const clusters = await db
    .selectFrom('group_clusters')
    .select(['id', 'name'])
    .where('academic_year', '=', year)
    .orderBy('name')
    .orderBy('id')
    .execute();
  const members = await db
    .selectFrom('group_cluster_schools as m')
    .innerJoin('schools as s', 's.urn', 'm.urn')
    .select(['m.cluster_id', 'm.urn', 'm.joined_on', 's.name'])
    .where('m.academic_year', '=', year)
    .where('m.left_on', 'is', null)
    .orderBy('s.name')
    .orderBy('m.urn')
    .execute();
  return clusters.map((cluster) => ({
    ...cluster,
    schools: members
      .filter((row) => row.cluster_id === cluster.id)
      .map((row) => ({ urn: row.urn, name: schoolName(row), joinedOn: row.joined_on })),
  }));
}

/** The authority's schools by name, each with the cluster it is in now that year (if any). */
export async function schoolChoices(db: DbOrTrx, year: string): Promise<Map<number, SchoolChoice>> {
  const rows = await db
    .selectFrom('schools as s')
    .leftJoin('group_cluster_schools as m', (join) =>
      join.onRef('m.urn', '=', 's.urn').on('m.academic_year', '=', year).on('m.left_on', 'is', null),
    )
    .leftJoin('group_clusters as c', 'c.id', 'm.cluster_id')
    .select(['s.urn', 's.name', 'c.name as cluster_name'])
    .orderBy('s.name')
    .orderBy('s.urn')
    .execute();
  return new Map(
    rows.map((row) => [row.urn, { urn: row.urn, name: schoolName(row), clusterName: row.cluster_name ?? undefined }]),
  );
}

/** The schools not in any cluster that year, for the checkboxes. */
export const unclustered = (choices: ReadonlyMap<number, SchoolChoice>) =>
  [...choices.values()].filter((school) => !school.clusterName);

export async function findCluster(db: DbOrTrx, id: number) {
  return db
    .selectFrom('group_clusters')
    .select(['id', 'name', 'academic_year as year'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A school's open membership row in a cluster. */
export async function openMembership(db: DbOrTrx, clusterId: number, urn: number) {
  return db
    .selectFrom('group_cluster_schools as m')
    .innerJoin('schools as s', 's.urn', 'm.urn')
    .select(['m.id', 'm.urn', 'm.joined_on', 'm.academic_year', 's.name'])
    .where('m.cluster_id', '=', clusterId)
    .where('m.urn', '=', urn)
    .where('m.left_on', 'is', null)
    .executeTakeFirst();
}

/** The year's membership rows of the schools ever in a cluster, with cluster and school names. */
async function membershipRows(db: DbOrTrx, clusterId: number, year: string): Promise<MembershipRow[]> {
  const rows = await db
    .selectFrom('group_cluster_schools as m')
    .innerJoin('group_clusters as c', 'c.id', 'm.cluster_id')
    .innerJoin('schools as s', 's.urn', 'm.urn')
    .select(['m.cluster_id', 'c.name as cluster_name', 'm.urn', 's.name', 'm.joined_on', 'm.left_on', 'm.move_reason'])
    .where('m.academic_year', '=', year)
    .where('m.urn', 'in', (eb) =>
      eb.selectFrom('group_cluster_schools').select('urn').where('cluster_id', '=', clusterId),
    )
    .execute();
  return rows.map((row) => ({
    clusterId: row.cluster_id,
    clusterName: row.cluster_name,
    urn: row.urn,
    schoolName: schoolName(row),
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    moveReason: row.move_reason,
  }));
}

/** One cluster's page: its current schools, its history, the year's other clusters. */
export async function clusterPage(db: DbOrTrx, id: number) {
  const cluster = await findCluster(db, id);
  if (!cluster) return undefined;
  const all = await clustersOfYear(db, cluster.year);
  const rows = await membershipRows(db, id, cluster.year);
  return {
    cluster,
    schools: all.find((one) => one.id === id)?.schools ?? [],
    others: all.filter((one) => one.id !== id).map((one) => ({ id: one.id, name: one.name })),
    history: clusterHistory(id, rows),
  };
}

/** Every membership row of the year (open and closed), with the school's name. */
export async function membershipsOfYear(db: DbOrTrx, year: string): Promise<Membership[]> {
  const rows = await db
    .selectFrom('group_cluster_schools as m')
    .innerJoin('schools as s', 's.urn', 'm.urn')
    .select(['m.cluster_id', 'm.urn', 's.name', 'm.joined_on', 'm.left_on'])
    .where('m.academic_year', '=', year)
    .execute();
  return rows.map((row) => ({
    clusterId: row.cluster_id,
    urn: row.urn,
    name: schoolName(row),
    joinedOn: row.joined_on,
    leftOn: row.left_on,
  }));
}

export interface ClusterRef {
  id: number;
  name: string;
}

/** The cluster a school belongs to on `onDate` in the year, if any. */
export async function clusterOf(
  db: DbOrTrx,
  year: string,
  urn: number,
  onDate: string,
): Promise<ClusterRef | undefined> {
  return db
    .selectFrom('group_cluster_schools as m')
    .innerJoin('group_clusters as c', 'c.id', 'm.cluster_id')
    .select(['c.id', 'c.name'])
    .where('m.academic_year', '=', year)
    .where('m.urn', '=', urn)
    .where('m.joined_on', '<=', onDate)
    .where((eb) => eb.or([eb('m.left_on', 'is', null), eb('m.left_on', '>', onDate)]))
    .executeTakeFirst();
}

/** The URNs of a cluster's schools on `onDate`. */
export async function clusterSchoolsOn(db: DbOrTrx, clusterId: number, onDate: string): Promise<number[]> {
  const rows = await db
    .selectFrom('group_cluster_schools')
    .select('urn')
    .where('cluster_id', '=', clusterId)
    .where('joined_on', '<=', onDate)
    .where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>', onDate)]))
    .orderBy('urn')
    .execute();
  return rows.map((row) => row.urn);
}

/** The URNs ever in a cluster during the year (for reports and for booking windows that span a move). */
export async function clusterSchoolsEver(db: DbOrTrx, clusterId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('group_cluster_schools')
    .select('urn')
    .distinct()
    .where('cluster_id', '=', clusterId)
    .orderBy('urn')
    .execute();
  return rows.map((row) => row.urn);
}

// — Changing clusters (in the caller's transaction) —

/** The year's clusters' ids and names. */
export function clusterNames(db: DbOrTrx, year: string) {
  return db.selectFrom('group_clusters').select(['id', 'name']).where('academic_year', '=', year).execute();
}

export async function insertCluster(db: DbOrTrx, year: string, name: string, userId: number | null): Promise<number> {
  const { id } = await db
    .insertInto('group_clusters')
    .values({ academic_year: year, name, created_by: userId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function renameCluster(db: DbOrTrx, id: number, name: string) {
  await db.updateTable('group_clusters').set({ name }).where('id', '=', id).execute();
}

/** The dates a school left a cluster in the year (null for a membership still open). */
export async function leavingDates(db: DbOrTrx, year: string, urn: number): Promise<(string | null)[]> {
  const rows = await db
    .selectFrom('group_cluster_schools')
    .select('left_on')
    .where('academic_year', '=', year)
    .where('urn', '=', urn)
    .execute();
  return rows.map((row) => row.left_on);
}

export async function insertMembership(db: DbOrTrx, row: Insertable<Database['group_cluster_schools']>) {
  await db.insertInto('group_cluster_schools').values(row).execute();
}

export async function closeMembership(
  db: DbOrTrx,
  id: number,
  change: Pick<Updateable<Database['group_cluster_schools']>, 'left_on' | 'move_reason' | 'changed_by'>,
) {
  await db.updateTable('group_cluster_schools').set(change).where('id', '=', id).execute();
}

export async function deleteMembership(db: DbOrTrx, id: number) {
  await db.deleteFrom('group_cluster_schools').where('id', '=', id).execute();
}
