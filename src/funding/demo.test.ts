import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/schema.ts';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import type { Calculation, Phase } from './rules.ts';
import { DEMO_FUNDING_YEAR, ealUnits, seedDemoFunding, shareOut } from './demo.ts';
import type { FundingYear } from './papers/rules.ts';
import { HAVERING_2024_25_FIGURES, HAVERING_2024_25_SERVICES as S } from './check/demo.ts';
import { TO_THE_HUNDRED, TO_THE_POUND, TO_THE_THOUSAND } from './check/rules.ts';
import { serviceKeyOf } from './years/rules.ts';

describe('the demo funding year 2024-25 (Havering schools forum report 2024-25)', () => {
  let t: TestApp;
  let year: FundingYear;
  let calculation: Calculation;

  beforeAll(async () => {
    t = await createTestApp({}, { marks: false });
    ({ year, calculation } = await t.services.fundingPapers.calculated(DEMO_FUNDING_YEAR));
  });
  afterAll(() => t.close());

  /** The rates of a service's table in a phase: factor → [rate, 2023-24 rate] in pence. */
  const ratesOf = (service: string, phase: Phase) =>
    Object.fromEntries(
      year.rates
        .filter((rate) => rate.service === service && rate.phase === phase)
        .map((rate) => [rate.factor, [rate.ratePence, rate.previousRatePence]]),
    );
  const factorTotal = (service: string, phase: Phase, factor: string) =>
    calculation.factors.find((each) => each.service === service && each.phase === phase && each.factor === factor)!
      .pence;
  const summaryOf = (service: string, phase: Phase) =>
    calculation.summary.find((each) => each.service === service && each.phase === phase)!;
  /** The computed figure rounded as the paper rounds it is the printed one: within half the rounding unit. */
  const expectPrinted = (pence: number, printedPounds: number, roundedToPence = TO_THE_POUND) =>
    expect(
      Math.abs(pence - printedPounds * 100),
      `computed ${pence / 100}, printed ${printedPounds}`,
    ).toBeLessThanOrEqual(roundedToPence / 2);

  const TABLES = [
    'funding_services',
    'funding_rates',
    'funding_decisions',
    'funding_schools',
    'funding_school_units',
    'funding_printed_figures',
  ] as const;
  const counts = (db: Kysely<Database>) =>
    Promise.all(
      TABLES.map(async (table) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
  const SEEDED = [9, 17, 11, 50, 600, 22];

  it('adding the demo data twice is harmless: the year is left as it is', async () => {
    expect(await counts(t.services.db)).toEqual(SEEDED);
    expect(await seedDemoFunding(t.services.db)).toBe(false);
    expect(await counts(t.services.db)).toEqual(SEEDED);
  });

  it('adds the demo year when the contingency fund’s demo made it first, without its services', async () => {
    const undo = new Error('undo');
    const adding = t.services.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('funding_printed_figures').where('year', '=', DEMO_FUNDING_YEAR).execute();
      await trx.deleteFrom('funding_schools').where('year', '=', DEMO_FUNDING_YEAR).execute();
      await trx.deleteFrom('funding_services').where('year', '=', DEMO_FUNDING_YEAR).execute();
      expect(await counts(trx)).toEqual([0, 0, 0, 0, 0, 0]);
      expect(await seedDemoFunding(trx)).toBe(true);
      expect(await counts(trx)).toEqual(SEEDED);
      throw undo;
    });
    await expect(adding).rejects.toBe(undo);
  });

  it('lists the services in the paper’s order, contingency first, each proposed per phase, with its kind', () => {
    expect(
      year.services.map((service) => [
        service.key,
        service.kind,
        service.phases.join(' '),
        service.decisions.map((each) => each.decision).join(' '),
      ]),
    ).toEqual([
      [S.contingency, 'service', 'primary', 'proposed'],
      [S.insurance, 'service', 'primary', 'proposed'],
      [S.fsm, 'service', 'primary', 'proposed'],
      [S.maternity, 'service', 'primary', 'proposed'],
      [S.eal, 'service', 'primary', 'proposed'],
      [S.behaviour, 'service', 'primary', 'proposed'],
      [S.tradeUnion, 'service', 'primary', 'proposed'],
      [S.statutory, 'education-function', 'primary special', 'proposed proposed'],
      [S.improvement, 'education-function', 'primary special', 'proposed proposed'],
    ]);
    for (const service of year.services) expect(service.key).toBe(serviceKeyOf(service.name));
  });

  it('the school data set: the borough’s maintained primaries with 17,284 pupils, Corbets Tey School’s 156 places, and academies who see buy-back prices', () => {
    const maintained = year.schools.filter((school) => school.status === 'maintained');
    expect(maintained.filter((school) => school.phase === 'primary')).toHaveLength(43);
    expect(
      maintained
        .filter((school) => school.phase === 'special')
        .map((school) => [school.name, school.units.special_places]),
    ).toEqual([['Corbets Tey School', 156]]);
    expect(year.schools.map((school) => school.urn)).toEqual(
      [...year.schools.map((school) => school.urn)].sort((a, b) => a - b),
    );
    expect(calculation.amounts.every((amount) => amount.status === 'maintained')).toBe(true);
    expect(new Set(calculation.buyBack.map((amount) => amount.urn)).size).toBe(6);
    for (const school of maintained)
      expect(Number.isInteger(school.units.nor ?? 0) && Number.isInteger(school.units.fsm6 ?? 0)).toBe(true);
  });

  it('contingency table: £11.00 per pupil as in 2023-24, total £190,000 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.contingency, 'primary')).toEqual({ nor: [1100, 1100] });
    expectPrinted(factorTotal(S.contingency, 'primary', 'nor'), 190_000, TO_THE_THOUSAND);
  });

  it('insurance table: £21.00 per pupil (2023-24 £20.00), total £363,000 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.insurance, 'primary')).toEqual({ nor: [2100, 2000] });
    expectPrinted(factorTotal(S.insurance, 'primary', 'nor'), 363_000, TO_THE_THOUSAND);
  });

  it('free school meals eligibility checking table: £9.50 per FSM pupil, unchanged, total £30,352 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.fsm, 'primary')).toEqual({ fsm: [950, 950] });
    expectPrinted(factorTotal(S.fsm, 'primary', 'fsm'), 30_352);
    expectPrinted(summaryOf(S.fsm, 'primary').totalPence, 30_352);
  });

  it('maternity leave insurance table: £36.96 per pupil (2023-24 £34.87), total £639,000 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.maternity, 'primary')).toEqual({ nor: [3696, 3487] });
    expectPrinted(factorTotal(S.maternity, 'primary', 'nor'), 639_000, TO_THE_THOUSAND);
  });

  it('EAL service tables: £38.00 per EAL 3 pupil, total £107,000; lowest £518, median £2,394, highest £5,639 per school (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.eal, 'primary')).toEqual({ eal3: [3800, 3800] });
    expectPrinted(factorTotal(S.eal, 'primary', 'eal3'), 107_000, TO_THE_THOUSAND);
    const summary = summaryOf(S.eal, 'primary');
    expectPrinted(summary.lowestPence, 518);
    expectPrinted(summary.medianPence, 2_394);
    expectPrinted(summary.highestPence, 5_639);
  });

  it('behaviour support table: every factor total and the £190,228 total (Havering schools forum report 2024-25)', () => {
    const table: [string, number, number][] = [
      ['nor', 500, 86_420],
      ['fsm6', 200, 6_640],
      ['idaci_e', 1408, 31_111],
      ['idaci_d', 2208, 27_757],
      ['idaci_c', 1205, 6_859],
      ['idaci_b', 771, 4_598],
      ['idaci_a', 1007, 1_240],
      ['low_attainment', 500, 25_603],
    ];
    expect(ratesOf(S.behaviour, 'primary')).toEqual(
      Object.fromEntries(table.map(([factor, rate]) => [factor, [rate, rate]])),
    );
    for (const [factor, , printed] of table) expectPrinted(factorTotal(S.behaviour, 'primary', factor), printed);
    expectPrinted(summaryOf(S.behaviour, 'primary').totalPence, 190_228);
  });

  it('trade union facility time: deferred to a later meeting, so a service with no 2024-25 rates (Havering schools forum report 2024-25)', () => {
    const service = year.services.find((each) => each.key === S.tradeUnion)!;
    expect(service.description).toContain('proposals for de-delegation will come to a later meeting of the forum');
    expect(year.rates.filter((rate) => rate.service === S.tradeUnion)).toEqual([]);
    expect(calculation.summary.some((summary) => summary.service === S.tradeUnion)).toBe(false);
  });

  it('statutory and regulatory duties table: £19.31 per pupil (2023-24 £18.88) and £45.00 per place (£44.00), totals £334,000 and £7,000 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.statutory, 'primary')).toEqual({ nor: [1931, 1888] });
    expect(ratesOf(S.statutory, 'special')).toEqual({ special_places: [4500, 4400] });
    expectPrinted(factorTotal(S.statutory, 'primary', 'nor'), 334_000, TO_THE_THOUSAND);
    expectPrinted(factorTotal(S.statutory, 'special', 'special_places'), 7_000, TO_THE_THOUSAND);
  });

  it('statutory and regulatory duties text: "would produce £341,000" is not the primary total; it is the primary and special totals together (Havering schools forum report 2024-25)', () => {
    const primary = summaryOf(S.statutory, 'primary').totalPence;
    const special = summaryOf(S.statutory, 'special').totalPence;
    expect(Math.abs(primary - 341_000_00)).toBeGreaterThan(TO_THE_THOUSAND / 2);
    expectPrinted(primary + special, 341_000, TO_THE_THOUSAND);
    const printed = HAVERING_2024_25_FIGURES.find(
      (figure) => figure.service === S.statutory && figure.figure === 'total',
    )!;
    expect(printed.note).toContain('contradicts itself');
  });

  it('core school improvement activities table: £5.11 per pupil and £15.33 per place, unchanged, totals £88,300 and £2,400 (Havering schools forum report 2024-25)', () => {
    expect(ratesOf(S.improvement, 'primary')).toEqual({ nor: [511, 511] });
    expect(ratesOf(S.improvement, 'special')).toEqual({ special_places: [1533, 1533] });
    expectPrinted(factorTotal(S.improvement, 'primary', 'nor'), 88_300, TO_THE_HUNDRED);
    expectPrinted(factorTotal(S.improvement, 'special', 'special_places'), 2_400, TO_THE_HUNDRED);
  });
});

describe('fitting the demo units', () => {
  it('shareOut shares a total in proportion to the weights, the shares adding up to it exactly', () => {
    expect(shareOut(10, [1, 1, 1], 0)).toEqual([3, 3, 4]);
    expect(shareOut(100.01, [1, 2, 3, 4], 2)).toEqual([10, 20, 30, 40.01]);
  });

  it('ealUnits gives the fewest, middle and most EAL pupils the paper’s lowest, median and highest, and adds up to the total', () => {
    const weights = [10, 20, 30, 40, 50, 60, 70];
    const units = ealUnits(weights, 420);
    expect([units[0], units[3], units[6]]).toEqual([13.63, 63, 148.39]);
    expect(Math.round(units.reduce((sum, each) => sum + each, 0) * 100)).toBe(42000);
    expect([...units].sort((a, b) => a - b)[3]).toBe(63);
  });
});
