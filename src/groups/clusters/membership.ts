/**
 * Which cluster a school is in, and which schools a cluster has, on a given date. Membership is
 * kept with dates (joined_on inclusive, left_on exclusive), so a school moved between clusters
 * mid-year keeps its history [issue 9].
 */
import type { DbOrTrx } from '../../db/connection.ts';

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
