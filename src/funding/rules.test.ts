import { describe, expect, it } from 'vitest';
import {
  calculate,
  formatPounds,
  medianOf,
  roundHalfAwayFromZero,
  type Phase,
  type Rate,
  type SchoolUnits,
} from './rules.ts';
import { penniesOf, poundsOf } from './rules.ts';

const rate = (
  service: string,
  factor: string,
  ratePence: number,
  previousRatePence: number | null = ratePence,
  phase: Phase = 'primary',
): Rate => ({ service, phase, factor, ratePence, previousRatePence });
const school = (urn: number, units: Record<string, number>, more: Partial<SchoolUnits> = {}): SchoolUnits => ({
  urn,
  name: `School ${urn}`,
  phase: 'primary',
  status: 'maintained',
  units,
  ...more,
});

// Havering schools forum report 2024-25, behaviour support service: the 2024-25 rates, all unchanged from 2023-24.
const BEHAVIOUR_SUPPORT: Rate[] = [
  rate('behaviour-support', 'nor', 500),
  rate('behaviour-support', 'fsm6', 200),
  rate('behaviour-support', 'idaci_e', 1408),
  rate('behaviour-support', 'idaci_d', 2208),
  rate('behaviour-support', 'idaci_c', 1205),
  rate('behaviour-support', 'idaci_b', 771),
  rate('behaviour-support', 'idaci_a', 1007),
  rate('behaviour-support', 'low_attainment', 500),
];

describe('money is rounded to the penny half away from zero', () => {
  it('rounds a half up for positive amounts and down for negative ones', () => {
    expect([2.5, 3.5, 2.4999, 2.5001, 0.5, 0].map(roundHalfAwayFromZero)).toEqual([3, 4, 2, 3, 1, 0]);
    expect([-2.5, -3.5, -2.4999, -0.5, -0.4].map(roundHalfAwayFromZero)).toEqual([-3, -4, -2, -1, 0]);
  });

  it('reads a product of decimals that lands a hair off a half as the half (0.0045 × 3000 = 13.499999999999998)', () => {
    expect(0.0045 * 3000).toBeLessThan(13.5);
    expect(roundHalfAwayFromZero(0.0045 * 3000)).toBe(14);
  });

  it('rounds exact ten-thousandths of a penny: 0.5000p up, 0.4999p down', () => {
    expect([5000n, 4999n, 15000n, 25000n, -5000n, -4999n].map(penniesOf)).toEqual([1, 0, 2, 3, -1, 0]);
  });

  it('rounds a school’s amount at the boundary: rate × units of exactly x.5 pence goes up', () => {
    const rates = [rate('s', 'nor', 5000), rate('t', 'nor', 4999)];
    const { amounts } = calculate([school(100001, { nor: 0.0001 })], rates);
    expect(amounts.map((amount) => amount.pence)).toEqual([1, 0]);
  });

  it('works in whole ten-thousandths, so a half that floating point would lose still rounds up (0.0045 × £30.00 = 13.5p)', () => {
    expect(Math.round(0.0045 * 3000)).toBe(13);
    const { amounts, factors } = calculate([school(100001, { nor: 0.0045 })], [rate('s', 'nor', 3000)]);
    expect(amounts[0].pence).toBe(14);
    expect(factors[0].pence).toBe(14);
  });
});

describe('the median is the middle amount, or the mean of the middle two', () => {
  it('takes the middle of an odd count, in any order', () => {
    expect(medianOf([5639, 518, 2394])).toBe(2394);
    expect(medianOf([7])).toBe(7);
  });

  it('takes the mean of the middle two for an even count', () => {
    expect(medianOf([518, 2394, 2400, 5639])).toBe(2397);
    expect(medianOf([100, 101])).toBe(100.5);
    expect(medianOf([])).toBe(0);
  });

  it('rounds a service’s median per school to the penny when it falls between two', () => {
    const { summary } = calculate([school(100001, { nor: 1 }), school(100002, { nor: 2 })], [rate('s', 'nor', 101)]);
    expect(summary[0]).toMatchObject({ lowestPence: 101, medianPence: 152, highestPence: 202 });
  });
});

