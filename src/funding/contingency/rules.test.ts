import { describe, expect, it } from 'vitest';
import {
  agreementProblem,
  financialYearDates,
  fundPosition,
  fundProblem,
  penceFromPounds,
  proRataShares,
  type Application,
  type Claim,
} from './rules.ts';

// Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty': "16 schools were supported through this fund receiving amounts that ranged from
// £2,114 to £29,912 … just 11% of the budget deficit brought forward by each school". Deficits of
// £19,218.19 and £271,927.28 give those two amounts at 11%; the fund is 11% of all 16 deficits.
const REPORT_DEFICITS = [
  1_921_819, 3_500_000, 4_250_050, 5_000_000, 6_123_403, 7_000_000, 8_000_000, 9_100_000, 10_000_000, 11_250_000,
  12_500_000, 14_000_000, 16_000_000, 18_750_000, 22_000_000, 27_192_728,
];
const reportClaims: Claim[] = REPORT_DEFICITS.map((deficitPence, index) => ({
  id: index + 1,
  deficitPence,
  askedPence: deficitPence,
}));
const total = REPORT_DEFICITS.reduce((sum, value) => sum + value, 0);
const REPORT_FUND = (total * 11) / 100;
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

const application = (
  id: number,
  deficitPence: number,
  status: Application['status'] = 'submitted',
  allocatedPence: number | null = null,
  askedPence = deficitPence,
): Application => ({
  id,
  deficitPence,
  askedPence,
  status,
  allocatedPence,
});

describe('pro-rata allocation: every qualifying school gets the same share of its deficit', () => {
  it('gives the 16 schools of the Havering schools forum report 2024-25 11% of each deficit, from £2,114 to £29,912', () => {
    expect(Number.isInteger(REPORT_FUND)).toBe(true);
    const { proposals, share, unallocatedPence } = proRataShares(REPORT_FUND, reportClaims);
    expect(share).toBe(0.11);
    expect(proposals.size).toBe(16);
    expect(Math.min(...proposals.values())).toBe(211_400);
    expect(Math.max(...proposals.values())).toBe(2_991_200);
    for (const claim of reportClaims) expect(proposals.get(claim.id)).toBe(Math.floor((claim.deficitPence * 11) / 100));
    expect(sum(proposals.values()) + unallocatedPence).toBe(REPORT_FUND);
  });

  it('rounds each allocation down to the penny so the total never exceeds the fund; the pennies left stay in the fund', () => {
    const claims = [1, 2, 3].map((id) => ({ id, deficitPence: 100_000, askedPence: 100_000 }));
    const { proposals, unallocatedPence } = proRataShares(100_000, claims);
    expect([...proposals.values()]).toEqual([33_333, 33_333, 33_333]);
    expect(unallocatedPence).toBe(1);
    for (let fund = 0; fund < 5_000; fund += 97) {
      const shares = proRataShares(fund, reportClaims);
      expect(sum(shares.proposals.values())).toBeLessThanOrEqual(fund);
      expect(shares.unallocatedPence).toBeLessThan(reportClaims.length);
    }
  });

  it('never gives a school more than its deficit, however large the fund', () => {
    const { proposals, unallocatedPence } = proRataShares(REPORT_FUND * 100, reportClaims);
    for (const claim of reportClaims) expect(proposals.get(claim.id)).toBe(claim.deficitPence);
    expect(unallocatedPence).toBe(REPORT_FUND * 100 - total);
  });

  it('never gives a school more than it asked for, and shares what it did not take among the others until stable', () => {
    // Fund £1,000 over deficits £1,000 + £4,000 + £5,000: 10% each at first. School 1 asks only £50,
    // less than its £100, so £950 is shared again over £9,000 of deficits (10.56%): school 2, asking
    // £420 (more than its first £400), is now under its share too, and school 3 gets the rest: 10.6%.
    const claims: Claim[] = [
      { id: 1, deficitPence: 100_000, askedPence: 5_000 },
      { id: 2, deficitPence: 400_000, askedPence: 42_000 },
      { id: 3, deficitPence: 500_000, askedPence: 500_000 },
    ];
    const { proposals, share, unallocatedPence } = proRataShares(100_000, claims);
    expect(proposals.get(1)).toBe(5_000);
    expect(proposals.get(2)).toBe(42_000);
    expect(proposals.get(3)).toBe(53_000);
    expect(share).toBe(0.106);
    expect(unallocatedPence).toBe(0);
  });

  it('gives every school all it asked for when the fund covers every request', () => {
    const { proposals, share, unallocatedPence } = proRataShares(1_000_000, [
      { id: 1, deficitPence: 300_000, askedPence: 200_000 },
      { id: 2, deficitPence: 300_000, askedPence: 300_000 },
    ]);
    expect([...proposals.values()]).toEqual([200_000, 300_000]);
    expect(share).toBeNull();
    expect(unallocatedPence).toBe(500_000);
  });

  it('is exact for very large amounts (no floating-point drift)', () => {
    const { proposals } = proRataShares(9_999_999_999, [
      { id: 1, deficitPence: 9_999_999_999, askedPence: 9_999_999_999 },
      { id: 2, deficitPence: 3, askedPence: 3 },
    ]);
    expect(proposals.get(1)! + proposals.get(2)!).toBeLessThanOrEqual(9_999_999_999);
    expect(proposals.get(1)).toBe(Number((9_999_999_999n * 9_999_999_999n) / 10_000_000_002n));
  });
});

