// The demo borough's funding year 2024-25, as the schools forum paper "De-delegation of funding
// for central services 2024-25" (Havering schools forum report 2024-25) sets it out: every service with its phases and a plain
// description, every rate exactly as printed beside the 2023-24 rate, the figures the paper
// printed, and a school data set whose units make every printed total come out as the paper
// prints it, within the paper's own rounding.
//
// The school data set is built from the borough's real schools: the authority's maintained
// primaries, Corbets Tey School for the special places (its URN is from the authority's own
// series, and academy conversion always issues a new URN, so the forum counts its places as
// maintained), and a few academies, who see the same figures as a buy-back price. Each factor's
// total is shared among the maintained primaries in proportion to their real census counts (pupils
// on roll, FSM, FSM Ever 6 and EAL), in urn order, so the same data set is built every time.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SchoolsTable } from '../schools/schema.ts';
import type { Phase, SchoolUnits } from './rules.ts';
import { HAVERING_2024_25_FIGURES, HAVERING_2024_25_SERVICES as S } from './check/demo.ts';
import { FACTOR_COLUMNS } from './school-data/rules.ts';

export const DEMO_FUNDING_YEAR = '2024-25';

type Column = (typeof FACTOR_COLUMNS)[number];

interface DemoService {
  key: string;
  name: string;
  kind: 'service' | 'education-function';
  phases: Phase[];
  description: string;
  /** [phase, factor, rate, 2023-24 rate], in pence. */
  rates: [Phase, Column, number, number][];
  note?: string;
}

/** Rates the same as the previous year's, in pence per unit. */
const unchanged = (phase: Phase, rates: Partial<Record<Column, number>>): DemoService['rates'] =>
  Object.entries(rates).map(([factor, pence]) => [phase, factor as Column, pence, pence]);

/** The services in the order the paper lists them. */
const SERVICES: DemoService[] = [
  {
    key: S.contingency,
    name: 'Contingency for schools in financial difficulty',
    kind: 'service',
    phases: ['primary'],
    description:
      'A small budget held centrally to support schools in financial difficulty. In 2023-24, 16 schools were supported, with amounts from £2,114 to £29,912: 11% of each qualifying school’s deficit brought forward. If the fund continues, the sum de-delegated stays the same.',
    rates: [['primary', 'nor', 1100, 1100]],
  },
  {
    key: S.insurance,
    name: 'Insurance',
    kind: 'service',
    phases: ['primary'],
    description:
      'Insurance for maintained schools, arranged as part of the borough’s main insurance contract. Premiums are rising sharply, so the sum per pupil rises by £1.00. The Department for Education’s Risk Protection Arrangement costs £23.00 per pupil for 2024-25.',
    rates: [['primary', 'nor', 2100, 2000]],
  },
  {
    key: S.fsm,
    name: 'Free school meals eligibility checking',
    kind: 'service',
    phases: ['primary'],
    description:
      'Checks whether children are eligible for free school meals and pupil premium through a central government hub. Without it, schools would need to make their own arrangements. The sum per FSM pupil stays the same.',
    rates: [['primary', 'fsm', 950, 950]],
  },
  {
    key: S.maternity,
    name: 'Maternity leave insurance',
    kind: 'service',
    phases: ['primary'],
    description:
      'A scheme run by the authority that meets the costs of teachers and support staff on maternity leave, so schools pay no premiums and make no claims. It is not offered to academies. The sum per pupil rises by 6%, in line with the expected rise in salaries.',
    rates: [['primary', 'nor', 3696, 3487]],
  },
  {
    key: S.eal,
    name: 'EAL service',
    kind: 'service',
    phases: ['primary'],
    description:
      'A central team for pupils with English as an additional language: consultancy visits, networks for EAL co-ordinators and teaching assistants, training and online resources (Appendix A). The sum per EAL pupil stays the same.',
    rates: [['primary', 'eal3', 3800, 3800]],
  },
  {
    key: S.behaviour,
    name: 'Behaviour support service',
    kind: 'service',
    phases: ['primary'],
    description:
      'School support family practitioners, who work with the families of vulnerable children to prevent permanent exclusion, provided to maintained schools without an additional charge (Appendix B). The sums stay the same.',
    rates: unchanged('primary', {
      nor: 500,
      fsm6: 200,
      idaci_e: 1408,
      idaci_d: 2208,
      idaci_c: 1205,
      idaci_b: 771,
      idaci_a: 1007,
      low_attainment: 500,
    }),
  },
  {
    key: S.tradeUnion,
    name: 'Trade union facility time',
    kind: 'service',
    phases: ['primary'],
    description:
      'Time for local trade union representatives. A task and finish group is considering it, so proposals for de-delegation will come to a later meeting of the forum. In 2023-24 the forum agreed £2.63 per pupil.',
    rates: [],
    note: 'Deferred: proposals will come to a later meeting of the forum.',
  },
  {
    key: S.statutory,
    name: 'Statutory and regulatory duties',
    kind: 'education-function',
    phases: ['primary', 'special'],
    description:
      'A contribution from maintained schools towards the statutory and regulatory duties the authority carries out for them but not for academies (Appendix C). The rates rise by 2.3%, in line with the national funding formula factor values.',
    rates: [
      ['primary', 'nor', 1931, 1888],
      ['special', 'special_places', 4500, 4400],
    ],
  },
  {
    key: S.improvement,
    name: 'Core school improvement activities',
    kind: 'education-function',
    phases: ['primary', 'special'],
    description:
      'Core school improvement, paid for by de-delegation since the Department for Education withdrew the School Improvement, Monitoring and Brokerage Grant: reviews and in-school support for schools needing additional intervention (Appendix D). The rates stay the same, half the grant withdrawn.',
    rates: [
      ['primary', 'nor', 511, 511],
      ['special', 'special_places', 1533, 1533],
    ],
  },
];

