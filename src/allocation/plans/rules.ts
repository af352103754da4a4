// The annual offer (Havering SEMH Team proposal; Havering schools forum report 2024-25): "a minimum of at least 1 individual case per year per school
// (core offer) and remaining referrals … allocated according to the vulnerability data … with
// priority given to the more vulnerable schools". Pure functions: capacity and scores in, a
// whole-number quota per school out.

export interface PlanSchool {
  urn: number;
  /** Vulnerability score, 0 or more (higher = more vulnerable). */
  score: number;
  /** 1 = most vulnerable; unique among the schools. */
  rank: number;
  /** Whether the school is in the offer (for example, LA-maintained primaries). */
  eligible: boolean;
}

export type SmallGroupRule = { top: number } | { topPercent: number };

export interface PlanInput {
  /** Families the team can support in the year. */
  capacity: number;
  /** Cases each eligible school is guaranteed (1 in Havering SEMH Team proposal, 2 in Havering schools forum report 2024-25). */
  coreOffer: number;
  schools: readonly PlanSchool[];
  /** Fraction (0 to 1) of capacity kept for group work; default 0. */
  groupShare?: number;
  /** Which of the most vulnerable eligible schools are offered small-group interventions. */
  smallGroups?: SmallGroupRule;
}

export interface QuotaRow {
  urn: number;
  rank: number;
  score: number;
  core: number;
  weighted: number;
  total: number;
}

export interface Shortfall {
  individualCapacity: number;
  coreTotal: number;
  /** URNs, most vulnerable first, of eligible schools that cannot have their full core offer. */
  unmetSchools: number[];
  /** The core offer given to the most vulnerable schools first, as far as capacity goes. */
  partial: QuotaRow[];
}

export type PlanResult =
  | {
      ok: true;
      /** Every school, most vulnerable first. */
      rows: QuotaRow[];
      individualCapacity: number;
      coreTotal: number;
      weightedTotal: number;
      /** URNs, most vulnerable first. */
      smallGroupSchools: number[];
    }
  | { ok: false; problems: string[]; shortfall?: Shortfall };

const isWhole = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Capacity left for individual cases once the group share is kept back, rounded down. */
export function individualCapacityOf(capacity: number, groupShare = 0): number {
  // The small allowance stops 100 × 0.71 = 70.99999999999999 from rounding down to 70.
  return Math.floor(capacity * (1 - groupShare) + 1e-9);
}

function checkInput(input: PlanInput): string[] {
  const problems: string[] = [];
  const { capacity, coreOffer, schools, groupShare = 0, smallGroups } = input;
  if (!isWhole(capacity)) problems.push('Capacity must be a whole number of families');
  else if (capacity < 1) problems.push('Capacity must be at least 1 family');
  if (!isWhole(coreOffer) || coreOffer < 0) problems.push('The core offer must be a whole number of cases, 0 or more');
  if (typeof groupShare !== 'number' || !(groupShare >= 0 && groupShare <= 1)) {
    problems.push('The share kept for groups must be between 0 and 1');
  }
  if (smallGroups && 'top' in smallGroups && (!isWhole(smallGroups.top) || smallGroups.top < 0)) {
    problems.push('The number of schools offered small groups must be a whole number, 0 or more');
  }
  if (smallGroups && 'topPercent' in smallGroups && !(smallGroups.topPercent >= 0 && smallGroups.topPercent <= 100)) {
    problems.push('The percentage of schools offered small groups must be between 0 and 100');
  }
  if (schools.some((s) => !isWhole(s.urn))) problems.push('Every school must have a whole-number URN');
  if (new Set(schools.map((s) => s.urn)).size !== schools.length) problems.push('A school is listed more than once');
  if (schools.some((s) => !isWhole(s.rank) || s.rank < 1))
    problems.push('Every rank must be a whole number, 1 or more');
  else if (new Set(schools.map((s) => s.rank)).size !== schools.length) problems.push('Two schools have the same rank');
  if (schools.some((s) => typeof s.score !== 'number' || !Number.isFinite(s.score) || s.score < 0)) {
    problems.push('Every vulnerability score must be a number, 0 or more');
  }
  if (!schools.some((s) => s.eligible)) problems.push('No school is eligible for the offer');
  return problems;
}

/** Most vulnerable first: by rank. */
const byRank = (a: { rank: number }, b: { rank: number }) => a.rank - b.rank;

/**
 * Share `cases` whole cases in proportion to `weights` by the largest-remainder method: everyone
 * gets the whole part of their exact share, and the cases left over go one each to the largest
 * fractions. Equal fractions: higher weight first, then the lower index (the caller's order).
 */
