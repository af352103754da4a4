import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allocateQuotas,
  describeRounding,
  individualCapacityOf,
  largestRemainder,
  type PlanInput,
  type PlanSchool,
} from './rules.ts';
import type { SchoolFigures } from '../../schools/figures/rules.ts';
import { vulnerabilityTable } from '../vulnerability/rules.ts';

/** Schools with the given scores, ranked by score (highest first), all eligible. */
function ranked(scores: number[]): PlanSchool[] {
  const order = scores.map((score, i) => ({ score, i })).sort((a, b) => b.score - a.score || a.i - b.i);
  const rankOf = new Map(order.map((o, rank) => [o.i, rank + 1]));
  return scores.map((score, i) => ({ urn: 100000 + i, score, rank: rankOf.get(i)!, eligible: true }));
}

function plan(input: PlanInput) {
  const result = allocateQuotas(input);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result;
}

const sum = (ns: number[]) => ns.reduce((a, b) => a + b, 0);
const sixtySchools = ranked(Array.from({ length: 60 }, (_, i) => (i * 37) % 61));

describe('annual offer quotas', () => {
  it('60 schools, 120 cases, core 1 → every school gets 1 and the other 60 are shared by vulnerability; quotas add up to 120 (Havering SEMH Team proposal)', () => {
    const result = plan({ capacity: 120, coreOffer: 1, schools: sixtySchools });
    expect(result.rows).toHaveLength(60);
    expect(result.rows.every((r) => r.core === 1)).toBe(true);
    expect(result).toMatchObject({ individualCapacity: 120, coreTotal: 60, weightedTotal: 60 });
    expect(sum(result.rows.map((r) => r.weighted))).toBe(60);
    expect(sum(result.rows.map((r) => r.total))).toBe(120);
    expect(result.rows.map((r) => r.rank)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Scores 0 to 60 (less 24) total 1806: the most vulnerable gets 60 × 60 / 1806 = 1.99 → 2 extra; score 0 gets none.
    expect(result.rows[0]).toMatchObject({ score: 60, core: 1, weighted: 2, total: 3 });
    expect(result.rows[59]).toMatchObject({ score: 0, core: 1, weighted: 0, total: 1 });
  });

  it("the older paper's core offer of 2 for about 180 families (Havering schools forum report 2024-25)", () => {
    const schools = ranked(Array.from({ length: 45 }, (_, i) => 45 - i));
    const result = plan({ capacity: 180, coreOffer: 2, schools });
    expect(result).toMatchObject({ individualCapacity: 180, coreTotal: 90, weightedTotal: 90 });
    expect(result.rows.every((r) => r.core === 2 && r.total >= 2)).toBe(true);
    expect(sum(result.rows.map((r) => r.total))).toBe(180);
    // Score 45 of a total 1035: 90 × 45 / 1035 = 3.91 → 3, and its large remainder earns a 4th.
    expect(result.rows[0]).toMatchObject({ weighted: 4, total: 6 });
  });

  it('the most vulnerable school gets the most cases', () => {
    const figures = (urn: number, sen: number, eal: number): SchoolFigures => ({
      urn,
      name: `School ${urn}`,
      phase: 'Primary',
      numberOnRoll: 300,
      sen,
      lac: 1,
      mobility: 5,
      eal,
      fsm: null,
    });
    const table = vulnerabilityTable([figures(1, 20, 10), figures(2, 90, 120), figures(3, 40, 30), figures(4, 10, 5)]);
    const result = plan({ capacity: 20, coreOffer: 1, schools: table.map((r) => ({ ...r, eligible: true })) });
    expect(result.rows[0].urn).toBe(2);
    const top = result.rows[0].total;
    expect(result.rows.slice(1).every((r) => r.total < top)).toBe(true);
  });

  it('worked example of the largest-remainder method: 10 cases for scores 3, 2, 2 are 4, 3, 3', () => {
    // Exact shares 4.29, 2.86, 2.86: whole parts 4, 2, 2 leave 2 cases for the two largest fractions.
    expect(largestRemainder(10, [3, 2, 2])).toEqual([4, 3, 3]);
    // Equal fractions go to the higher score, then to the earlier (better-ranked) school.
    expect(largestRemainder(4, [1, 1, 1])).toEqual([2, 1, 1]);
    expect(largestRemainder(0, [1, 2])).toEqual([0, 0]);
  });

  it('capacity below the core offers says which schools cannot be met', () => {
    const result = allocateQuotas({ capacity: 50, coreOffer: 1, schools: sixtySchools });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      'Capacity of 50 families is less than the core offer of 1 case for 60 schools (60 cases): 10 schools cannot have their core offer',
    ]);
    const byRank = [...sixtySchools].sort((a, b) => a.rank - b.rank);
    expect(result.shortfall!.unmetSchools).toEqual(byRank.slice(50).map((s) => s.urn));
    expect(result.shortfall!.partial.slice(0, 50).every((r) => r.core === 1)).toBe(true);
    expect(sum(result.shortfall!.partial.map((r) => r.total))).toBe(50);
  });

  it('with a core offer of 2, an odd case left over goes to the next school, which is still short (Havering schools forum report 2024-25)', () => {
    const result = allocateQuotas({ capacity: 5, coreOffer: 2, schools: ranked([3, 2, 1]) });
    if (result.ok) throw new Error('expected a shortfall');
    expect(result.problems[0]).toBe(
      'Capacity of 5 families is less than the core offer of 2 cases for 3 schools (6 cases): 1 school cannot have its core offer',
    );
    expect(result.shortfall!.partial.map((r) => r.core)).toEqual([2, 2, 1]);
    expect(result.shortfall!.unmetSchools).toEqual([100002]);
  });

  it('zero capacity is refused', () => {
    expect(allocateQuotas({ capacity: 0, coreOffer: 1, schools: ranked([1]) })).toEqual({
      ok: false,
      problems: ['Capacity must be at least 1 family'],
    });
    expect(allocateQuotas({ capacity: -5, coreOffer: 1, schools: ranked([1]) })).toEqual({
      ok: false,
      problems: ['Capacity must be at least 1 family'],
    });
  });

  it('numbers that are not whole, and bad scores or ranks, are refused with clear problems', () => {
    const result = allocateQuotas({
      capacity: 120.5,
      coreOffer: 1.5,
      schools: [{ urn: 1, score: -1, rank: 1.5, eligible: true }],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        'Capacity must be a whole number of families',
        'The core offer must be a whole number of cases, 0 or more',
        'Every rank must be a whole number, 1 or more',
        'Every vulnerability score must be a number, 0 or more',
      ],
    });
    const twice = allocateQuotas({
      capacity: 10,
      coreOffer: 1,
      schools: [
        { urn: 1, score: 1, rank: 1, eligible: false },
        { urn: 1, score: 1, rank: 1, eligible: false },
      ],
    });
    expect(twice).toEqual({
      ok: false,
      problems: [
        'A school is listed more than once',
        'Two schools have the same rank',
        'No school is eligible for the offer',
      ],
    });
  });

  it('if every score is 0 the rest is shared equally, the spare cases going by rank', () => {
    const result = plan({ capacity: 11, coreOffer: 1, schools: ranked([0, 0, 0, 0]) });
    expect(result.rows.map((r) => r.weighted)).toEqual([2, 2, 2, 1]);
  });

  it('schools not in the offer get nothing', () => {
    const schools = ranked([5, 4, 3]).map((s) => ({ ...s, eligible: s.rank !== 1 }));
    const result = plan({ capacity: 10, coreOffer: 1, schools });
    expect(result.rows[0]).toMatchObject({ rank: 1, core: 0, weighted: 0, total: 0 });
    expect(sum(result.rows.map((r) => r.total))).toBe(10);
  });

  it('share kept for groups', () => {
    const result = plan({ capacity: 200, coreOffer: 1, schools: sixtySchools, groupShare: 0.4 });
    expect(result).toMatchObject({ individualCapacity: 120, coreTotal: 60, weightedTotal: 60 });
    // Rounded down to whole cases, so groups are never short: 101 × 0.5 = 50.5 → 50 individual.
    expect(individualCapacityOf(101, 0.5)).toBe(50);
    expect(individualCapacityOf(100, 0.29)).toBe(71);
    const short = allocateQuotas({ capacity: 100, coreOffer: 1, schools: sixtySchools, groupShare: 0.5 });
    expect(short.ok ? [] : short.problems).toEqual([
      'Capacity of 50 families (100 less 50 kept for groups) is less than the core offer of 1 case for 60 schools (60 cases): 10 schools cannot have their core offer',
    ]);
  });

  it('top 10% offered small groups (Havering SEMH Team proposal)', () => {
    const schools = ranked(Array.from({ length: 45 }, (_, i) => i));
    const byRank = [...schools].sort((a, b) => a.rank - b.rank).map((s) => s.urn);
    // 10% of 45 is 4.5, rounded up to 5.
    expect(plan({ capacity: 100, coreOffer: 1, schools, smallGroups: { topPercent: 10 } }).smallGroupSchools).toEqual(
      byRank.slice(0, 5),
    );
    expect(plan({ capacity: 100, coreOffer: 1, schools, smallGroups: { top: 3 } }).smallGroupSchools).toEqual(
      byRank.slice(0, 3),
    );
    expect(plan({ capacity: 100, coreOffer: 1, schools }).smallGroupSchools).toEqual([]);
  });

  it('the rounding is explained in plain English', () => {
    expect(describeRounding()).toMatch(/largest-remainder method.*add up exactly.*rounded up/);
  });
});

