import { sql } from 'kysely';
import type { Db } from './connection.ts';
import { migrateToLatest } from './connection.ts';
import { migrationState } from './migration-state.ts';
import { instanceKind, settleInstanceKind, type InstanceKind } from '../platform/instance/instance.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../platform/calendar/bank-holidays.ts';
import type { Role } from '../platform/roles.ts';

/** Taken while a process sets the database up, so processes starting together do it once, one after another. */
const SET_UP_LOCK = 7_140_017;

/** The demo's accounts, and the password for all of them when the demo builder made one up. */
export interface DemoAccounts {
  password?: string;
  accounts: { role: Role; email: string; name: string }[];
}

/**
 * Builds the demo borough in an empty database, all of it or nothing: the composition root
 * passes src/demo's builder (with the password and the clock), so the data layer imports no area.
 */
export type BuildDemo = (db: Db) => Promise<DemoAccounts>;

export interface SetUp {
  kind: InstanceKind;
  /** The demo accounts, when this start built the demo borough. */
  demoAccounts?: DemoAccounts;
  /** Production was asked to create or run a demo: no demo data was made. */
  demoInProduction?: boolean;
}

/** True while the database has no account: a new database, or one whose demo was never finished. */
export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count) === 0;
}

/**
 * Brings the database up to date and, the first time, makes it a demo or a live instance. The
 * kind is stored then and never changes: a live instance never gets the demo data, whatever
 * DEMO says later, and production never creates a demo. Both kinds get England's bank holidays.
 * The demo is built by `buildDemo` in one transaction: a start that stops part-way leaves the
 * database without it (and without a kind), and the next start builds it again.
 */
export async function setUpDatabase(
  db: Db,
  options: { demo: boolean; production: boolean; buildDemo?: BuildDemo },
): Promise<SetUp> {
  // The usual restart: every migration has run and the kind is stored, so there is nothing to
  // write: no lock, no migrator. Anything else (a new database, a migration to run, a demo not
  // yet finished by another process) takes the lock below and looks again.
  const state = await migrationState(db);
  if (state.pending.length === 0 && state.unknown.length === 0) {
    const stored = await instanceKind(db);
    if (stored)
      return stored === 'demo' && options.production ? { kind: stored, demoInProduction: true } : { kind: stored };
  }
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
      if (!options.buildDemo) throw new Error('The database should be the demo, but no demo builder was given.');
      return { kind, demoAccounts: await options.buildDemo(conn) };
    } finally {
      await sql`select pg_advisory_unlock(${SET_UP_LOCK})`.execute(conn);
    }
  });
}
