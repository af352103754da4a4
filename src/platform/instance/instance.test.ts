import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { connect, type Connection, type Db } from '../../db/connection.ts';
import { setUpDatabase } from '../../db/set-up.ts';
import { buildDemo } from '../../demo/demo.ts';
import { systemClock } from '../clock.ts';
import { blankDatabase, freshDatabase } from '../../../test/support/database.ts';
import { instanceKind } from './instance.ts';

const count = async (db: Db, table: 'users' | 'children' | 'schools' | 'referrals' | 'bank_holidays') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const opened: Connection[] = [];
afterEach(async () => {
  for (const connection of opened.splice(0).reverse()) await connection.close();
});
const blank = async () => {
  const connection = await blankDatabase();
  opened.push(connection);
  return connection;
};

describe('demo or live, chosen once', () => {
  it('makes a new database started with DEMO=off a live instance with no demo data, and never seeds the demo into it', async () => {
    const { db } = await blank();
    expect(await setUpDatabase(db, { demo: false, production: false })).toEqual({ kind: 'live' });
    expect(await instanceKind(db)).toBe('live');
    for (const table of ['users', 'children', 'schools', 'referrals'] as const) expect(await count(db, table)).toBe(0);
    expect(await count(db, 'bank_holidays')).toBeGreaterThan(0);
    // Never seeded with the demo later, whatever DEMO says.
    expect(await setUpDatabase(db, { demo: true, production: false })).toEqual({ kind: 'live' });
    expect(await count(db, 'users')).toBe(0);
  }, 60_000); // a new embedded database is made and migrated from nothing

  it('keeps a demo instance a demo when started with DEMO=off', async () => {
    const connection = await freshDatabase({ marks: false });
    opened.push(connection);
    expect(await setUpDatabase(connection.db, { demo: false, production: false })).toEqual({ kind: 'demo' });
  });

  it('never creates the demo in production, and stores no kind', async () => {
    const { db } = await blank();
    expect(await setUpDatabase(db, { demo: true, production: true })).toEqual({ kind: 'demo', demoInProduction: true });
    expect(await instanceKind(db)).toBeUndefined();
    expect(await count(db, 'users')).toBe(0);
  });

  it.runIf(inject('template').kind === 'postgres')(
    'sets a new database up once when several processes start on it together',
    async () => {
      const { url } = await blank();
      const processes = await Promise.all([1, 2, 3].map(() => connect({ databaseUrl: url })));
      opened.push(...processes);
      const results = await Promise.all(
        processes.map((p) =>
          setUpDatabase(p.db, {
            demo: true,
            production: false,
            buildDemo: (db) => buildDemo(db, { password: 'a long demo password 1', clock: systemClock }),
          }),
        ),
      );
      expect(results.filter((result) => result.demoAccounts)).toHaveLength(1);
      expect(results.map((result) => result.kind)).toEqual(['demo', 'demo', 'demo']);
      expect(await count(processes[0]!.db, 'schools')).toBe(83);
    },
    120_000,
  );
});
