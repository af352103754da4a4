import { describe, expect, it } from 'vitest';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import { groupYearOf } from '../rules.ts';
import {
  moved,
  orderClusters,
  parseOrder,
  planRotation,
  slotsOfCluster,
  storedSlots,
  withRepeats,
  type RotationInput,
} from './rules.ts';

const halfTermsIn = (year: string) => SAMPLE_TERM_DATES.filter((term) => groupYearOf(term.startsOn) === year);
const clusters = (count: number) =>
  Array.from({ length: count }, (_, index) => ({ id: index + 1, name: `Cluster ${index + 1}` }));
const input = (count: number, extra: Partial<RotationInput> = {}): RotationInput => ({
  year: '2026/27',
  nextYear: '2027/28',
  halfTerms: halfTermsIn('2026/27'),
  nextHalfTerms: halfTermsIn('2027/28'),
  clusters: clusters(count),
  ...extra,
});
const plan = (count: number, extra: Partial<RotationInput> = {}) => {
  const result = planRotation(input(count, extra));
  if (!result.ok) throw new Error(result.message);
  return result;
};
const names = (slots: { clusters: { name: string }[] }[]) =>
  slots.map((one) => one.clusters.map((cluster) => cluster.name).join(' + '));

describe('the year’s rotation of clusters (Havering SEMH Team proposal: "one cluster per half term")', () => {
  it('gives each of the six 2026/27 half terms one cluster, in the chosen order (Havering SEMH Team proposal)', () => {
    const result = plan(6, { clusters: [...clusters(6)].reverse() });
    expect(result.cycled).toBe(false);
    expect(result.slots.map((one) => [one.position, one.termName, one.startsOn, one.endsOn])).toEqual([
      [1, 'Autumn 1 2026', '2026-09-03', '2026-10-23'],
      [2, 'Autumn 2 2026', '2026-11-02', '2026-12-18'],
      [3, 'Spring 1 2027', '2027-01-04', '2027-02-12'],
      [4, 'Spring 2 2027', '2027-02-22', '2027-03-25'],
      [5, 'Summer 1 2027', '2027-04-12', '2027-05-28'],
      [6, 'Summer 2 2027', '2027-06-07', '2027-07-21'],
    ]);
    expect(names(result.slots)).toEqual(['Cluster 6', 'Cluster 5', 'Cluster 4', 'Cluster 3', 'Cluster 2', 'Cluster 1']);
    expect(result.slots.every((one) => one.termYear === '2026/27' && !one.repeat)).toBe(true);
  });

  it('starts the cycle again from the first cluster when there are fewer clusters than half terms, so every half term has one (Havering SEMH Team proposal)', () => {
    const result = plan(4);
    expect(result.cycled).toBe(true);
    expect(names(result.slots)).toEqual(['Cluster 1', 'Cluster 2', 'Cluster 3', 'Cluster 4', 'Cluster 1', 'Cluster 2']);
    expect(result.slots.map((one) => one.repeat)).toEqual([false, false, false, false, true, true]);
    expect(storedSlots(result.slots)).toHaveLength(4);
  });

  it('works the repeated half terms out again from the stored first round', () => {
    const result = plan(4);
    expect(withRepeats(storedSlots(result.slots), '2026/27', halfTermsIn('2026/27'))).toEqual(result.slots);
    expect(slotsOfCluster(result.slots, 1).map((one) => one.termName)).toEqual(['Autumn 1 2026', 'Summer 1 2027']);
  });

  it('refuses more clusters than half terms with the choice of pairing or carrying over, naming the years (Havering SEMH Team proposal)', () => {
    const result = planRotation(input(8));
    expect(result).toEqual({
      ok: false,
      problem: 'too-many',
      message:
        'There are 8 clusters but only 6 half terms in 2026 to 2027: choose to pair clusters in some half terms, or to carry the rest into 2027 to 2028',
    });
  });

  it('pairs clusters evenly when asked: the earliest half terms take two', () => {
    const result = plan(8, { overflow: 'pair' });
    expect(result.overflow).toBe('pair');
    expect(names(result.slots)).toEqual([
      'Cluster 1 + Cluster 2',
      'Cluster 3 + Cluster 4',
      'Cluster 5',
      'Cluster 6',
      'Cluster 7',
      'Cluster 8',
    ]);
    expect(result.slots.map((one) => one.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(withRepeats(result.slots, '2026/27', halfTermsIn('2026/27'))).toEqual(result.slots);
  });

  it('spills the extra clusters into the first half terms of 2027/28 when asked', () => {
    const result = plan(8, { overflow: 'spill' });
    expect(result.slots).toHaveLength(8);
    expect(
      result.slots.slice(6).map((one) => [one.position, one.termName, one.termYear, one.clusters[0].name]),
    ).toEqual([
      [7, 'Autumn 1 2027', '2027/28', 'Cluster 7'],
      [8, 'Autumn 2 2027', '2027/28', 'Cluster 8'],
    ]);
    expect(withRepeats(result.slots, '2026/27', halfTermsIn('2026/27'))).toHaveLength(8);
  });

  it('refuses to spill into a year without term dates, naming the year', () => {
    const result = planRotation(
      input(8, {
        year: '2027/28',
        nextYear: '2028/29',
        halfTerms: halfTermsIn('2027/28'),
        nextHalfTerms: halfTermsIn('2028/29'),
        overflow: 'spill',
      }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toBe(
      'There are no term dates for 2028 to 2029, so clusters cannot be carried into 2028 to 2029: add the 2028 to 2029 term dates first, or choose to pair clusters',
    );
  });

  it('refuses to spill more clusters than two years of half terms', () => {
    const result = planRotation(input(13, { overflow: 'spill' }));
    expect(!result.ok && result.problem).toBe('too-many-to-spill');
  });

  it('says when the year has no half terms in the term dates, or no clusters', () => {
    const noTerms = planRotation(input(3, { year: '2030/31', nextYear: '2031/32', halfTerms: [], nextHalfTerms: [] }));
    expect(!noTerms.ok && noTerms.message).toBe(
      'There are no half terms for 2030 to 2031 in the term dates: add the year’s term dates first',
    );
    const noClusters = planRotation(input(0));
    expect(!noClusters.ok && noClusters.problem).toBe('no-clusters');
  });

  it('ignores a choice to pair or spill when there are not too many clusters', () => {
    expect(plan(6, { overflow: 'pair' }).slots.every((one) => one.clusters.length === 1)).toBe(true);
    expect(plan(6, { overflow: 'spill' }).overflow).toBeUndefined();
  });
});

describe('the order of the clusters', () => {
  const all = clusters(3).map((cluster, index) => ({ ...cluster, name: ['North', 'Central', 'South'][index] }));

  it('uses the saved order, then clusters not yet in the rotation by name', () => {
    expect(orderClusters(all, [3, 1]).map((cluster) => cluster.id)).toEqual([3, 1, 2]);
    expect(orderClusters(all, []).map((cluster) => cluster.name)).toEqual(['Central', 'North', 'South']);
  });

  it('takes an order asked for only when it lists each cluster once', () => {
    expect(orderClusters(all, [], [2, 3, 1]).map((cluster) => cluster.id)).toEqual([2, 3, 1]);
    expect(orderClusters(all, [1, 2, 3], [2, 2, 1]).map((cluster) => cluster.id)).toEqual([1, 2, 3]);
    expect(orderClusters(all, [1, 2, 3], [2, 3]).map((cluster) => cluster.id)).toEqual([1, 2, 3]);
  });

  it('moves a cluster up or down, and not past either end', () => {
    expect(moved([1, 2, 3], 1, -1)).toEqual([2, 1, 3]);
    expect(moved([1, 2, 3], 1, 1)).toEqual([1, 3, 2]);
    expect(moved([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(moved([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });

  it('reads an order from the address or a form', () => {
    expect(parseOrder('3,1,2')).toEqual([3, 1, 2]);
    expect(parseOrder(['3', '1'])).toEqual([3, 1]);
    expect(parseOrder('3,x')).toBeUndefined();
    expect(parseOrder(undefined)).toBeUndefined();
  });
});
