// The funding area's rules: what each school pays for each de-delegated service, and the totals
// the schools forum sees (Havering schools forum report 2024-25). For a school in a phase where a
// service has rates, its amount is the sum over the service's factors of rate × the school's
// units, rounded to the penny half away from zero. Maintained schools are charged; academies are
// never de-delegated, but see the same figure as a buy-back price. A factor's total is the
// unrounded sum over the phase's maintained schools, rounded to the penny; a service's total is
// the sum of its schools' amounts.
//
// The arithmetic is exact: units are taken to 4 decimal places (as the school data set holds
// them) and counted in ten-thousandths, rates in whole pence, so every product and sum is a whole
// number of ten-thousandths of a penny until it is rounded. Money is kept in whole pence and
// shown as the forum paper shows it (£86,420, or £11.00 for a rate). Pure functions.

/**
 * The nearest whole number, a half going away from zero (2.5 → 3, −2.5 → −3). The value is
 * first read to 15 significant digits, so a sum of decimals that lands a hair off a half
 * (2.4999999999999996) rounds as the half it stands for.
 */
export function roundHalfAwayFromZero(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  const size = Number(Math.abs(value).toPrecision(15));
  const rounded = Math.floor(size + 0.5);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

/** An exact amount in ten-thousandths of a penny, rounded to the penny half away from zero. */
export function penniesOf(tenThousandths: bigint): number {
  const size = tenThousandths < 0n ? -tenThousandths : tenThousandths;
  const pence = Number((size + 5000n) / 10000n);
  return tenThousandths < 0n && pence !== 0 ? -pence : pence;
}

/** '86,420': whole numbers grouped in thousands. */
function grouped(whole: number): string {
  return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * '£86,420' (to the pound, half away from zero) or, with `pence: true`, '£11.00'. A negative
 * amount reads '-£5.00'.
 */
export function formatPounds(pence: number, options: { pence?: boolean } = {}): string {
  const whole = roundHalfAwayFromZero(pence);
  const sign = whole < 0 ? '-' : '';
  const size = Math.abs(whole);
  if (!options.pence) return `${sign}£${grouped(roundHalfAwayFromZero(size / 100))}`;
  return `${sign}£${grouped(Math.floor(size / 100))}.${String(size % 100).padStart(2, '0')}`;
}

const unitsFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });
/** A school's units as the pages show them: '1,234.5', at most 4 decimal places. */
export const unitsText = (units: number) => unitsFormat.format(units);

/** Pence as a number of pounds with at most two decimals (86420.5 for 8,642,050 pence). */
export function poundsOf(pence: number): number {
  return Number((roundHalfAwayFromZero(pence) / 100).toFixed(2));
}

export const PHASES = ['primary', 'secondary', 'special'] as const;
export type Phase = (typeof PHASES)[number];
/** A phase's place in the paper's order: primary, secondary, special. */
export const phaseOrder = (phase: Phase) => PHASES.indexOf(phase);
export type SchoolStatus = 'maintained' | 'academy';

/** The phases' names as the pages print them. */
export const PHASE_NAMES: Record<Phase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  special: 'Special',
};

/** What a de-delegated service is: a centrally provided service or an education function. */
export const KINDS = ['service', 'education-function'] as const;
export type ServiceKind = (typeof KINDS)[number];
export const KIND_NAMES: Record<ServiceKind, string> = {
  service: 'Centrally provided service',
  'education-function': 'Education function',
};

/** The schools forum's decision on a service in a phase. */
export const DECISIONS = ['proposed', 'agreed', 'not-agreed'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_NAMES: Record<Decision, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  'not-agreed': 'Not agreed',
};

export interface SchoolUnits {
  urn: number;
  name: string;
  phase: Phase;
  status: SchoolStatus;
  /** Factor key → units; a factor not given counts as 0. */
  units: Readonly<Record<string, number>>;
}

/** A rate in pence per unit of a factor, for a service (funding_services.key) in a phase. */
export interface Rate {
  service: string;
  phase: Phase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
}

export interface SchoolLine {
  factor: string;
  units: number;
  ratePence: number;
  /** rate × units for this factor, not rounded. */
  pence: number;
}

export interface SchoolAmount {
  urn: number;
  name: string;
  service: string;
  phase: Phase;
  status: SchoolStatus;
  /** Σ lines, rounded to the penny half away from zero; for an academy, the buy-back price. */
  pence: number;
  /** The same at the previous year's rates; null when a factor has no previous rate. */
  previousPence: number | null;
  lines: SchoolLine[];
}

/** A factor's units and total over the maintained schools of the phase. */
export interface FactorTotal {
  service: string;
  phase: Phase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
  units: number;
  pence: number;
}

/** A service in a phase over its maintained schools: the total and the amounts per school. */
export interface ServiceSummary {
  service: string;
  phase: Phase;
  schools: number;
  totalPence: number;
  previousTotalPence: number | null;
  lowestPence: number;
  /** Rounded to the penny when it is the mean of the middle two. */
  medianPence: number;
  highestPence: number;
}

