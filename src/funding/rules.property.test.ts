import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calculate, PHASES, type Calculation, type Rate, type SchoolAmount, type SchoolUnits } from './rules.ts';

const FACTORS = ['nor', 'fsm', 'eal3', 'idaci_a', 'special_places'] as const;
const SERVICES = ['insurance', 'eal', 'behaviour-support'] as const;

// Units with up to 4 decimal places, as the school data set holds them; often tiny, so that a
// line lands on half a penny.
const units = fc
  .oneof(fc.integer({ min: 0, max: 50_000_000 }), fc.integer({ min: 0, max: 20 }))
  .map((scaled) => scaled / 10_000);
const pence = fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(0, 1, 5000, 4999, 2500));

const rates: fc.Arbitrary<Rate[]> = fc.uniqueArray(
  fc.record({
    service: fc.constantFrom(...SERVICES),
    phase: fc.constantFrom(...PHASES),
    factor: fc.constantFrom(...FACTORS),
    ratePence: pence,
    previousRatePence: fc.option(pence, { freq: 4 }),
  }),
  { selector: (rate) => `${rate.service}|${rate.phase}|${rate.factor}`, maxLength: 15 },
);

const schools: fc.Arbitrary<SchoolUnits[]> = fc
  .array(
    fc.record({
      phase: fc.constantFrom(...PHASES),
      status: fc.constantFrom('maintained' as const, 'academy' as const),
      units: fc.dictionary(fc.constantFrom(...FACTORS), units),
    }),
    { maxLength: 30 },
  )
  .map((list) => list.map((school, index) => ({ urn: 100_000 + index, name: `School ${index}`, ...school })));

/** The schools and the same schools in another order. */
const reordered = schools.chain((list) =>
  fc
    .shuffledSubarray(list, { minLength: list.length, maxLength: list.length })
    .map((shuffled) => [list, shuffled] as const),
);

const inGroup = (service: string, phase: string) => (item: { service: string; phase: string }) =>
  item.service === service && item.phase === phase;
const byKey = (amounts: readonly SchoolAmount[]) =>
  [...amounts].sort((a, b) => a.service.localeCompare(b.service) || a.phase.localeCompare(b.phase) || a.urn - b.urn);
const totals = ({ factors, summary }: Calculation) => ({ factors, summary });

/** The exact charge in ten-thousandths of a penny, worked out afresh: Σ rate × units × 10,000. */
function exactOf(school: SchoolUnits, groupRates: readonly Rate[]): bigint {
  return groupRates.reduce(
    (sum, rate) => sum + BigInt(rate.ratePence) * BigInt(Math.round((school.units[rate.factor] ?? 0) * 10_000)),
    0n,
  );
}

describe('calculate: properties over any school data set and rates', () => {
  it('each school’s amount is its exact charge rounded to the penny: never more than half a penny out', () => {
    fc.assert(
      fc.property(schools, rates, (given, givenRates) => {
        const { amounts, buyBack } = calculate(given, givenRates);
        for (const amount of [...amounts, ...buyBack]) {
          const school = given.find((each) => each.urn === amount.urn)!;
          const exact = exactOf(school, givenRates.filter(inGroup(amount.service, amount.phase)));
          const error = BigInt(amount.pence) * 10_000n - exact;
          // Half away from zero: exactly half a penny goes up, so the error is in (−0.5p, +0.5p].
          expect(error > -5000n && error <= 5000n).toBe(true);
        }
      }),
    );
  });

  it('a service’s total is the sum of its schools’ amounts, and its factor totals add up to it within (n + F) / 2 pence', () => {
    // Both are roundings of one exact sum: the n school amounts are each at most half a penny
    // out, the F factor totals each at most half a penny out, and the difference is whole pence,
    // so |total − Σ factor totals| ≤ ⌊(n + F) / 2⌋ pence for n maintained schools and F factors.
    fc.assert(
      fc.property(schools, rates, (given, givenRates) => {
        const result = calculate(given, givenRates);
        for (const summary of result.summary) {
          const group = inGroup(summary.service, summary.phase);
          const amounts = result.amounts.filter(group);
          const factors = result.factors.filter(group);
          expect(amounts).toHaveLength(summary.schools);
          expect(summary.totalPence).toBe(amounts.reduce((sum, amount) => sum + amount.pence, 0));
          const factorSum = factors.reduce((sum, factor) => sum + factor.pence, 0);
          expect(Math.abs(summary.totalPence - factorSum)).toBeLessThanOrEqual(
            Math.floor((summary.schools + factors.length) / 2),
          );
          if (summary.previousTotalPence !== null)
            expect(summary.previousTotalPence).toBe(amounts.reduce((sum, amount) => sum + amount.previousPence!, 0));
          if (summary.schools > 0) {
            expect(summary.lowestPence).toBeLessThanOrEqual(summary.medianPence);
            expect(summary.medianPence).toBeLessThanOrEqual(summary.highestPence);
          }
        }
      }),
    );
  });

  it('academies are never charged: they only have buy-back prices, and leave every total as it is', () => {
    fc.assert(
      fc.property(schools, rates, (given, givenRates) => {
        const result = calculate(given, givenRates);
        expect(result.amounts.every((amount) => amount.status === 'maintained')).toBe(true);
        expect(result.buyBack.every((amount) => amount.status === 'academy')).toBe(true);
        const academies = new Set(given.filter((school) => school.status === 'academy').map((school) => school.urn));
        expect(result.amounts.some((amount) => academies.has(amount.urn))).toBe(false);
        expect(
          totals(
            calculate(
              given.filter((school) => school.status === 'maintained'),
              givenRates,
            ),
          ),
        ).toEqual(totals(result));
      }),
    );
  });

  it('every school is priced once for each service that has rates for its phase', () => {
    fc.assert(
      fc.property(schools, rates, (given, givenRates) => {
        const { amounts, buyBack } = calculate(given, givenRates);
        for (const school of given) {
          const services = new Set(
            givenRates.filter((rate) => rate.phase === school.phase).map((rate) => rate.service),
          );
          const priced = [...amounts, ...buyBack]
            .filter((amount) => amount.urn === school.urn)
            .map((amount) => amount.service);
          expect(priced.sort()).toEqual([...services].sort());
        }
      }),
    );
  });

  it('amounts are never negative', () => {
    fc.assert(
      fc.property(schools, rates, (given, givenRates) => {
        const result = calculate(given, givenRates);
        for (const amount of [...result.amounts, ...result.buyBack]) {
          expect(amount.pence).toBeGreaterThanOrEqual(0);
          expect(amount.previousPence ?? 0).toBeGreaterThanOrEqual(0);
          expect(amount.lines.every((line) => line.pence >= 0)).toBe(true);
        }
        expect(result.factors.every((factor) => factor.pence >= 0)).toBe(true);
        expect(result.summary.every((summary) => summary.totalPence >= 0 && summary.lowestPence >= 0)).toBe(true);
      }),
    );
  });

  it('the order of the schools does not matter', () => {
    fc.assert(
      fc.property(reordered, rates, ([given, shuffled], givenRates) => {
        const one = calculate(given, givenRates);
        const other = calculate(shuffled, givenRates);
        expect(totals(other)).toEqual(totals(one));
        expect(byKey(other.amounts)).toEqual(byKey(one.amounts));
        expect(byKey(other.buyBack)).toEqual(byKey(one.buyBack));
      }),
    );
  });
});
