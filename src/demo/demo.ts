import { sql, type Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { joinedTransaction } from '../db/joined-transaction.ts';
import type { DemoAccounts } from '../db/set-up.ts';
import { systemClock, type Clock } from '../platform/clock.ts';
import type { Role } from '../platform/roles.ts';
import { hashPassword } from '../platform/auth/passwords.ts';
import type { SchoolsTable } from '../schools/schema.ts';
import { demoAccountList, demoEmail, demoPasswordProblem, generatedDemoPassword } from './accounts.ts';
import { readHaveringSchools } from './schools.ts';
import { DEMO_STEPS, type DemoStep } from './steps.ts';

const CHILDREN_PER_SCHOOL = 6;

/** The demo's school year (its start) by the clock: the platform's convention, from 1 August. */
export function currentAcademicYear(clock: Clock = systemClock): number {
  return clock.schoolYear().start;
}

/** What every step of the demo builder is given. */
export interface DemoContext {
  clock: Clock;
  /** The hash of the password every demo account has. */
  passwordHash: string;
  /** The borough's schools, as inserted. */
  schools: Insertable<SchoolsTable>[];
  childrenPerSchool: number;
  /** The id of the demo account with a role. */
  idOf(role: Role): Promise<number>;
}

export interface DemoOptions {
  /** The password for every demo account; one is made up when there is none. */
  password?: string;
  /** The service's clock: the demo's dates are around its today. */
  clock: Clock;
  /** The steps, in area order; tests replace them. */
  steps?: readonly DemoStep[];
}

/**
 * Builds the demo borough in one transaction, each area's demo data in turn (DEMO_STEPS): Havering's
 * real schools, the calendar around the clock's school year, one account per role and fictional
 * children and families. A failure part-way leaves nothing behind. Returns the demo password when
 * one was made up (it is stored only as a hash).
 */
export async function buildDemo(db: Db, options: DemoOptions): Promise<DemoAccounts> {
  const generated = options.password ? undefined : generatedDemoPassword();
  if (options.password) {
    const problem = demoPasswordProblem(options.password);
    if (problem) throw new Error(`DEMO_PASSWORD cannot be used for the demo accounts. ${problem}.`);
  }
  const passwordHash = await hashPassword(options.password ?? generated!);
  const schools = readHaveringSchools();
  await db.transaction().execute(async (outer) => {
    const trx = joinedTransaction(outer);
    const idOf = async (role: Role) =>
      (await trx.selectFrom('users').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()).id;
    const demo: DemoContext = {
      clock: options.clock,
      passwordHash,
      schools,
      childrenPerSchool: CHILDREN_PER_SCHOOL,
      idOf,
    };
    for (const step of options.steps ?? DEMO_STEPS) await step.build(trx, demo);
  });
  return { password: generated, accounts: demoAccountList() };
}

/** Drops everything, so `npm run seed -- --reset` can rebuild the demo from nothing. */
export async function dropEverything(db: Db): Promise<void> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