/**
 * The maintained primaries' units in total: the printed total ÷ the rate (Havering schools forum report 2024-25), to two
 * decimal places where the proforma tool weights a factor by proportions.
 */
const PRIMARY_TOTALS: Partial<Record<Column, number>> = {
  nor: 17_284, // behaviour support AWPU £86,420 ÷ £5.00
  fsm: 3_194.95, // £30,352 ÷ £9.50 = 3,194.947…; 3,195 whole pupils would make £30,352.50
  fsm6: 3_320, // £6,640 ÷ £2.00
  idaci_e: 2_209.59, // £31,111 ÷ £14.08
  idaci_d: 1_257.11, // £27,757 ÷ £22.08
  idaci_c: 569.21, // £6,859 ÷ £12.05
  idaci_b: 596.37, // £4,598 ÷ £7.71
  idaci_a: 123.14, // £1,240 ÷ £10.07
  low_attainment: 5_120.6, // £25,603 ÷ £5.00
  eal3: 2_815.79, // £107,000 ÷ £38.00
};

/** EAL 3 units behind the printed amounts per school at £38.00: lowest £518, median £2,394, highest £5,639. */
const EAL_RANGE = { lowest: 13.63, median: 63, highest: 148.39 };

/** Corbets Tey School: 156 places make both £7,020 (printed £7,000) and £2,391.48 (printed £2,400). */
const MAINTAINED_SPECIAL = { urn: 102362, places: 156 };
const PRIMARY_ACADEMIES = 4;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
const roundTo = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/**
 * Shares `total` in proportion to `weights`, to `places` decimal places; the last share takes
 * what rounding leaves, so the shares add up to `total` exactly.
 */
export function shareOut(total: number, weights: readonly number[], places: number): number[] {
  const step = 10 ** places;
  const steps = Math.round(total * step);
  const weight = sum(weights);
  const shares = weights.map((each) => Math.round((steps * each) / weight));
  shares[shares.length - 1] += steps - sum(shares);
  return shares.map((share) => share / step);
}

/**
 * EAL 3 units: the schools with the fewest, the middle and the most EAL pupils take the units
 * behind the paper's lowest, median and highest amounts; the others share the rest of the total
 * in proportion to their EAL pupils, each kept on its side of the median, and the largest of
 * them takes what keeping them there moved.
 */