describe('Havering schools forum report 2024-25, behaviour support table: several factors, each school charged rate × units', () => {
  // Worked by hand. School 100001: 210 × 500 + 40 × 200 + 12.5 × 1408 + 7.25 × 2208 + 3 × 1205
  //   + 1.3333 × 1007 + 18 × 500 = 160,565.6331p → £1,605.66.
  // School 100002: 100 × 500 + 0.5 × 1205 + 0.1 × 500 = 50,652.5p → £506.53 (the half goes up).
  // School 100003: 415 × 500 + 96 × 200 + 30 × 1408 + 22.5 × 2208 + 10.25 × 1205 + 6 × 771
  //   + 2 × 1007 + 41.6 × 500 = 358,411.25p → £3,584.11.
  // Academy 100004: 300 × 500 + 50 × 200 = 160,000p, its buy-back price.
  const schools = [
    school(100001, {
      nor: 210,
      fsm6: 40,
      idaci_e: 12.5,
      idaci_d: 7.25,
      idaci_c: 3,
      idaci_a: 1.3333,
      low_attainment: 18,
    }),
    school(100002, { nor: 100, idaci_c: 0.5, low_attainment: 0.1 }),
    school(100003, {
      nor: 415,
      fsm6: 96,
      idaci_e: 30,
      idaci_d: 22.5,
      idaci_c: 10.25,
      idaci_b: 6,
      idaci_a: 2,
      low_attainment: 41.6,
    }),
    school(100004, { nor: 300, fsm6: 50 }, { status: 'academy' }),
    school(100005, { nor: 900 }, { phase: 'secondary' }),
  ];
  const result = calculate(schools, BEHAVIOUR_SUPPORT);

  it('charges each maintained primary the rounded sum of its factor lines', () => {
    expect(result.amounts.map(({ urn, pence }) => [urn, pence])).toEqual([
      [100001, 160566],
      [100002, 50653],
      [100003, 358411],
    ]);
    expect(result.amounts[0].lines.find((line) => line.factor === 'idaci_a')).toEqual({
      factor: 'idaci_a',
      units: 1.3333,
      ratePence: 1007,
      pence: 1342.6331,
    });
    expect(result.amounts[1].lines.map((line) => line.pence)).toEqual([50000, 0, 0, 0, 602.5, 0, 0, 50]);
  });

  it('gives the academy the same figures as a buy-back price and never charges it', () => {
    expect(result.buyBack).toMatchObject([{ urn: 100004, status: 'academy', pence: 160000 }]);
    expect(result.amounts.some((amount) => amount.urn === 100004)).toBe(false);
  });

  it('leaves out a school whose phase has no rates for the service', () => {
    expect([...result.amounts, ...result.buyBack].some((amount) => amount.urn === 100005)).toBe(false);
  });

  it('totals each factor over the maintained schools, rounding the unrounded sum', () => {
    expect(result.factors.map(({ factor, units, pence }) => [factor, units, pence])).toEqual([
      ['nor', 725, 362500],
      ['fsm6', 136, 27200],
      ['idaci_e', 42.5, 59840],
      ['idaci_d', 29.75, 65688],
      // 3615 + 602.5 + 12,351.25 = 16,568.75p
      ['idaci_c', 13.75, 16569],
      ['idaci_b', 6, 4626],
      ['idaci_a', 3.3333, 3357],
      ['low_attainment', 59.7, 29850],
    ]);
  });

  it('sums the schools’ amounts into the service total, with lowest, median and highest per school', () => {
    expect(result.summary).toEqual([
      {
        service: 'behaviour-support',
        phase: 'primary',
        schools: 3,
        totalPence: 569630,
        previousTotalPence: 569630,
        lowestPence: 50653,
        medianPence: 160566,
        highestPence: 358411,
      },
    ]);
  });

  it('reproduces the printed totals from units that make them (£86,420 … £25,603, total £190,228)', () => {
    // The units are split between two schools; the paper prints each figure to the pound.
    const printed = calculate(
      [
        school(100001, {
          nor: 9000,
          fsm6: 1700,
          idaci_e: 1100,
          idaci_d: 600,
          idaci_c: 300,
          idaci_b: 300,
          idaci_a: 60,
          low_attainment: 2500,
        }),
        school(100002, {
          nor: 8284,
          fsm6: 1620,
          idaci_e: 1109.5881,
          idaci_d: 657.1105,
          idaci_c: 269.2116,
          idaci_b: 296.3684,
          idaci_a: 63.138,
          low_attainment: 2620.6,
        }),
      ],
      BEHAVIOUR_SUPPORT,
    );
    expect(printed.factors.map((factor) => formatPounds(factor.pence))).toEqual([
      '£86,420',
      '£6,640',
      '£31,111',
      '£27,757',
      '£6,859',
      '£4,598',
      '£1,240',
      '£25,603',
    ]);
    expect(formatPounds(printed.summary[0].totalPence)).toBe('£190,228');
  });
});