describe('fund position: agreed allocations are fixed, only undecided applications are proposed', () => {
  it('takes agreed allocations off the fund first and shares the rest among the waiting applications; declined and withdrawn ones get nothing', () => {
    const position = fundPosition(100_000, [
      application(1, 200_000, 'agreed', 40_000),
      application(2, 300_000),
      application(3, 300_000),
      application(4, 900_000, 'declined'),
      application(5, 900_000, 'withdrawn'),
    ]);
    expect(position.agreedPence).toBe(40_000);
    expect(position.leftPence).toBe(60_000);
    expect([...position.shares.proposals.entries()]).toEqual([
      [2, 30_000],
      [3, 30_000],
    ]);
    expect(position.committedPence).toBe(100_000);
  });

  it('keeps a converted academy’s agreed allocation when the fund is recalculated later (Havering schools forum report 2024-25)', () => {
    // Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty': "that agreement should be honoured if the school converts to an academy at any point in the year".
    const before = fundPosition(100_000, [application(1, 200_000, 'agreed', 20_000), application(2, 400_000)]);
    const after = fundPosition(100_000, [
      application(1, 200_000, 'agreed', 20_000),
      application(2, 400_000),
      application(3, 400_000),
    ]);
    expect(before.agreedPence).toBe(20_000);
    expect(after.agreedPence).toBe(20_000);
    expect(after.shares.proposals.has(1)).toBe(false);
    expect(after.shares.proposals.get(2)).toBe(40_000);
  });
});

describe('limits on an agreed allocation', () => {
  const others = [application(1, 500_000, 'agreed', 60_000), application(2, 500_000, 'declined')];
  const waiting = application(3, 50_000);
  it('accepts an amount within the deficit and what is left of the fund', () => {
    expect(agreementProblem(40_000, waiting, 100_000, others)).toBeUndefined();
  });
  it('refuses more than the school’s deficit', () => {
    expect(agreementProblem(50_001, waiting, 1_000_000, others)).toBe(
      'The allocation cannot be more than the school’s deficit of £500.00',
    );
  });
  it('refuses more than is left of the fund after the other agreed allocations', () => {
    expect(agreementProblem(40_001, waiting, 100_000, others)).toBe(
      'The allocation cannot be more than the £400.00 left in the fund',
    );
  });
  it('refuses nothing at all, and any allocation before the fund is set', () => {
    expect(agreementProblem(0, waiting, 100_000, others)).toBe(
      'Enter an amount more than £0, or decline the application',
    );
    expect(agreementProblem(1_000, waiting, undefined, others)).toBe(
      'Set the size of the fund before agreeing an allocation',
    );
  });
  it('refuses a fund smaller than the allocations already agreed', () => {
    expect(fundProblem(59_999, others)).toBe('The fund cannot be less than the £600.00 already agreed');
    expect(fundProblem(60_000, others)).toBeUndefined();
  });
});

describe('amounts typed in pounds', () => {
  it('reads pounds with or without the pound sign, commas and pence', () => {
    expect(penceFromPounds('£190,000')).toBe(19_000_000);
    expect(penceFromPounds('2114')).toBe(211_400);
    expect(penceFromPounds(' 19,218.19 ')).toBe(1_921_819);
    expect(penceFromPounds('11.5')).toBe(1_150);
  });
  it('refuses what is not an amount', () => {
    for (const text of ['', 'ten', '-5', '1,00', '12.345', '£', '1e6']) expect(penceFromPounds(text)).toBeUndefined();
  });
  it('knows the financial year a funding year covers', () => {
    expect(financialYearDates('2024-25')).toEqual({ earliest: '2024-04-01', latest: '2025-03-31' });
  });
});