export function ealUnits(weights: readonly number[], total: number): number[] {
  const order = weights.map((_, index) => index).sort((a, b) => weights[a] - weights[b] || a - b);
  const middle = [Math.floor((order.length - 1) / 2), Math.ceil((order.length - 1) / 2)];
  const pinned = new Map<number, number>([
    [order[0], EAL_RANGE.lowest],
    ...middle.map((rank): [number, number] => [order[rank], EAL_RANGE.median]),
    [order.at(-1)!, EAL_RANGE.highest],
  ]);
  const others = order.filter((index) => !pinned.has(index));
  const rest = total - sum([...pinned.values()]);
  // Among the others, the first middle[0] − 1 come below the median.
  const shares = shareOut(
    rest,
    others.map((index) => weights[index]),
    2,
  ).map((units, rank) =>
    rank < middle[0] - 1
      ? Math.min(Math.max(units, EAL_RANGE.lowest), EAL_RANGE.median)
      : Math.min(Math.max(units, EAL_RANGE.median), EAL_RANGE.highest),
  );
  shares[shares.length - 1] = roundTo(shares.at(-1)! + rest - sum(shares), 2);
  const units = weights.map(() => 0);
  for (const [index, value] of pinned) units[index] = value;
  others.forEach((index, rank) => (units[index] = shares[rank]));
  return units;
}

/** A school as the census gives it, from the schools table. */
type CensusSchool = Pick<
  SchoolsTable,
  | 'urn'
  | 'name'
  | 'phase'
  | 'governance'
  | 'maintained'
  | 'number_on_roll'
  | 'fsm_count'
  | 'eal_count'
  | 'fsm_ever6_pct'
>;

const fsm = (school: CensusSchool) => school.fsm_count ?? 0;
const roll = (school: CensusSchool) => school.number_on_roll;

/** What each factor is shared in proportion to, and to how many decimal places (0 for whole pupils). */
const SHARING: Record<
  Exclude<Column, 'idaci_f' | 'special_places'>,
  { weight: (school: CensusSchool) => number; places: number }
> = {
  nor: { weight: roll, places: 0 },
  fsm: { weight: fsm, places: 2 },
  fsm6: {
    weight: (school) => (school.fsm_ever6_pct === null ? fsm(school) : (roll(school) * school.fsm_ever6_pct) / 100),
    places: 0,
  },
  eal3: { weight: (school) => school.eal_count ?? 0, places: 2 },
  idaci_a: { weight: fsm, places: 2 },
  idaci_b: { weight: fsm, places: 2 },
  idaci_c: { weight: fsm, places: 2 },
  idaci_d: { weight: fsm, places: 2 },
  idaci_e: { weight: fsm, places: 2 },
  low_attainment: { weight: roll, places: 2 },
};

const nameOf = (school: CensusSchool) => school.name ?? `School ${school.urn}`;
const isAcademy = (school: CensusSchool) =>
  school.governance.startsWith('Academy') && !school.governance.includes('inferred');

/** The demo school data set for 2024-25 from the borough's schools, in urn order. */
export function demoSchoolDataSet(census: readonly CensusSchool[]): SchoolUnits[] {
  const maintained = census.filter((school) => school.phase === 'Primary' && school.maintained);
  const academies = census
    .filter((school) => school.phase === 'Primary' && isAcademy(school))
    .slice(0, PRIMARY_ACADEMIES);
  const units = new Map<number, Record<string, number>>(census.map((school) => [school.urn, {}]));
  for (const [column, { weight, places }] of Object.entries(SHARING)) {
    const total = PRIMARY_TOTALS[column as Column] ?? 0;
    const weights = maintained.map(weight);
    const shares = column === 'eal3' ? ealUnits(weights, total) : shareOut(total, weights, places);
    maintained.forEach((school, index) => (units.get(school.urn)![column] = shares[index]));
    // An academy's units are in the same proportion to its census counts as the maintained schools'.
    const perWeight = total / sum(weights);
    for (const school of academies) units.get(school.urn)![column] = roundTo(weight(school) * perWeight, places);
  }
  const primaries = [...maintained, ...academies].map((school): SchoolUnits => ({
    urn: school.urn,
    name: nameOf(school),
    phase: 'primary',
    status: school.maintained ? 'maintained' : 'academy',
    units: units.get(school.urn)!,
  }));
  const specials = census
    .filter((school) => school.phase === 'Special')
    .map((school): SchoolUnits => {
      const isMaintained = school.urn === MAINTAINED_SPECIAL.urn;
      return {
        urn: school.urn,
        name: nameOf(school),
        phase: 'special',
        status: isMaintained ? 'maintained' : 'academy',
        units: { special_places: isMaintained ? MAINTAINED_SPECIAL.places : school.number_on_roll },
      };
    });
  return [...primaries, ...specials].sort((a, b) => a.urn - b.urn);
}

