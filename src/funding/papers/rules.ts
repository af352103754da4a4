// The schools forum paper for a funding year (Havering schools forum report 2024-25): per
// service, in the paper's order, the table the paper prints (formula factor, rate, total, the
// previous year's rate), the lowest, median and highest amount per school and the forum's
// decision per phase; and the same figures as the tables of its downloads. Pure functions.
import type { Cell } from '../../platform/xlsx-export.ts';
import {
  DECISION_NAMES,
  KIND_NAMES,
  PHASE_NAMES,
  formatPounds,
  poundsOf,
  type Calculation,
  type Decision,
  type Phase,
  type SchoolAmount,
  type ServiceSummary,
} from '../rules.ts';
import type { FundingYearData } from './repository.ts';
import { previousYearOf } from '../years/rules.ts';

export type FundingYear = FundingYearData;
export type FundingService = FundingYear['services'][number];

/** A formula factor's name as the paper prints it ('AWPU', 'FSM Ever 6'), from its key. */
export const factorNameOf = (year: FundingYear, key: string) =>
  year.factors.find((factor) => factor.key === key)?.name ?? key;

/** Why a year has no paper yet, or undefined when it has one. */
export function emptyReason(year: FundingYear): string | undefined {
  if (!year.schools.length) return `There is no school data set for ${year.year} yet, so there are no amounts to show.`;
  if (!year.rates.length) return `No rates have been entered for ${year.year} yet, so there are no amounts to show.`;
  return undefined;
}

const DECISION_TAGS: Record<Decision, string> = {
  proposed: 'govuk-tag--blue',
  agreed: 'govuk-tag--green',
  'not-agreed': 'govuk-tag--red',
};

/** The forum's decision for a service in a phase; 'proposed' until one is recorded. */
export function decisionFor(service: FundingService, phase: Phase) {
  const found = service.decisions.find((each) => each.phase === phase);
  const decision: Decision = found?.decision ?? 'proposed';
  return {
    decision,
    text: DECISION_NAMES[decision],
    tagClass: DECISION_TAGS[decision],
    decidedOn: found?.decidedOn ?? null,
    note: found?.note ?? '',
  };
}

/** 'LA maintained primary and special schools'. */
export function appliesTo(phases: readonly Phase[]): string {
  const listed = phases.length > 1 ? `${phases.slice(0, -1).join(', ')} and ${phases.at(-1)}` : (phases[0] ?? '');
  return `LA maintained ${listed} schools`;
}

const money = (pence: number | null) => (pence === null ? '–' : formatPounds(pence));
const rate = (pence: number | null) => (pence === null ? '–' : formatPounds(pence, { pence: true }));

/** A column of the paper's table: one factor in a phase, or the phase's total. */
export interface PaperColumn {
  heading: string;
  rate: string;
  total: string;
  previousRate: string;
  isTotal: boolean;
}

export interface PaperPhase {
  phase: Phase;
  name: string;
  columns: PaperColumn[];
  summary: ServiceSummary;
  figures: { total: string; previousTotal: string; change: string; lowest: string; median: string; highest: string };
  decision: ReturnType<typeof decisionFor>;
}

export interface PaperService {
  key: string;
  name: string;
  description: string;
  kindName: string;
  appliesTo: string;
  phases: PaperPhase[];
  /** Phases the service is proposed for that have no rates this year. */
  phasesWithoutRates: string[];
}

function changeText(summary: ServiceSummary): string {
  if (summary.previousTotalPence === null) return '–';
  const change = summary.totalPence - summary.previousTotalPence;
  return change === 0 ? 'No change' : `${change > 0 ? '+' : ''}${formatPounds(change)}`;
}

function paperPhase(
  year: FundingYear,
  calculation: Calculation,
  service: FundingService,
  summary: ServiceSummary,
): PaperPhase {
  const factors = calculation.factors.filter(
    (factor) => factor.service === service.key && factor.phase === summary.phase,
  );
  const columns: PaperColumn[] = factors.map((factor) => ({
    heading: factorNameOf(year, factor.factor),
    rate: rate(factor.ratePence),
    total: money(factor.pence),
    previousRate: rate(factor.previousRatePence),
    isTotal: false,
  }));
  if (columns.length > 1)
    columns.push({ heading: 'Total', rate: '', total: money(summary.totalPence), previousRate: '', isTotal: true });
  return {
    phase: summary.phase,
    name: PHASE_NAMES[summary.phase],
    columns,
    summary,
    figures: {
      total: money(summary.totalPence),
      previousTotal: money(summary.previousTotalPence),
      change: changeText(summary),
      lowest: money(summary.lowestPence),
      median: money(summary.medianPence),
      highest: money(summary.highestPence),
    },
    decision: decisionFor(service, summary.phase),
  };
}

