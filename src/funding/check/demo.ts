// The figures the schools forum paper "De-delegation of funding for central services 2024-25"
// printed (Havering schools forum report 2024-25), as demo data: each factor's total, each
// service's total and the lowest, median and highest amount per school, with how the paper
// rounded it and where in the paper it is. The check page sets each beside the figure the
// service computes.
import type { Phase } from '../rules.ts';
import type { FigureKind, PrintedFigure } from './rules.ts';
import { TO_THE_HUNDRED, TO_THE_POUND, TO_THE_THOUSAND } from './rules.ts';

/** The services of the 2024-25 paper, by key. */
export const HAVERING_2024_25_SERVICES = {
  contingency: 'contingency-for-schools-in-financial-difficulty',
  insurance: 'insurance',
  fsm: 'free-school-meals-eligibility-checking',
  maternity: 'maternity-leave-insurance',
  eal: 'eal-service',
  behaviour: 'behaviour-support-service',
  tradeUnion: 'trade-union-facility-time',
  statutory: 'statutory-and-regulatory-duties',
  improvement: 'core-school-improvement-activities',
} as const;

const S = HAVERING_2024_25_SERVICES;
const pounds = (value: number) => value * 100;

type Options = Partial<Pick<PrintedFigure, 'factor' | 'note'>>;

function figure(
  service: string,
  phase: Phase,
  kind: FigureKind,
  printed: number,
  roundedToPence: number,
  source: string,
  options: Options = {},
): PrintedFigure {
  return {
    service,
    phase,
    figure: kind,
    factor: options.factor ?? null,
    printedPence: pounds(printed),
    roundedToPence,
    source,
    note: options.note ?? '',
  };
}

/** A factor's total as a service's table prints it in its "Total" row. */
function tableTotal(
  service: string,
  phase: Phase,
  factor: string,
  printed: number,
  roundedToPence: number,
  source: string,
  note = '',
): PrintedFigure {
  return figure(service, phase, 'factor-total', printed, roundedToPence, source, { factor, note });
}

const BEHAVIOUR =
  'Services for which de-delegation is requested, 5. Behaviour support service: 2024-25 table, Total row';
const behaviour = (factor: string, printed: number, column: string) =>
  tableTotal(S.behaviour, 'primary', factor, printed, TO_THE_POUND, `${BEHAVIOUR}, ${column} column`);

const EAL_RANGE =
  'Services for which de-delegation is requested, 4. EAL service: "De-delegated from individual schools £" table';
const STATUTORY = 'Education functions, 1. Statutory and regulatory duties';
const IMPROVEMENT = 'Education functions, 2. Core school improvement activities: 2024-25 table, Total row';

/** Every figure the Havering schools forum report 2024-25 prints, in the order the paper prints them. */
export const HAVERING_2024_25_FIGURES: readonly PrintedFigure[] = [
  tableTotal(
    S.contingency,
    'primary',
    'nor',
    190_000,
    TO_THE_THOUSAND,
    'Contingency for schools in financial difficulty: 2024-25 table, Total row (primary, AWPU)',
  ),
  tableTotal(
    S.insurance,
    'primary',
    'nor',
    363_000,
    TO_THE_THOUSAND,
    'Services for which de-delegation is requested, 1. Insurance: 2024-25 table, Total row (primary, AWPU)',
  ),
  tableTotal(
    S.fsm,
    'primary',
    'fsm',
    30_352,
    TO_THE_POUND,
    'Services for which de-delegation is requested, 2. Free school meals eligibility checking: 2024-25 table, Total row (primary, FSM eligible pupils)',
    'The table heads the previous year’s rate "2024-25 rate"; the text says the sum per FSM pupil remains unchanged, so £9.50 is the 2023-24 rate.',
  ),
  tableTotal(
    S.maternity,
    'primary',
    'nor',
    639_000,
    TO_THE_THOUSAND,
    'Services for which de-delegation is requested, 3. Maternity leave insurance: 2024-25 table, Total row (primary, AWPU)',
  ),
  tableTotal(
    S.eal,
    'primary',
    'eal3',
    107_000,
    TO_THE_THOUSAND,
    'Services for which de-delegation is requested, 4. EAL service: 2024-25 table, Total row (primary, EAL 3)',
  ),
  figure(S.eal, 'primary', 'lowest', 518, TO_THE_POUND, `${EAL_RANGE}, Lowest`),
  figure(S.eal, 'primary', 'median', 2_394, TO_THE_POUND, `${EAL_RANGE}, Median`, {
    note: 'Appendix A calls this sum "an average of £2,394"; it is the median amount per school, as the table says.',
  }),
  figure(S.eal, 'primary', 'highest', 5_639, TO_THE_POUND, `${EAL_RANGE}, Highest`),
  behaviour('nor', 86_420, 'AWPU'),
  behaviour('fsm6', 6_640, 'FSM Ever 6'),
  behaviour('idaci_e', 31_111, 'IDACI E'),
  behaviour('idaci_d', 27_757, 'IDACI D'),
  behaviour('idaci_c', 6_859, 'IDACI C'),
  behaviour('idaci_b', 4_598, 'IDACI B'),
  behaviour('idaci_a', 1_240, 'IDACI A'),
  behaviour('low_attainment', 25_603, 'Low attainment'),
  figure(S.behaviour, 'primary', 'total', 190_228, TO_THE_POUND, `${BEHAVIOUR}, last column (all factors)`),
  figure(
    S.statutory,
    'primary',
    'total',
    341_000,
    TO_THE_THOUSAND,
    `${STATUTORY}: "The new rate would produce a total contribution of £341,000."`,
    {
      note: 'The paper contradicts itself: its table prints £334,000 for primary schools at the new rate. £341,000 is the primary and special totals together (£334,000 + £7,000), so the text seems to speak of both phases.',
    },
  ),
  tableTotal(
    S.statutory,
    'primary',
    'nor',
    334_000,
    TO_THE_THOUSAND,
    `${STATUTORY}: 2024-25 table, Total row (primary, AWPU)`,
  ),
  tableTotal(
    S.statutory,
    'special',
    'special_places',
    7_000,
    TO_THE_THOUSAND,
    `${STATUTORY}: 2024-25 table, Total row (special, place)`,
  ),
  tableTotal(S.improvement, 'primary', 'nor', 88_300, TO_THE_HUNDRED, `${IMPROVEMENT} (primary, AWPU)`),
  tableTotal(S.improvement, 'special', 'special_places', 2_400, TO_THE_HUNDRED, `${IMPROVEMENT} (special, place)`),
];