/**
 * Adds the demo data for the funding year 2024-25 in one transaction, unless it already has its services.
 * Returns whether it added them.
 */
export async function seedDemoFunding(db: Kysely<Database>): Promise<boolean> {
  if (!db.isTransaction) return db.transaction().execute((trx) => seedDemoFunding(trx));
  const year = DEMO_FUNDING_YEAR;
  // The contingency fund's demo may have made the year already; its services mark it as done.
  if (await db.selectFrom('funding_services').select('id').where('year', '=', year).executeTakeFirst()) return false;
  await db
    .insertInto('funding_years')
    .values({ label: year })
    .onConflict((oc) => oc.column('label').doNothing())
    .execute();
  const services = await db
    .insertInto('funding_services')
    .values(
      SERVICES.map(({ key, name, kind, phases, description }, index) => ({
        year,
        key,
        name,
        kind,
        phases,
        description,
        sort: index + 1,
      })),
    )
    .returning(['id', 'key'])
    .execute();
  const idOf = new Map(services.map((service) => [service.key, service.id]));
  await db
    .insertInto('funding_decisions')
    .values(
      SERVICES.flatMap((service) =>
        service.phases.map((phase) => ({
          service_id: idOf.get(service.key)!,
          phase,
          decision: 'proposed' as const,
          decided_on: null,
          note: service.note ?? '',
          recorded_by: null,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('funding_rates')
    .values(
      SERVICES.flatMap((service) =>
        service.rates.map(([phase, factor, rate, previous]) => ({
          service_id: idOf.get(service.key)!,
          phase,
          factor,
          rate_pence: rate,
          previous_rate_pence: previous,
        })),
      ),
    )
    .execute();
  const census = await db
    .selectFrom('schools')
    .select([
      'urn',
      'name',
      'phase',
      'governance',
      'maintained',
      'number_on_roll',
      'fsm_count',
      'eal_count',
      'fsm_ever6_pct',
    ])
    .where('phase', 'in', ['Primary', 'Special'])
    .orderBy('urn')
    .execute();
  const schools = demoSchoolDataSet(
    census.map((school) => ({
      ...school,
      fsm_ever6_pct: school.fsm_ever6_pct === null ? null : Number(school.fsm_ever6_pct),
    })),
  );
  await db
    .insertInto('funding_schools')
    .values(schools.map(({ urn, name, phase, status }) => ({ year, urn, name, phase, status, imported_by: null })))
    .execute();
  await db
    .insertInto('funding_school_units')
    .values(
      schools.flatMap((school) =>
        FACTOR_COLUMNS.map((factor) => ({ year, urn: school.urn, factor, units: school.units[factor] ?? 0 })),
      ),
    )
    .execute();
  await db
    .insertInto('funding_printed_figures')
    .values(
      HAVERING_2024_25_FIGURES.map((figure) => ({
        year,
        service_key: figure.service,
        phase: figure.phase,
        figure: figure.figure,
        factor: figure.factor,
        printed_pence: figure.printedPence,
        rounded_to_pence: figure.roundedToPence,
        source: figure.source,
        note: figure.note,
      })),
    )
    .execute();
  return true;
}
