// A small funding year written straight into the database, for the forum paper, statement and
// what-if tests: two services, five schools (one of them the demo school user's school, one an
// academy, one a special school).
import type { Db } from '../../src/db/connection.ts';
import { DEMO_SCHOOL_URN } from '../../src/demo/accounts.ts';

export const PAPER_YEAR = '2031-32';
export const ALPHA = 900001;
export const ACADEMY = 900002;
export const SPECIAL = 900003;
export const DELTA = 900004;
export const OWN_SCHOOL = DEMO_SCHOOL_URN;

type Phase = 'primary' | 'secondary' | 'special';

const SCHOOLS: {
  urn: number;
  name: string;
  phase: Phase;
  status: 'maintained' | 'academy';
  units: Record<string, number>;
}[] = [
  {
    urn: OWN_SCHOOL,
    name: 'Broadford Primary School',
    phase: 'primary',
    status: 'maintained',
    units: { nor: 400, fsm6: 50.5 },
  },
  { urn: ALPHA, name: 'Alpha Primary School', phase: 'primary', status: 'maintained', units: { nor: 200, fsm6: 10 } },
  { urn: ACADEMY, name: 'Beta Academy', phase: 'primary', status: 'academy', units: { nor: 300, fsm6: 20 } },
  {
    urn: SPECIAL,
    name: 'Gamma Special School',
    phase: 'special',
    status: 'maintained',
    units: { special_places: 100 },
  },
  { urn: DELTA, name: 'Delta Primary School', phase: 'primary', status: 'maintained', units: { nor: 100, fsm6: 0 } },
];

/**
 * Behaviour support (primary: AWPU £5.00, FSM Ever 6 £2.00, agreed) and statutory duties
 * (primary AWPU £19.31 was £18.88; special places £45.00 was £44.00, proposed).
 */
export async function insertPaperYear(
  db: Db,
  label = PAPER_YEAR,
  options: { schools?: boolean; rates?: boolean } = {},
): Promise<void> {
  await db.insertInto('funding_years').values({ label }).execute();
  const behaviour = await db
    .insertInto('funding_services')
    .values({
      year: label,
      key: 'behaviour-support',
      name: 'Behaviour support service',
      description: 'School support family practitioners.',
      kind: 'service',
      phases: ['primary'],
      sort: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const statutory = await db
    .insertInto('funding_services')
    .values({
      year: label,
      key: 'statutory-duties',
      name: 'Statutory and regulatory duties',
      kind: 'education-function',
      phases: ['primary', 'special'],
      sort: 2,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (options.rates !== false) {
    await db
      .insertInto('funding_rates')
      .values([
        { service_id: behaviour.id, phase: 'primary', factor: 'nor', rate_pence: 500, previous_rate_pence: 500 },
        { service_id: behaviour.id, phase: 'primary', factor: 'fsm6', rate_pence: 200, previous_rate_pence: 200 },
        { service_id: statutory.id, phase: 'primary', factor: 'nor', rate_pence: 1931, previous_rate_pence: 1888 },
        {
          service_id: statutory.id,
          phase: 'special',
          factor: 'special_places',
          rate_pence: 4500,
          previous_rate_pence: 4400,
        },
      ])
      .execute();
  }
  await db
    .insertInto('funding_decisions')
    .values({
      service_id: behaviour.id,
      phase: 'primary',
      decision: 'agreed',
      decided_on: '2031-12-04',
      note: 'Agreed by primary representatives',
    })
    .execute();
  if (options.schools === false) return;
  await db
    .insertInto('funding_schools')
    .values(SCHOOLS.map(({ urn, name, phase, status }) => ({ year: label, urn, name, phase, status })))
    .execute();
  await db
    .insertInto('funding_school_units')
    .values(
      SCHOOLS.flatMap((school) =>
        Object.entries(school.units).map(([factor, units]) => ({ year: label, urn: school.urn, factor, units })),
      ),
    )
    .execute();
}

/** Everything a what-if must leave alone, to compare before and after. */
export async function fundingSnapshot(db: Db, label = PAPER_YEAR) {
  const rates = await db
    .selectFrom('funding_rates')
    .innerJoin('funding_services', 'funding_services.id', 'funding_rates.service_id')
    .where('funding_services.year', '=', label)
    .select([
      'funding_services.key',
      'funding_rates.phase',
      'funding_rates.factor',
      'funding_rates.rate_pence',
      'funding_rates.previous_rate_pence',
    ])
    .orderBy('funding_services.key')
    .orderBy('funding_rates.phase')
    .orderBy('funding_rates.factor')
    .execute();
  const units = await db
    .selectFrom('funding_school_units')
    .where('year', '=', label)
    .selectAll()
    .orderBy('urn')
    .orderBy('factor')
    .execute();
  return { rates, units: units.map((row) => ({ ...row, units: Number(row.units) })) };
}