/** The services in the paper's order, each with its table per phase. */
export function forumPaper(year: FundingYear, calculation: Calculation): PaperService[] {
  return year.services.map((service) => {
    const summaries = service.phases
      .map((phase) => calculation.summary.find((summary) => summary.service === service.key && summary.phase === phase))
      .filter((summary): summary is ServiceSummary => summary !== undefined);
    return {
      key: service.key,
      name: service.name,
      description: service.description,
      kindName: KIND_NAMES[service.kind],
      appliesTo: appliesTo(service.phases),
      phases: summaries.map((summary) => paperPhase(year, calculation, service, summary)),
      phasesWithoutRates: service.phases
        .filter((phase) => !summaries.some((summary) => summary.phase === phase))
        .map((phase) => PHASE_NAMES[phase]),
    };
  });
}

/** A sheet of a workbook: a header row and rows of plain values. */
export interface Sheet {
  sheet: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
}

/** A worksheet's name: at most 31 characters, none of []:*?/\, different from the others. */
export function sheetName(name: string, taken: Set<string>): string {
  const clean =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 31)
      .trim() || 'Service';
  let candidate = clean;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++)
    candidate = `${clean.slice(0, 31 - String(n).length - 1)} ${n}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const pounds = (pence: number | null) => (pence === null ? null : poundsOf(pence));

/** One sheet per service: its factor rows, then its totals, amounts per school and decision. */
export function serviceSheets(year: FundingYear, calculation: Calculation, taken: Set<string>): Sheet[] {
  const previous = previousYearOf(year.year);
  return forumPaper(year, calculation).map((service) => {
    const rows: Cell[][] = [];
    for (const phase of service.phases) {
      for (const factor of calculation.factors.filter(
        (each) => each.service === service.key && each.phase === phase.phase,
      )) {
        rows.push([
          phase.name,
          factorNameOf(year, factor.factor),
          pounds(factor.ratePence),
          factor.units,
          pounds(factor.pence),
          pounds(factor.previousRatePence),
        ]);
      }
    }
    for (const phase of service.phases) {
      const { summary, decision } = phase;
      rows.push(
        [],
        [phase.name, 'Service total', null, null, pounds(summary.totalPence), null],
        [phase.name, `Total at ${previous} rates`, null, null, pounds(summary.previousTotalPence), null],
        [phase.name, 'Maintained schools', null, summary.schools, null, null],
        [phase.name, 'Lowest per school', null, null, pounds(summary.lowestPence), null],
        [phase.name, 'Median per school', null, null, pounds(summary.medianPence), null],
        [phase.name, 'Highest per school', null, null, pounds(summary.highestPence), null],
        [
          phase.name,
          `Forum decision: ${decision.text}${decision.decidedOn ? ` (${decision.decidedOn})` : ''}`,
          null,
          null,
          null,
          null,
        ],
      );
    }
    return {
      sheet: sheetName(service.name, taken),
      header: ['Phase', 'Formula factor', 'Rate (£)', 'Units', 'Total (£)', `${previous} rate (£)`],
      rows,
    };
  });
}

export const BASIS_DE_DELEGATED = 'De-delegated';
export const BASIS_BUY_BACK = 'Buy-back price (academy, not de-delegated)';

/** Every school in the data set with its amount for each service, and how it is charged. */
export function schoolsTable(year: FundingYear, calculation: Calculation): Omit<Sheet, 'sheet'> {
  const services = forumPaper(year, calculation);
  const all: SchoolAmount[] = [...calculation.amounts, ...calculation.buyBack];
  const rows = [...year.schools]
    .sort((a, b) => a.name.localeCompare(b.name) || a.urn - b.urn)
    .map((school): Cell[] => {
      const amounts = services.map(
        (service) => all.find((amount) => amount.urn === school.urn && amount.service === service.key)?.pence ?? null,
      );
      const total = amounts.reduce<number>((sum, pence) => sum + (pence ?? 0), 0);
      return [
        school.urn,
        school.name,
        PHASE_NAMES[school.phase],
        school.status === 'academy' ? 'Academy' : 'Maintained',
        school.status === 'academy' ? BASIS_BUY_BACK : BASIS_DE_DELEGATED,
        ...amounts.map(pounds),
        pounds(total),
      ];
    });
  return {
    header: [
      'URN',
      'School',
      'Phase',
      'Status',
      'Basis',
      ...services.map((service) => `${service.name} (£)`),
      'Total (£)',
    ],
    rows,
  };
}

/** The workbook: a sheet per service, then the schools. */
export function paperWorkbook(year: FundingYear, calculation: Calculation): Sheet[] {
  const taken = new Set<string>(['schools']);
  return [...serviceSheets(year, calculation, taken), { sheet: 'Schools', ...schoolsTable(year, calculation) }];
}
