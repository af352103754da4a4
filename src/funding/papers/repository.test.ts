import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/database.ts';
import type { Connection } from '../../db/connection.ts';
import { calculate } from '../rules.ts';
import { loadFundingYear } from './repository.ts';

// Years of their own, so the demo's funding years never get in the way.
const YEAR = '2031-32';
const OTHER_YEAR = '2030-31';

let connection: Connection;

/** Counts the queries run through it. */
function counting(): { plugin: KyselyPlugin; count: () => number } {
  let queries = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    count: () => queries,
  };
}

async function insertYear(label: string, schools: number) {
  const { db } = connection;
  await db.insertInto('funding_years').values({ label }).execute();
  // Added second but shown first: services are in their sort order.
  const [insurance, statutory] = await db
    .insertInto('funding_services')
    .values([
      {
        year: label,
        key: 'insurance',
        name: 'Insurance',
        description: 'Arranged as part of the Borough’s insurance contract.',
        kind: 'service',
        phases: ['primary'],
        sort: 2,
      },
      {
        year: label,
        key: 'statutory-duties',
        name: 'Statutory and regulatory duties',
        kind: 'education-function',
        phases: ['special', 'primary'],
        sort: 1,
      },
    ])
    .returning('id')
    .execute();
  await db
    .insertInto('funding_decisions')
    .values([
      {
        service_id: statutory.id,
        phase: 'special',
        decision: 'not-agreed',
        decided_on: '2031-01-18',
        note: 'Special school representatives voted against.',
      },
      { service_id: statutory.id, phase: 'primary', decision: 'agreed', decided_on: '2031-01-18', note: '' },
    ])
    .execute();
  // Havering schools forum report 2024-25: insurance £21.00 (2023-24 £20.00); statutory duties £19.31 a pupil and £45.00 a place (£18.88 and £44.00).
  await db
    .insertInto('funding_rates')
    .values([
      { service_id: insurance.id, phase: 'primary', factor: 'nor', rate_pence: 2100, previous_rate_pence: 2000 },
      {
        service_id: statutory.id,
        phase: 'special',
        factor: 'special_places',
        rate_pence: 4500,
        previous_rate_pence: 4400,
      },
      { service_id: statutory.id, phase: 'primary', factor: 'fsm', rate_pence: 100, previous_rate_pence: null },
      { service_id: statutory.id, phase: 'primary', factor: 'nor', rate_pence: 1931, previous_rate_pence: 1888 },
    ])
    .execute();
  const urns = Array.from({ length: schools }, (_, index) => 900_001 + index);
  await db
    .insertInto('funding_schools')
    .values(
      urns.map((urn, index) => ({
        year: label,
        urn,
        name: `School ${urn}`,
        phase: index === 0 ? 'special' : 'primary',
        status: index === 2 ? 'academy' : 'maintained',
      })),
    )
    .execute();
  await db
    .insertInto('funding_school_units')
    .values(
      urns.flatMap((urn, index) =>
        index === 0
          ? [{ year: label, urn, factor: 'special_places', units: 120 }]
          : [
              { year: label, urn, factor: 'nor', units: 200 + index },
              { year: label, urn, factor: 'fsm', units: 12.3456 },
            ],
      ),
    )
    .execute();
}

beforeAll(async () => {
  connection = await freshDatabase({ marks: false });
  await insertYear(YEAR, 4);
  await insertYear(OTHER_YEAR, 40);
});
afterAll(() => connection.close());

describe('loadFundingYear: a funding year as the calculation needs it', () => {
  it('gives the services in their order, each with its phases and the forum’s decisions in phase order', async () => {
    const year = await loadFundingYear(connection.db, YEAR);
    expect(year?.year).toBe(YEAR);
    expect(year?.services.map(({ key, kind, phases, sort }) => ({ key, kind, phases, sort }))).toEqual([
      { key: 'statutory-duties', kind: 'education-function', phases: ['primary', 'special'], sort: 1 },
      { key: 'insurance', kind: 'service', phases: ['primary'], sort: 2 },
    ]);
    expect(year?.services[0].decisions).toEqual([
      { phase: 'primary', decision: 'agreed', decidedOn: '2031-01-18', note: '' },
      {
        phase: 'special',
        decision: 'not-agreed',
        decidedOn: '2031-01-18',
        note: 'Special school representatives voted against.',
      },
    ]);
    expect(year?.services[1]).toMatchObject({
      name: 'Insurance',
      description: 'Arranged as part of the Borough’s insurance contract.',
      decisions: [],
    });
  });

  it('gives the rates by service, phase and factor order, in pence beside the previous year’s', async () => {
    const year = await loadFundingYear(connection.db, YEAR);
    expect(year?.rates).toEqual([
      { service: 'statutory-duties', phase: 'primary', factor: 'nor', ratePence: 1931, previousRatePence: 1888 },
      { service: 'statutory-duties', phase: 'primary', factor: 'fsm', ratePence: 100, previousRatePence: null },
      {
        service: 'statutory-duties',
        phase: 'special',
        factor: 'special_places',
        ratePence: 4500,
        previousRatePence: 4400,
      },
      { service: 'insurance', phase: 'primary', factor: 'nor', ratePence: 2100, previousRatePence: 2000 },
    ]);
  });

  it('gives the school data set by URN with each school’s units as numbers, decimals kept', async () => {
    const year = await loadFundingYear(connection.db, YEAR);
    expect(year?.schools).toEqual([
      { urn: 900001, name: 'School 900001', phase: 'special', status: 'maintained', units: { special_places: 120 } },
      { urn: 900002, name: 'School 900002', phase: 'primary', status: 'maintained', units: { nor: 201, fsm: 12.3456 } },
      { urn: 900003, name: 'School 900003', phase: 'primary', status: 'academy', units: { nor: 202, fsm: 12.3456 } },
      { urn: 900004, name: 'School 900004', phase: 'primary', status: 'maintained', units: { nor: 203, fsm: 12.3456 } },
    ]);
  });

  it('gives every formula factor in order, AWPU first', async () => {
    const year = await loadFundingYear(connection.db, YEAR);
    expect(year?.factors[0]).toEqual({ key: 'nor', name: 'AWPU', unit: 'pupil', sort: 1 });
    expect(year?.factors.map((factor) => factor.key)).toEqual(
      expect.arrayContaining(['fsm', 'fsm6', 'eal3', 'idaci_a', 'idaci_f', 'low_attainment', 'special_places']),
    );
  });

  it('feeds the calculation: 201 pupils at £19.31 and 12.3456 FSM pupils at £1.00 is £3,893.66', async () => {
    const year = (await loadFundingYear(connection.db, YEAR))!;
    const { amounts } = calculate(year.schools, year.rates);
    // 201 × 1931 + 12.3456 × 100 = 388,131 + 1,234.56 = 389,365.56p
    expect(amounts.find((amount) => amount.urn === 900002 && amount.service === 'statutory-duties')?.pence).toBe(
      389366,
    );
  });

  it('runs one query per table however many schools the year has (no query per service or school)', async () => {
    const small = counting();
    await loadFundingYear(connection.db.withPlugin(small.plugin), YEAR);
    const large = counting();
    const year = await loadFundingYear(connection.db.withPlugin(large.plugin), OTHER_YEAR);
    expect(year?.schools).toHaveLength(40);
    expect(small.count()).toBe(7);
    expect(large.count()).toBe(7);
  });

  it('gives undefined for a year that does not exist', async () => {
    expect(await loadFundingYear(connection.db, '2040-41')).toBeUndefined();
  });
});
