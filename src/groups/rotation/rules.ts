/**
 * The year's rotation of clusters over the half terms (Havering SEMH Team proposal: "Parent support groups
 * are delivered in Clusters on a half-termly basis, one cluster per half term"). Pure functions.
 *
 * - As many clusters as half terms: each half term has the next cluster in the chosen order.
 * - Fewer clusters: the cycle starts again from the first cluster, so every half term has one.
 *   Only the first round is stored (a cluster appears once a year in group_rotation); the
 *   repeated half terms are worked out again from this rule when the rotation is read.
 * - More clusters: refused unless the organiser chooses to pair clusters (the earliest half
 *   terms take two) or to spill (the extra clusters take the next year's first half terms).
 */
import { yearLabelOf } from '../rules.ts';
import type { TermPeriod } from '../../platform/calendar/calendar.ts';

export interface RotationCluster {
  id: number;
  name: string;
}

export type Overflow = 'pair' | 'spill';
export const OVERFLOWS: readonly Overflow[] = ['pair', 'spill'];

/** One half term of the rotation and the cluster (or clusters, when paired) it is given. */
export interface RotationSlot {
  position: number;
  termName: string;
  startsOn: string;
  endsOn: string;
  /** The school year the half term falls in: the next year for clusters carried over. */
  termYear: string;
  clusters: RotationCluster[];
  /** True for a half term given again to a cluster when the cycle starts again from the first. */
  repeat: boolean;
}

export interface RotationInput {
  year: string;
  nextYear: string;
  halfTerms: readonly TermPeriod[];
  nextHalfTerms: readonly TermPeriod[];
  /** The year's clusters in the chosen order. */
  clusters: readonly RotationCluster[];
  overflow?: Overflow;
}

export type RotationProblem = 'no-half-terms' | 'no-clusters' | 'too-many' | 'no-next-half-terms' | 'too-many-to-spill';

export type RotationPlan =
  | { ok: true; slots: RotationSlot[]; cycled: boolean; overflow?: Overflow }
  | { ok: false; problem: RotationProblem; message: string };

const slot = (
  position: number,
  term: TermPeriod,
  termYear: string,
  clusters: RotationCluster[],
  repeat = false,
): RotationSlot => ({
  position,
  termName: term.name,
  startsOn: term.startsOn,
  endsOn: term.endsOn,
  termYear,
  clusters,
  repeat,
});

/** The message when there are more clusters than half terms and no choice has been made. */
export function tooManyMessage(clusters: number, halfTerms: number, year: string, nextYear: string): string {
  return `There are ${clusters} clusters but only ${halfTerms} half terms in ${yearLabelOf(year)}: choose to pair clusters in some half terms, or to carry the rest into ${yearLabelOf(nextYear)}`;
}

/** Shares clusters over the half terms as evenly as possible, in order: the earliest half terms take one more. */
function paired(input: RotationInput): RotationSlot[] {
  const { halfTerms, clusters } = input;
  const base = Math.floor(clusters.length / halfTerms.length);
  const extra = clusters.length % halfTerms.length;
  let next = 0;
  return halfTerms.map((term, index) => {
    const count = base + (index < extra ? 1 : 0);
    const given = clusters.slice(next, next + count);
    next += count;
    return slot(index + 1, term, input.year, given);
  });
}