describe('annual offer quota properties', () => {
  const score = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 1000, noNaN: true }));
  const input = fc
    .record({
      scores: fc.array(score, { minLength: 1, maxLength: 120 }),
      eligible: fc.array(fc.boolean(), { minLength: 120, maxLength: 120 }),
      coreOffer: fc.integer({ min: 0, max: 3 }),
      extra: fc.integer({ min: 0, max: 500 }),
    })
    .map(({ scores, eligible, coreOffer, extra }) => {
      const schools = ranked(scores).map((s, i) => ({ ...s, eligible: i === 0 || eligible[i] }));
      const coreTotal = coreOffer * schools.filter((s) => s.eligible).length;
      return { schools, coreOffer, capacity: Math.max(1, coreTotal + extra) };
    });

  it('quotas always add up exactly to the individual capacity, with the core offer for every eligible school and nothing for the rest', () => {
    fc.assert(
      fc.property(input, (given) => {
        const result = plan(given);
        expect(sum(result.rows.map((r) => r.total))).toBe(result.individualCapacity);
        expect(sum(result.rows.map((r) => r.weighted))).toBe(result.weightedTotal);
        const eligible = new Set(given.schools.filter((s) => s.eligible).map((s) => s.urn));
        for (const row of result.rows) {
          if (eligible.has(row.urn)) expect(row.core).toBe(given.coreOffer);
          else expect(row.total).toBe(0);
          expect(row.total).toBe(row.core + row.weighted);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a school with a higher score never gets fewer weighted cases than one with a lower score', () => {
    fc.assert(
      fc.property(input, (given) => {
        const rows = plan(given).rows.filter((r) => given.schools.find((s) => s.urn === r.urn)!.eligible);
        for (const a of rows)
          for (const b of rows) if (a.score > b.score) expect(a.weighted).toBeGreaterThanOrEqual(b.weighted);
      }),
      { numRuns: 300 },
    );
  });

  it('with a share kept for groups, the groups keep at least their share and the quotas add up to the rest', () => {
    fc.assert(
      fc.property(input, fc.double({ min: 0, max: 1, noNaN: true }), (given, groupShare) => {
        const result = allocateQuotas({ ...given, groupShare });
        const individual = individualCapacityOf(given.capacity, groupShare);
        expect(given.capacity - individual).toBeGreaterThanOrEqual(given.capacity * groupShare - 1e-6);
        if (result.ok) expect(sum(result.rows.map((r) => r.total))).toBe(individual);
        else expect(sum(result.shortfall!.partial.map((r) => r.total))).toBe(individual);
      }),
      { numRuns: 300 },
    );
  });
});
