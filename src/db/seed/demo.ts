import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { seedReferrals } from '../../referrals/demo.ts';
import { plansService } from '../../allocation/plans/service.ts';
import { DEFAULT_CAPACITY } from '../../allocation/plans/forms.ts';
import { systemClock } from '../../platform/clock.ts';
import { academicYearOf } from '../../schools/figures/import.ts';
import type { Db } from '../connection.ts';
import { ROLES, ROLE_NAMES, type Role } from '../../platform/roles.ts';
import { hashPassword } from '../../platform/auth/passwords.ts';
import { passwordProblem } from '../../platform/auth/password-policy.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import { readHaveringSchools } from './schools.ts';
import { demoFamilies } from './people.ts';
import { seedKnownEpisodes } from '../../referrals/known-episodes/seed.ts';
import { seedSchoolFigures } from '../../schools/figures/seed.ts';
import { seedDemoCases, seedDemoTeam } from '../../allocation/demo.ts';
import { seedDemoCasework } from '../../casework/demo.ts';
import { seedDemoMarks } from '../../attendance/demo.ts';
import { schoolYearStartOf } from '../../attendance/sessions.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { londonDate } from '../../platform/london-time.ts';
import { seedAttendanceRecordsDemo } from '../../attendance/records-demo.ts';
import { seedDemoFunding } from '../../funding/demo.ts';
import { seedContingencyDemo } from '../../funding/contingency/demo.ts';
import { seedDemoGroups } from '../../groups/demo.ts';
import { storeCouncilWords } from '../../platform/instance/council.ts';
import { DEMO_COUNCIL_WORDS } from './council.ts';

/** Broadford Primary School, Harold Hill: the school the demo school user works at. */
export const DEMO_SCHOOL_URN = 102317;
export const DEMO_EMAIL_DOMAIN = 'demo.inclusion-hub.test';
const CHILDREN_PER_SCHOOL = 6;

export const STAFF_NAMES: Record<Role, string> = {
  school_user: 'Priya Shah',
  triage_manager: 'Tom Okoro',
  team_manager: 'Helen Marsh',
  practitioner: 'Jamal Reid',
  senior_practitioner: 'Claire Dunn',
  attendance_officer: 'Gary Holt',
  finance_officer: 'Niamh Byrne',
  analyst: 'Wei Chen',
  admin: 'Sam Patel',
};

export const demoEmail = (role: Role) => `${role}@${DEMO_EMAIL_DOMAIN}`;

export interface DemoAccounts {
  password?: string;
  accounts: { role: Role; email: string; name: string }[];
}

export function demoAccountList(): DemoAccounts['accounts'] {
  return ROLES.map((role) => ({ role, email: demoEmail(role), name: `${STAFF_NAMES[role]} (${ROLE_NAMES[role]})` }));
}

/** Why a password cannot be used for every demo account (the password rules, against each account's email address). */
export function demoPasswordProblem(password: string): string | undefined {
  for (const account of demoAccountList()) {
    const problem = passwordProblem(password, account.email);
    if (problem) return problem;
  }
  return undefined;
}

/** A random demo password (12 characters) that passes the password rules. */
export function generatedDemoPassword(): string {
  for (;;) {
    const password = randomBytes(9).toString('base64url');
    if (!demoPasswordProblem(password)) return password;
  }
}

/** The start of the current academic year (September). */
export function currentAcademicYear(today = new Date()): number {
  return today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count) === 0;
}

/**
 * Creates the demo borough in one transaction: Havering's real schools, England and Wales
 * bank holidays, sample term dates, one account per role and fictional children and families.
 * Returns the demo password when one was generated (it is stored only as a hash).
 */