/** Plans the rotation, or says why it cannot be planned. */
export function planRotation(input: RotationInput): RotationPlan {
  const { year, nextYear, halfTerms, nextHalfTerms, clusters } = input;
  if (halfTerms.length === 0) {
    return {
      ok: false,
      problem: 'no-half-terms',
      message: `There are no half terms for ${yearLabelOf(year)} in the term dates: add the year’s term dates first`,
    };
  }
  if (clusters.length === 0) {
    return {
      ok: false,
      problem: 'no-clusters',
      message: `There are no clusters of schools in ${yearLabelOf(year)}: create the clusters first`,
    };
  }
  if (clusters.length <= halfTerms.length) {
    const slots = halfTerms.map((term, index) =>
      slot(index + 1, term, year, [clusters[index % clusters.length]], index >= clusters.length),
    );
    return { ok: true, slots, cycled: clusters.length < halfTerms.length };
  }
  if (input.overflow === 'pair') return { ok: true, slots: paired(input), cycled: false, overflow: 'pair' };
  if (input.overflow !== 'spill') {
    return {
      ok: false,
      problem: 'too-many',
      message: tooManyMessage(clusters.length, halfTerms.length, year, nextYear),
    };
  }
  const carried = clusters.length - halfTerms.length;
  if (nextHalfTerms.length === 0) {
    return {
      ok: false,
      problem: 'no-next-half-terms',
      message: `There are no term dates for ${yearLabelOf(nextYear)}, so clusters cannot be carried into ${yearLabelOf(nextYear)}: add the ${yearLabelOf(nextYear)} term dates first, or choose to pair clusters`,
    };
  }
  if (carried > nextHalfTerms.length) {
    return {
      ok: false,
      problem: 'too-many-to-spill',
      message: `There are ${clusters.length} clusters but only ${halfTerms.length + nextHalfTerms.length} half terms in ${yearLabelOf(year)} and ${yearLabelOf(nextYear)}: choose to pair clusters instead`,
    };
  }
  const slots = [
    ...halfTerms.map((term, index) => slot(index + 1, term, year, [clusters[index]])),
    ...nextHalfTerms
      .slice(0, carried)
      .map((term, index) => slot(halfTerms.length + index + 1, term, nextYear, [clusters[halfTerms.length + index]])),
  ];
  return { ok: true, slots, cycled: false, overflow: 'spill' };
}

/** The slots to store: all but the repeated half terms (a cluster is stored once a year). */
export const storedSlots = (slots: readonly RotationSlot[]) => slots.filter((one) => !one.repeat);

/**
 * The saved rotation with the repeated half terms worked out again: when the year's clusters
 * were fewer than its half terms, the half terms after the saved ones take the clusters again
 * in the same order. Paired or spilled rotations are returned as saved.
 */
export function withRepeats(
  saved: readonly RotationSlot[],
  year: string,
  halfTerms: readonly TermPeriod[],
): RotationSlot[] {
  const first = [...saved].sort((a, b) => a.position - b.position);
  if (first.length === 0 || first.some((one) => one.clusters.length !== 1 || one.termYear !== year)) return first;
  const lastEnds = first.at(-1)!.endsOn;
  const later = halfTerms.filter((term) => term.startsOn > lastEnds);
  const repeats = later.map((term, index) =>
    slot(first.length + index + 1, term, year, first[(first.length + index) % first.length].clusters, true),
  );
  return [...first, ...repeats];
}

/** The half terms a cluster is given in a rotation. */
export const slotsOfCluster = (slots: readonly RotationSlot[], clusterId: number) =>
  slots.filter((one) => one.clusters.some((cluster) => cluster.id === clusterId));

/**
 * The clusters in the order asked for: `requested` (cluster ids) when it lists each of the year's
 * clusters exactly once, else the saved order (clusters not in the saved rotation after, by name).
 */
export function orderClusters(
  clusters: readonly RotationCluster[],
  savedOrder: readonly number[],
  requested?: readonly number[],
): RotationCluster[] {
  const byId = new Map(clusters.map((cluster) => [cluster.id, cluster]));
  if (
    requested &&
    requested.length === clusters.length &&
    new Set(requested).size === requested.length &&
    requested.every((id) => byId.has(id))
  ) {
    return requested.map((id) => byId.get(id)!);
  }
  const saved = [...new Set(savedOrder)].filter((id) => byId.has(id)).map((id) => byId.get(id)!);
  const rest = clusters
    .filter((cluster) => !savedOrder.includes(cluster.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  return [...saved, ...rest];
}

/** The order after moving the cluster at `index` up (-1) or down (+1); unchanged at either end. */
export function moved<T>(order: readonly T[], index: number, step: -1 | 1): T[] {
  const target = index + step;
  if (index < 0 || index >= order.length || target < 0 || target >= order.length) return [...order];
  const result = [...order];
  [result[index], result[target]] = [result[target], result[index]];
  return result;
}

/** 'A', 'A and B', 'A, B and C'. */
export const listed = (items: readonly string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? '');

/** Cluster ids from a form or address: '3,1,2' or ['3', '1', '2']. */
export function parseOrder(value: unknown): number[] | undefined {
  const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : undefined;
  if (!parts) return undefined;
  const ids = parts.map((part) => Number(part.trim()));
  return ids.every((id) => Number.isInteger(id) && id > 0) ? ids : undefined;
}
