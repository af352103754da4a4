/**
 * The clusters the year's rotation gives each half term, for a parent group's cluster [seed 000:
 * "one cluster per half term"]. A half term may have two clusters when they are paired; a rotation
 * that spilled over from the year before gives half terms of this year too.
 */
import type { DbOrTrx } from '../../db/connection.ts';
import type { ClusterRef } from '../clusters/membership.ts';
import { rotationFor } from '../rotation/service.ts';
import { schoolYearLabel, startYearOfLabel } from '../year.ts';

/** The clusters for each half term of `year`, by the half term's name (from this year's rotation and the year before's). */
export async function clustersByHalfTerm(db: DbOrTrx, year: string): Promise<Map<string, ClusterRef[]>> {
  const start = startYearOfLabel(year);
  const years = start === undefined ? [year] : [schoolYearLabel(start - 1), year];
  const byTerm = new Map<string, ClusterRef[]>();
  for (const label of years) {
    for (const slot of await rotationFor(db, label)) {
      const clusters = byTerm.get(slot.termName) ?? [];
      for (const cluster of slot.clusters)
        if (!clusters.some((c) => c.id === cluster.id)) clusters.push({ id: cluster.id, name: cluster.name });
      byTerm.set(slot.termName, clusters);
    }
  }
  return byTerm;
}
