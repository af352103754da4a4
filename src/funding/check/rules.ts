// The check page: every figure a forum paper printed for a funding year (Havering schools forum
// report 2024-25) set beside the figure the service computes from the year's rates and school
// data set. A figure
// agrees when the computed figure, rounded as the paper rounded it, is the printed figure: when
// they differ by no more than half the rounding unit. Where the paper contradicts itself, the
// check shows the disagreement and names it.
import { PHASE_NAMES, formatPounds, type Calculation, type Phase } from '../rules.ts';
import type { FundingYear } from '../papers/rules.ts';

export const FIGURE_KINDS = ['factor-total', 'total', 'lowest', 'median', 'highest'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** How a paper rounds a figure, in pence: to the pound, to the hundred or thousand pounds. */
export const TO_THE_POUND = 100;
export const TO_THE_HUNDRED = 100_00;
export const TO_THE_THOUSAND = 1_000_00;

export interface PrintedFigure {
  /** The service's key (funding_services.key). */
  service: string;
  phase: Phase;
  figure: FigureKind;
  /** The formula factor, for a factor's total. */
  factor: string | null;
  printedPence: number;
  roundedToPence: number;
  /** Where in the paper the figure is printed. */
  source: string;
  /** What the reader should know about the figure, such as the paper contradicting itself. */
  note: string;
}

/** The computed figure a printed one stands for, or null when the calculation has none. */
export function computedFigure(figure: PrintedFigure, calculation: Calculation): number | null {
  const same = (each: { service: string; phase: Phase }) =>
    each.service === figure.service && each.phase === figure.phase;
  if (figure.figure === 'factor-total')
    return calculation.factors.find((each) => same(each) && each.factor === figure.factor)?.pence ?? null;
  const summary = calculation.summary.find(same);
  if (!summary) return null;
  const fields: Record<Exclude<FigureKind, 'factor-total'>, keyof typeof summary> = {
    total: 'totalPence',
    lowest: 'lowestPence',
    median: 'medianPence',
    highest: 'highestPence',
  };
  return summary[fields[figure.figure]] as number;
}

/** Whether a computed figure, rounded as the paper rounded it, is the printed one. */
export function agrees(computedPence: number | null, printedPence: number, roundedToPence: number): boolean {
  return computedPence !== null && Math.abs(computedPence - printedPence) * 2 <= roundedToPence;
}

export interface CheckedFigure extends PrintedFigure {
  computedPence: number | null;
  agrees: boolean;
}

export function checkFigures(figures: readonly PrintedFigure[], calculation: Calculation): CheckedFigure[] {
  return figures.map((figure) => {
    const computedPence = computedFigure(figure, calculation);
    return { ...figure, computedPence, agrees: agrees(computedPence, figure.printedPence, figure.roundedToPence) };
  });
}

const FIGURE_NAMES: Record<Exclude<FigureKind, 'factor-total'>, string> = {
  total: 'total',
  lowest: 'lowest per school',
  median: 'median per school',
  highest: 'highest per school',
};

/** 'AWPU total', 'total', 'median per school'. */
const whatOf = (figure: PrintedFigure, factorName: (key: string) => string) =>
  figure.figure === 'factor-total' ? `${factorName(figure.factor ?? '')} total` : FIGURE_NAMES[figure.figure];

/** 'Primary AWPU total', 'Primary total', 'Primary median per school'. */
export const figureName = (figure: PrintedFigure, factorName: (key: string) => string) =>
  `${PHASE_NAMES[figure.phase]} ${whatOf(figure, factorName)}`;

/** 'to the pound', 'to the nearest £1,000'. */
export const roundingName = (roundedToPence: number) =>
  roundedToPence === TO_THE_POUND ? 'to the pound' : `to the nearest ${formatPounds(roundedToPence)}`;

/** '+£2.03', '-£36.00', '£0.00'. */
export const differenceText = (pence: number) => `${pence > 0 ? '+' : ''}${formatPounds(pence, { pence: true })}`;

export interface CheckRow {
  name: string;
  rounding: string;
  source: string;
  note: string;
  printed: string;
  computed: string;
  difference: string;
  agrees: boolean;
}

export interface CheckedService {
  key: string;
  name: string;
  rows: CheckRow[];
}

export interface CheckPage {
  total: number;
  agreeing: number;
  /** "21 of 22 printed figures agree; 1 does not: …", or undefined when there are none. */
  summary: string | undefined;
  services: CheckedService[];
}

/** A year's check: the printed figures by service in the paper's order, and a summary. */
export function checkPage(year: FundingYear, calculation: Calculation, figures: readonly PrintedFigure[]): CheckPage {
  const checked = checkFigures(figures, calculation);
  const factorName = (key: string) => year.factors.find((factor) => factor.key === key)?.name ?? key;
  const services = [...year.services].sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name));
  const serviceName = (key: string) => services.find((service) => service.key === key)?.name ?? key;
  const keys = [...new Set([...services.map((service) => service.key), ...checked.map((figure) => figure.service)])];
  const rowOf = (figure: CheckedFigure): CheckRow => ({
    name: figureName(figure, factorName),
    rounding: roundingName(figure.roundedToPence),
    source: figure.source,
    note: figure.note,
    printed: formatPounds(figure.printedPence),
    computed: figure.computedPence === null ? 'No figure' : formatPounds(figure.computedPence, { pence: true }),
    difference: figure.computedPence === null ? '' : differenceText(figure.computedPence - figure.printedPence),
    agrees: figure.agrees,
  });
  const byService = keys
    .map((key) => ({
      key,
      name: serviceName(key),
      rows: checked.filter((figure) => figure.service === key).map(rowOf),
    }))
    .filter((service) => service.rows.length > 0);
  return {
    total: checked.length,
    agreeing: checked.filter((figure) => figure.agrees).length,
    summary: summaryText(
      checked,
      (figure) => `${serviceName(figure.service)}, ${figure.phase} ${whatOf(figure, factorName)}`,
    ),
    services: byService,
  };
}

/** "All 22 printed figures agree" or "21 of 22 printed figures agree; 1 does not: …". */
export function summaryText(
  checked: readonly CheckedFigure[],
  nameOf: (figure: CheckedFigure) => string,
): string | undefined {
  if (!checked.length) return undefined;
  const disagreeing = checked.filter((figure) => !figure.agrees);
  const figures = checked.length === 1 ? 'printed figure' : 'printed figures';
  if (!disagreeing.length)
    return checked.length === 1 ? 'The printed figure agrees.' : `All ${checked.length} ${figures} agree.`;
  const named = disagreeing.map((figure) => {
    const computed =
      figure.computedPence === null
        ? 'no computed figure'
        : `computed ${formatPounds(figure.computedPence, { pence: true })}`;
    return `${nameOf(figure)} (printed ${formatPounds(figure.printedPence)}, ${computed})`;
  });
  const verb = disagreeing.length === 1 ? 'does not' : 'do not';
  return `${checked.length - disagreeing.length} of ${checked.length} ${figures} agree; ${disagreeing.length} ${verb}: ${named.join('; ')}.`;
}