export async function seedDemo(db: Db, options: { password?: string } = {}): Promise<DemoAccounts> {
  const generated = options.password ? undefined : generatedDemoPassword();
  if (options.password) {
    const problem = demoPasswordProblem(options.password);
    if (problem) throw new Error(`DEMO_PASSWORD cannot be used for the demo accounts. ${problem}.`);
  }
  const passwordHash = await hashPassword(options.password ?? generated!);
  const schools = readHaveringSchools();
  const families = demoFamilies(schools, CHILDREN_PER_SCHOOL, currentAcademicYear());

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('instance')
      .values({ kind: 'demo' })
      .onConflict((oc) => oc.doNothing())
      .execute();
    await storeCouncilWords(trx, DEMO_COUNCIL_WORDS, new Date());
    await trx.insertInto('schools').values(schools).execute();
    await trx
      .insertInto('bank_holidays')
      .values([...BANK_HOLIDAYS_ENGLAND_AND_WALES])
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx
      .insertInto('term_periods')
      .values(SAMPLE_TERM_DATES.map((term) => ({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })))
      .execute();
    const users = await trx
      .insertInto('users')
      .values(
        demoAccountList().map((account) => ({
          email: account.email,
          name: STAFF_NAMES[account.role],
          roles: [account.role],
          password_hash: passwordHash,
        })),
      )
      .returning(['id', 'email'])
      .execute();
    const schoolUser = users.find((user) => user.email === demoEmail('school_user'))!;
    await trx.insertInto('user_schools').values({ user_id: schoolUser.id, school_urn: DEMO_SCHOOL_URN }).execute();
    const children = await trx
      .insertInto('children')
      .values(families.map((family) => family.child))
      .returning('id')
      .execute();
    const carers = families.flatMap((family, index) =>
      family.carers.map((carer) => ({ ...carer, child_id: children[index].id })),
    );
    await trx.insertInto('carers').values(carers).execute();
    await seedSchoolFigures(trx, {
      academicYear: currentAcademicYear(),
      importedBy: users.find((user) => user.email === demoEmail('analyst'))?.id ?? null,
    });
    await seedKnownEpisodes(trx, {
      schoolUrn: DEMO_SCHOOL_URN,
      importedBy: users.find((user) => user.email === demoEmail('admin'))?.id ?? null,
    });
    await seedDemoReferrals(
      trx,
      passwordHash,
      schoolUser.id,
      users.find((user) => user.email === demoEmail('triage_manager'))!.id,
    );
  });
  const year = await seedApprovedPlan(db);
  await db.transaction().execute(async (trx) => {
    const idOf = async (role: Role) =>
      (await trx.selectFrom('users').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()).id;
    const managerId = await idOf('team_manager');
    const common = { domain: DEMO_EMAIL_DOMAIN, passwordHash, managerId };
    const team = await seedDemoTeam(trx, {
      ...common,
      practitionerId: await idOf('practitioner'),
      seniorId: await idOf('senior_practitioner'),
    });
    await seedDemoCases(trx, { ...common, year, team, triageId: await idOf('triage_manager') });
    await seedDemoCasework(trx, { managerId });
    const yesterday = londonDate(new Date(Date.now() - 86_400_000));
    await seedDemoMarks(trx, {
      startYear: schoolYearStartOf(yesterday),
      until: yesterday,
      cal: await loadCalendar(trx),
    });
    await seedAttendanceRecordsDemo(trx, { recordedBy: await idOf('attendance_officer'), schoolUrn: DEMO_SCHOOL_URN });
    await seedDemoGroups(trx, {
      today: londonDate(new Date()),
      cal: await loadCalendar(trx),
      staff: { seniorId: await idOf('senior_practitioner'), practitionerId: await idOf('practitioner') },
    });
    await seedDemoFunding(trx);
    await seedContingencyDemo(trx, { year: '2024-25' });
  });
  return { password: generated, accounts: demoAccountList() };
}

/**
 * This year's allocation plan, approved by the team manager: 200 families (seed 000: '1 Senior
 * SSFP and 3 SSFPs … c200 families'), core offer 1, maintained primaries, top 10% small groups.
 */
async function seedApprovedPlan(db: Db): Promise<string> {
  const manager = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', demoEmail('team_manager'))
    .executeTakeFirstOrThrow();
  const actor = { userId: manager.id, ip: null };
  const plans = plansService(db, systemClock);
  const year = academicYearOf(new Date().toISOString().slice(0, 10));
  const saved = await plans.save(actor, year, {
    capacity: DEFAULT_CAPACITY,
    coreOffer: 1,
    groupShare: 0,
    scope: 'maintained-primary',
    smallGroups: { topPercent: 10 },
  });
  if (saved.kind !== 'saved')
    throw new Error(`The demo allocation plan could not be made: ${saved.errors.map((e) => e.text).join('; ')}`);
  await plans.approve(actor, saved.plan.id);
  return year;
}

/** Schools whose SENCos have sent the demo referrals; the first is the demo school user's. */
const REFERRING_SCHOOLS = [DEMO_SCHOOL_URN, 102322, 102319, 102324, 102325, 102291];
const SENCO_NAMES = ['Rachel Moore', 'Imran Siddiqui', 'Beth Lawson', 'Kofi Asante', 'Lucy Tran'];

/** The front door's demo queue: referrals from six schools, sent by their SENCos. */
async function seedDemoReferrals(
  trx: Transaction<Database>,
  passwordHash: string,
  schoolUserId: number,
  triageId: number,
) {
  const referrers = new Map<number, number>([[DEMO_SCHOOL_URN, schoolUserId]]);
  for (const [index, urn] of REFERRING_SCHOOLS.slice(1).entries()) {
    const user = await trx
      .insertInto('users')
      .values({
        email: `senco.${urn}@${DEMO_EMAIL_DOMAIN}`,
        name: SENCO_NAMES[index],
        roles: ['school_user'],
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_schools').values({ user_id: user.id, school_urn: urn }).execute();
    referrers.set(urn, user.id);
  }
  const children = await trx
    .selectFrom('children')
    .select(['id', 'first_name', 'last_name', 'date_of_birth', 'upn', 'year_group', 'school_urn'])
    .where('school_urn', 'in', REFERRING_SCHOOLS)
    .orderBy('id')
    .execute();
  await seedReferrals(trx, { children, referrerFor: (urn) => referrers.get(urn)!, triageId });
}

/** Drops everything, so `npm run seed -- --reset` can rebuild the demo from nothing. */
export async function dropEverything(db: Db): Promise<void> {
  await sql`drop schema public cascade`.execute(db);
  await sql`create schema public`.execute(db);
}