export interface Calculation {
  /** Maintained schools: de-delegated. */
  amounts: SchoolAmount[];
  /** Academies: the same figures as a buy-back price, never charged. */
  buyBack: SchoolAmount[];
  factors: FactorTotal[];
  summary: ServiceSummary[];
}

/** The middle value; the mean of the middle two for an even count; 0 when there are none. */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const SCALE = 10_000;

/** Units in ten-thousandths: 12.3456 → 123456n. */
function scaledUnits(units: number, where: () => string): bigint {
  if (!Number.isFinite(units) || units < 0)
    throw new RangeError(`${where()}: units must be a number, 0 or more (not ${units})`);
  return BigInt(Math.round(units * SCALE));
}

/** A service's rates in one phase, its factors in the order the rates came. */
interface RateGroup {
  service: string;
  phase: Phase;
  rates: Rate[];
  /** Whether every factor has a previous rate, so the previous year's figures can be worked out. */
  hasPrevious: boolean;
}

function groupRates(rates: readonly Rate[]): RateGroup[] {
  const groups = new Map<string, RateGroup>();
  for (const rate of rates) {
    for (const pence of [rate.ratePence, rate.previousRatePence ?? 0]) {
      if (!Number.isSafeInteger(pence) || pence < 0)
        throw new RangeError(
          `${rate.service} (${rate.phase}) ${rate.factor}: a rate must be whole pence, 0 or more (not ${pence})`,
        );
    }
    const key = `${rate.service}\u0000${rate.phase}`;
    const group = groups.get(key) ?? { service: rate.service, phase: rate.phase, rates: [], hasPrevious: true };
    if (group.rates.some((other) => other.factor === rate.factor))
      throw new RangeError(`${rate.service} (${rate.phase}) has two rates for ${rate.factor}`);
    group.rates.push(rate);
    group.hasPrevious &&= rate.previousRatePence !== null;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** One school's exact figures for one service: each factor's product and the sums. */
interface Worked {
  amount: SchoolAmount;
  /** Ten-thousandths of a penny per factor, in the group's factor order. */
  exact: bigint[];
  units: bigint[];
}

function work(school: SchoolUnits, group: RateGroup): Worked {
  const units = group.rates.map((rate) =>
    scaledUnits(school.units[rate.factor] ?? 0, () => `URN ${school.urn} ${rate.factor}`),
  );
  const exact = group.rates.map((rate, index) => BigInt(rate.ratePence) * units[index]);
  const previous = group.hasPrevious
    ? group.rates.reduce((sum, rate, index) => sum + BigInt(rate.previousRatePence ?? 0) * units[index], 0n)
    : null;
  const lines = group.rates.map((rate, index) => ({
    factor: rate.factor,
    units: Number(units[index]) / SCALE,
    ratePence: rate.ratePence,
    pence: Number(exact[index]) / SCALE,
  }));
  const amount: SchoolAmount = {
    urn: school.urn,
    name: school.name,
    service: group.service,
    phase: group.phase,
    status: school.status,
    pence: penniesOf(exact.reduce((sum, value) => sum + value, 0n)),
    previousPence: previous === null ? null : penniesOf(previous),
    lines,
  };
  return { amount, exact, units };
}

function summarise(
  group: RateGroup,
  maintained: readonly Worked[],
): { factors: FactorTotal[]; summary: ServiceSummary } {
  const factors = group.rates.map((rate, index) => ({
    service: group.service,
    phase: group.phase,
    factor: rate.factor,
    ratePence: rate.ratePence,
    previousRatePence: rate.previousRatePence,
    units: Number(maintained.reduce((sum, school) => sum + school.units[index], 0n)) / SCALE,
    pence: penniesOf(maintained.reduce((sum, school) => sum + school.exact[index], 0n)),
  }));
  const pence = maintained.map((school) => school.amount.pence);
  const summary: ServiceSummary = {
    service: group.service,
    phase: group.phase,
    schools: maintained.length,
    totalPence: pence.reduce((sum, value) => sum + value, 0),
    previousTotalPence: group.hasPrevious
      ? maintained.reduce((sum, school) => sum + (school.amount.previousPence ?? 0), 0)
      : null,
    lowestPence: pence.length ? Math.min(...pence) : 0,
    medianPence: roundHalfAwayFromZero(medianOf(pence)),
    highestPence: pence.length ? Math.max(...pence) : 0,
  };
  return { factors, summary };
}

/**
 * Every school's amount for every service that has rates for its phase, the factor totals and
 * each service's summary per phase, in the order the rates and schools are given.
 */
export function calculate(schools: readonly SchoolUnits[], rates: readonly Rate[]): Calculation {
  const result: Calculation = { amounts: [], buyBack: [], factors: [], summary: [] };
  for (const group of groupRates(rates)) {
    const worked = schools.filter((school) => school.phase === group.phase).map((school) => work(school, group));
    const maintained = worked.filter(({ amount }) => amount.status === 'maintained');
    result.amounts.push(...maintained.map(({ amount }) => amount));
    result.buyBack.push(...worked.filter(({ amount }) => amount.status === 'academy').map(({ amount }) => amount));
    const { factors, summary } = summarise(group, maintained);
    result.factors.push(...factors);
    result.summary.push(summary);
  }
  return result;
}
