import { sql } from 'kysely';
import type { Db } from './connection.ts';
import { migrateToLatest } from './connection.ts';
import { isEmpty, seedDemo, type DemoAccounts } from './seed/demo.ts';
import { instanceKind, settleInstanceKind, type InstanceKind } from '../platform/instance/instance.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../platform/calendar/bank-holidays.ts';

/** Taken while a process sets the database up, so processes starting together do it once, one after another. */
const SET_UP_LOCK = 7_140_017;

export interface SetUp {
  kind: InstanceKind;
  /** The demo accounts, when this start created the demo borough. */
  seeded?: DemoAccounts;
  /** Production was asked to create or run a demo: nothing was seeded. */
  demoInProduction?: boolean;
}

/**
 * Brings the database up to date and, the first time, makes it a demo or a live instance. The
 * kind is stored then and never changes: a live instance is never seeded with the demo, whatever
 * DEMO says later, and production never creates a demo. Both kinds get England's bank holidays.
 */
export async function setUpDatabase(
  db: Db,
  options: { demo: boolean; production: boolean; demoPassword?: string },
): Promise<SetUp> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${SET_UP_LOCK})`.execute(conn);
    try {
      await migrateToLatest(conn);
      const stored = await instanceKind(conn);
      const kind: InstanceKind = stored ?? (options.demo ? 'demo' : 'live');
      if (kind === 'demo' && options.production) return { kind, demoInProduction: true };
      if (stored) return { kind };
      await conn
        .insertInto('bank_holidays')
        .values([...BANK_HOLIDAYS_ENGLAND_AND_WALES])
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (kind === 'live' || !(await isEmpty(conn))) return { kind: (await settleInstanceKind(conn, kind)).kind };
      return { kind, seeded: await seedDemo(conn, { password: options.demoPassword }) };
    } finally {
      await sql`select pg_advisory_unlock(${SET_UP_LOCK})`.execute(conn);
    }
  });
}