export function largestRemainder(cases: number, weights: readonly number[]): number[] {
  if (weights.length === 0 || cases <= 0) return weights.map(() => 0);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const shares = total > 0 ? weights : weights.map(() => 1);
  const sum = total > 0 ? total : weights.length;
  const exact = shares.map((w) => (cases * w) / sum);
  const result = exact.map(Math.floor);
  let left = cases - result.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, fraction: x - Math.floor(x), weight: shares[i] }))
    .sort((a, b) => b.fraction - a.fraction || b.weight - a.weight || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) result[order[k].i]++;
  return result;
}

function shortfallProblem(input: PlanInput, individual: number, eligible: PlanSchool[]): PlanResult {
  const { coreOffer, capacity } = input;
  const coreTotal = coreOffer * eligible.length;
  let left = individual;
  const partial = eligible.map((s) => {
    const core = Math.min(coreOffer, left);
    left -= core;
    return { urn: s.urn, rank: s.rank, score: s.score, core, weighted: 0, total: core };
  });
  const unmetSchools = partial.filter((r) => r.core < coreOffer).map((r) => r.urn);
  const kept = capacity - individual;
  const capacityText =
    kept > 0 ? `${individual} families (${capacity} less ${kept} kept for groups)` : `${individual} families`;
  const problem =
    `Capacity of ${capacityText} is less than the core offer of ${plural(coreOffer, 'case', 'cases')} ` +
    `for ${plural(eligible.length, 'school', 'schools')} (${plural(coreTotal, 'case', 'cases')}): ` +
    `${unmetSchools.length === 1 ? '1 school cannot have its' : `${unmetSchools.length} schools cannot have their`} core offer`;
  return {
    ok: false,
    problems: [problem],
    shortfall: { individualCapacity: individual, coreTotal, unmetSchools, partial },
  };
}

/**
 * URNs of the most vulnerable eligible schools (by rank) offered small-group interventions
 * (Havering SEMH Team proposal). A percentage is rounded up: 10% of 45 schools is 5 schools.
 */
export function smallGroupSchoolsOf(schools: readonly PlanSchool[], rule?: SmallGroupRule): number[] {
  if (!rule) return [];
  const eligible = schools.filter((s) => s.eligible).sort(byRank);
  const count = 'top' in rule ? rule.top : Math.ceil((eligible.length * rule.topPercent) / 100 - 1e-9);
  return eligible.slice(0, count).map((s) => s.urn);
}

/** The plan: core offer for every eligible school, the rest shared by vulnerability. */
export function allocateQuotas(input: PlanInput): PlanResult {
  const problems = checkInput(input);
  if (problems.length > 0) return { ok: false, problems };

  const individual = individualCapacityOf(input.capacity, input.groupShare);
  const eligible = input.schools.filter((s) => s.eligible).sort(byRank);
  const coreTotal = input.coreOffer * eligible.length;
  if (individual < coreTotal) return shortfallProblem(input, individual, eligible);

  const weighted = largestRemainder(
    individual - coreTotal,
    eligible.map((s) => s.score),
  );
  const quota = new Map(eligible.map((s, i) => [s.urn, weighted[i]]));
  const rows = [...input.schools].sort(byRank).map((s) => {
    const core = s.eligible ? input.coreOffer : 0;
    const extra = quota.get(s.urn) ?? 0;
    return { urn: s.urn, rank: s.rank, score: s.score, core, weighted: extra, total: core + extra };
  });
  return {
    ok: true,
    rows,
    individualCapacity: individual,
    coreTotal,
    weightedTotal: individual - coreTotal,
    smallGroupSchools: smallGroupSchoolsOf(input.schools, input.smallGroups),
  };
}

/** How quotas are worked out, in plain English. */
export function describeRounding(): string {
  return [
    'First, any share of capacity kept for group work is taken off, and what is left for individual cases is rounded down to whole families, so groups are never short.',
    'Every eligible school then gets its core offer.',
    "The cases left over are shared between eligible schools in proportion to their vulnerability scores: a school with twice the score gets twice the share. Each school's exact share is usually not a whole number, so we use the largest-remainder method.",
    'Each school first gets the whole-number part of its share. The few cases still left over then go one at a time to the schools with the largest fractions left over, so the quotas always add up exactly to the capacity.',
    'If two schools have the same fraction left over, the more vulnerable school (the one with the better rank) goes first. If every score is 0, the cases are shared equally, and any left over go to the schools with the best rank.',
    'When small groups are offered to a percentage of the most vulnerable schools, the number of schools is rounded up, so 10% of 45 schools is 5 schools.',
  ].join(' ');
}
