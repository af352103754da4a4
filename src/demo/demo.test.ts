import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, Db } from '../db/connection.ts';
import { setUpDatabase } from '../db/set-up.ts';
import { fixedClock } from '../platform/clock.ts';
import { instanceKind } from '../platform/instance/instance.ts';
import { atLondonTime } from '../platform/london-time.ts';
import { blankDatabase } from '../../test/support/database.ts';
import { buildDemo } from './demo.ts';
import { DEMO_STEPS } from './steps.ts';

const PASSWORD = 'a long demo password 1';
/** Years after the sample term dates and published bank holidays end. */
const LATER = fixedClock(atLondonTime('2031-03-10', '10:00'));

const count = async (db: Db, table: 'users' | 'schools' | 'children' | 'term_periods' | 'council' | 'cases') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the demo borough', () => {
  let connection: Connection;
  let db: Db;
  beforeAll(async () => {
    connection = await blankDatabase();
    db = connection.db;
  });
  afterAll(() => connection.close());

  it('is built whole or not at all: a failure part-way leaves an empty database, built again at the next start', async () => {
    const upToAllocation = DEMO_STEPS.slice(0, DEMO_STEPS.findIndex((step) => step.name === 'allocation') + 1);
    const failing = [
      ...upToAllocation,
      {
        name: 'a step that fails',
        build: async () => {
          throw new Error('the demo stopped part-way');
        },
      },
    ];
    await expect(
      setUpDatabase(db, {
        demo: true,
        production: false,
        buildDemo: (conn) => buildDemo(conn, { password: PASSWORD, clock: LATER, steps: failing }),
      }),
    ).rejects.toThrow('the demo stopped part-way');
    expect(await count(db, 'schools')).toBe(0);
    expect(await count(db, 'users')).toBe(0);
    expect(await count(db, 'children')).toBe(0);
    expect(await count(db, 'cases')).toBe(0);
    expect(await count(db, 'term_periods')).toBe(0);
    expect(await count(db, 'council')).toBe(0);
    expect(await instanceKind(db)).toBeUndefined();

    const setUp = await setUpDatabase(db, {
      demo: true,
      production: false,
      buildDemo: (conn) => buildDemo(conn, { password: PASSWORD, clock: LATER }),
    });
    expect(setUp.kind).toBe('demo');
    expect(setUp.demoAccounts?.accounts.length).toBeGreaterThan(0);
    expect(await instanceKind(db)).toBe('demo');
    expect(await count(db, 'schools')).toBe(83);
    expect(await count(db, 'cases')).toBeGreaterThan(0);
  }, 180_000);

  it('takes its dates from the clock, in any year: term dates, the plan and the marks of the clock’s school year', async () => {
    const terms = await db.selectFrom('term_periods').select('name').execute();
    const names = terms.map((term) => term.name);
    expect(names).toEqual(expect.arrayContaining(['Autumn 1 2029', 'Summer 2 2030', 'Autumn 1 2030', 'Summer 2 2032']));
    const holidays = await db.selectFrom('bank_holidays').select('date').where('date', '=', '2031-04-11').execute();
    expect(holidays).toHaveLength(1); // Good Friday 2031, by the rules
    const plan = await db.selectFrom('allocation_plans').select(['academic_year', 'status']).executeTakeFirstOrThrow();
    expect(plan).toEqual({ academic_year: '2030/31', status: 'approved' });
    const marks = await db
      .selectFrom('attendance_marks')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('academic_year', '=', '2030/31')
      .executeTakeFirstOrThrow();
    expect(Number(marks.n)).toBeGreaterThan(0);
  }, 180_000);
});
