/**
 * The saved rotation of clusters over the half terms: reading it (with the repeated half terms
 * worked out again, see rules.ts) and replacing it.
 */
import type { Insertable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { halfTermsOf } from '../repository.ts';
import { groupYearOf } from '../rules.ts';
import { withRepeats, type RotationSlot } from './rules.ts';

/**
 * The saved rotation of a school year, by position: each half term (its name and dates, and the
 * school year it falls in) with the cluster or clusters given it. When there were fewer clusters
 * than half terms, the later half terms are given the clusters again (`repeat: true`).
 */
export async function rotationFor(db: DbOrTrx, year: string): Promise<RotationSlot[]> {
  const rows = await db
    .selectFrom('group_rotation as r')
    .innerJoin('group_clusters as c', 'c.id', 'r.cluster_id')
    .select(['r.position', 'r.term_name', 'r.starts_on', 'r.ends_on', 'r.cluster_id', 'c.name'])
    .where('r.academic_year', '=', year)
    .orderBy('r.position')
    .orderBy('r.id')
    .execute();
  const saved: RotationSlot[] = [];
  for (const row of rows) {
    const cluster = { id: row.cluster_id, name: row.name };
    const same = saved.find((one) => one.position === row.position);
    if (same) same.clusters.push(cluster);
    else
      saved.push({
        position: row.position,
        termName: row.term_name,
        startsOn: row.starts_on,
        endsOn: row.ends_on,
        termYear: groupYearOf(row.starts_on),
        clusters: [cluster],
        repeat: false,
      });
  }
  return withRepeats(saved, year, await halfTermsOf(db, year));
}

/** Replaces the year's rows with `rows`; how many rows there were before. */
export async function replaceRotation(
  db: DbOrTrx,
  year: string,
  rows: Insertable<Database['group_rotation']>[],
): Promise<number> {
  const replaced = await db.deleteFrom('group_rotation').where('academic_year', '=', year).executeTakeFirst();
  if (rows.length) await db.insertInto('group_rotation').values(rows).execute();
  return Number(replaced.numDeletedRows);
}