describe('a service applies to a school only where it has a rate for the school’s phase', () => {
  // Havering schools forum report 2024-25: statutory duties £19.31 per primary pupil and £45.00 per special place.
  const rates = [
    rate('statutory-duties', 'nor', 1931, 1888),
    rate('statutory-duties', 'special_places', 4500, 4400, 'special'),
  ];
  const result = calculate(
    [
      school(100001, { nor: 400, special_places: 3 }),
      school(100002, { nor: 90, special_places: 120 }, { phase: 'special' }),
    ],
    rates,
  );

  it('charges primaries per pupil and special schools per place, each phase summarised apart', () => {
    expect(result.amounts.map(({ urn, phase, pence }) => [urn, phase, pence])).toEqual([
      [100001, 'primary', 772400],
      [100002, 'special', 540000],
    ]);
    expect(
      result.summary.map(({ phase, totalPence, previousTotalPence }) => [phase, totalPence, previousTotalPence]),
    ).toEqual([
      ['primary', 772400, 755200],
      ['special', 540000, 528000],
    ]);
  });

  it('shows no previous year’s figures when a factor had no previous rate', () => {
    const { amounts, summary } = calculate(
      [school(100001, { nor: 10, fsm: 2 })],
      [rate('s', 'nor', 100, 90), rate('s', 'fsm', 950, null)],
    );
    expect(amounts[0]).toMatchObject({ pence: 2900, previousPence: null });
    expect(summary[0]).toMatchObject({ totalPence: 2900, previousTotalPence: null });
  });

  it('counts a school with no units as a zero amount in the lowest and median', () => {
    const { summary } = calculate(
      [school(100001, {}), school(100002, { eal3: 20 }), school(100003, { eal3: 60 })],
      [rate('eal', 'eal3', 3800)],
    );
    expect(summary[0]).toMatchObject({
      schools: 3,
      totalPence: 304000,
      lowestPence: 0,
      medianPence: 76000,
      highestPence: 228000,
    });
  });

  it('summarises a phase with no maintained schools as zeros', () => {
    const { summary } = calculate([school(100001, { nor: 10 }, { status: 'academy' })], [rate('s', 'nor', 100)]);
    expect(summary[0]).toMatchObject({ schools: 0, totalPence: 0, lowestPence: 0, medianPence: 0, highestPence: 0 });
  });
});

describe('a service total is the sum of the schools’ rounded amounts, a factor total the rounded sum of the lines', () => {
  it('may differ by the schools’ roundings: two schools of 0.5p are 1p each, 2p in all, but the factor’s 1.0p is 1p', () => {
    const { summary, factors } = calculate(
      [school(100001, { nor: 0.0001 }), school(100002, { nor: 0.0001 })],
      [rate('s', 'nor', 5000)],
    );
    expect(summary[0].totalPence).toBe(2);
    expect(factors[0].pence).toBe(1);
  });
});

describe('bad figures are refused rather than calculated', () => {
  it('refuses negative or missing units, rates that are not whole pence, and two rates for one factor', () => {
    expect(() => calculate([school(100001, { nor: -1 })], [rate('s', 'nor', 100)])).toThrow(
      'URN 100001 nor: units must be a number, 0 or more',
    );
    expect(() => calculate([school(100001, { nor: Number.NaN })], [rate('s', 'nor', 100)])).toThrow(RangeError);
    expect(() => calculate([], [rate('s', 'nor', 10.5)])).toThrow('a rate must be whole pence');
    expect(() => calculate([], [rate('s', 'nor', 100), rate('s', 'nor', 200)])).toThrow(
      's (primary) has two rates for nor',
    );
  });
});

describe('amounts read as the forum paper prints them', () => {
  it('shows totals to the pound and rates with pence', () => {
    expect(formatPounds(8642000)).toBe('£86,420');
    expect(formatPounds(19022849)).toBe('£190,228');
    expect(formatPounds(19022850)).toBe('£190,229');
    expect(formatPounds(1100, { pence: true })).toBe('£11.00');
    expect(formatPounds(369596, { pence: true })).toBe('£3,695.96');
    expect(formatPounds(5, { pence: true })).toBe('£0.05');
    expect(formatPounds(-500, { pence: true })).toBe('-£5.00');
    expect(formatPounds(0)).toBe('£0');
  });

  it('gives pounds as a number with at most two decimals', () => {
    expect([8642000, 160566, 5, 0].map(poundsOf)).toEqual([86420, 1605.66, 0.05, 0]);
  });
});
