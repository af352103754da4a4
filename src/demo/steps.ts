// The demo borough, area by area, in the order the areas build on each other. Each step adds
// one area's demo data in the demo builder's transaction (src/demo/demo.ts).
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { addCalendarDays } from '../platform/calendar/calendar.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { storeCouncilWords } from '../platform/instance/council.ts';
import { schoolYearOf } from '../platform/school-year.ts';
import { schoolFiguresDemo } from '../schools/figures/demo.ts';
import { knownEpisodesDemo } from '../referrals/known-episodes/demo.ts';
import { referralsDemo } from '../referrals/demo.ts';
import { plansService } from '../allocation/plans/service.ts';
import { DEFAULT_CAPACITY } from '../allocation/plans/forms.ts';
import { demoCases, demoTeam } from '../allocation/demo.ts';
import { caseworkDemo } from '../casework/demo.ts';
import { attendanceMarksDemo, attendanceRecordsDemo } from '../attendance/demo.ts';
import { groupsDemo } from '../groups/demo.ts';
import { seedDemoFunding } from '../funding/demo.ts';
import { seedContingencyDemo } from '../funding/contingency/demo.ts';
import { DEMO_EMAIL_DOMAIN, DEMO_SCHOOL_URN, STAFF_NAMES, demoAccountList } from './accounts.ts';
import { demoBankHolidays, demoSchoolYears, demoTermDates } from './calendar.ts';
import { DEMO_COUNCIL_WORDS } from './council.ts';
import type { DemoContext } from './demo.ts';
import { demoFamilies } from './people.ts';

type Trx = Transaction<Database>;

export interface DemoStep {
  /** What the step adds, for messages. */
  name: string;
  build(trx: Trx, demo: DemoContext): Promise<void>;
}

/** The funding year of the Havering schools forum report 2024-25, whose contingency fund the demo fills. */
const CONTINGENCY_YEAR = '2024-25';

/** Schools whose SENCos have sent the demo referrals; the first is the demo school user's. */
const REFERRING_SCHOOLS = [DEMO_SCHOOL_URN, 102322, 102319, 102324, 102325, 102291];
const SENCO_NAMES = ['Rachel Moore', 'Imran Siddiqui', 'Beth Lawson', 'Kofi Asante', 'Lucy Tran'];

/** The instance's kind and council, the calendar around the clock's school year, and one account per role. */
async function platform(trx: Trx, demo: DemoContext) {
  await trx
    .insertInto('instance')
    .values({ kind: 'demo' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await storeCouncilWords(trx, DEMO_COUNCIL_WORDS, demo.clock.now());
  const years = demoSchoolYears(demo.clock.schoolYear());
  await trx
    .insertInto('bank_holidays')
    .values(demoBankHolidays(years))
    .onConflict((oc) => oc.doNothing())
    .execute();
  await trx
    .insertInto('term_periods')
    .values(demoTermDates(years).map((term) => ({ name: term.name, starts_on: term.startsOn, ends_on: term.endsOn })))
    .execute();
  await trx
    .insertInto('users')
    .values(
      demoAccountList().map((account) => ({
        email: account.email,
        name: STAFF_NAMES[account.role],
        roles: [account.role],
        password_hash: demo.passwordHash,
      })),
    )
    .execute();
}

/** The borough's real schools, the demo school user's school, and this year's census figures. */
async function schools(trx: Trx, demo: DemoContext) {
  await trx.insertInto('schools').values(demo.schools).execute();
  await trx
    .insertInto('user_schools')
    .values({ user_id: await demo.idOf('school_user'), school_urn: DEMO_SCHOOL_URN })
    .execute();
  await schoolFiguresDemo(trx, { academicYear: demo.clock.schoolYear().start, importedBy: await demo.idOf('analyst') });
}

/** Fictional children at every school, with their carers. */
async function children(trx: Trx, demo: DemoContext) {
  const families = demoFamilies(demo.schools, demo.childrenPerSchool, demo.clock.schoolYear().start);
  const ids = await trx
    .insertInto('children')
    .values(families.map((family) => family.child))
    .returning('id')
    .execute();
  const carers = families.flatMap((family, index) =>
    family.carers.map((carer) => ({ ...carer, child_id: ids[index].id })),
  );
  await trx.insertInto('carers').values(carers).execute();
}

/** Known episodes for the matching, and the front door's queue: referrals from six schools, sent by their SENCos. */
async function referrals(trx: Trx, demo: DemoContext) {
  await knownEpisodesDemo(trx, {
    schoolUrn: DEMO_SCHOOL_URN,
    importedBy: await demo.idOf('admin'),
    today: demo.clock.now(),
  });
  const referrers = new Map<number, number>([[DEMO_SCHOOL_URN, await demo.idOf('school_user')]]);
  for (const [index, urn] of REFERRING_SCHOOLS.slice(1).entries()) {
    const user = await trx
      .insertInto('users')
      .values({
        email: `senco.${urn}@${DEMO_EMAIL_DOMAIN}`,
        name: SENCO_NAMES[index],
        roles: ['school_user'],
        password_hash: demo.passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_schools').values({ user_id: user.id, school_urn: urn }).execute();
    referrers.set(urn, user.id);
  }
  const referred = await trx
    .selectFrom('children')
    .select(['id', 'first_name', 'last_name', 'date_of_birth', 'upn', 'year_group', 'school_urn'])
    .where('school_urn', 'in', REFERRING_SCHOOLS)
    .orderBy('id')
    .execute();
  await referralsDemo(trx, {
    children: referred,
    referrerFor: (urn) => referrers.get(urn)!,
    triageId: await demo.idOf('triage_manager'),
    now: demo.clock.now(),
  });
}

/**
 * This year's allocation plan, approved by the team manager: 200 families (Havering SEMH Team
 * proposal: '1 Senior SSFP and 3 SSFPs … c200 families'), core offer 1, maintained primaries,
 * top 10% small groups; then the team and the cases allocated so far.
 */
async function allocation(trx: Trx, demo: DemoContext) {
  const managerId = await demo.idOf('team_manager');
  const actor = { userId: managerId, ip: null };
  const plans = plansService(trx, demo.clock);
  const year = demo.clock.schoolYear().key;
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
  const common = { domain: DEMO_EMAIL_DOMAIN, passwordHash: demo.passwordHash, managerId };
  const team = await demoTeam(trx, {
    ...common,
    practitionerId: await demo.idOf('practitioner'),
    seniorId: await demo.idOf('senior_practitioner'),
  });
  await demoCases(trx, {
    ...common,
    year,
    team,
    triageId: await demo.idOf('triage_manager'),
    now: demo.clock.now(),
    cal: await loadCalendar(trx),
  });
}

async function casework(trx: Trx, demo: DemoContext) {
  await caseworkDemo(trx, { managerId: await demo.idOf('team_manager'), now: demo.clock.now() });
}

/** A year of attendance marks up to yesterday: the longest step by far (src/demo/marks.ts). */
export async function attendanceMarks(trx: Trx, demo: Pick<DemoContext, 'clock'>) {
  const yesterday = addCalendarDays(demo.clock.today(), -1);
  await attendanceMarksDemo(trx, {
    startYear: schoolYearOf(yesterday).start,
    until: yesterday,
    cal: await loadCalendar(trx),
  });
}

/** Suspensions and reduced timetables. */
async function attendance(trx: Trx, demo: DemoContext) {
  await attendanceRecordsDemo(trx, {
    recordedBy: await demo.idOf('attendance_officer'),
    schoolUrn: DEMO_SCHOOL_URN,
    now: demo.clock.now(),
  });
}

async function groups(trx: Trx, demo: DemoContext) {
  await groupsDemo(trx, {
    now: demo.clock.now(),
    today: demo.clock.today(),
    cal: await loadCalendar(trx),
    staff: { seniorId: await demo.idOf('senior_practitioner'), practitionerId: await demo.idOf('practitioner') },
  });
}

async function funding(trx: Trx) {
  await seedDemoFunding(trx);
  await seedContingencyDemo(trx, { year: CONTINGENCY_YEAR });
}

/** Every area's demo data, lowest area first (the attendance marks too: `npm run seed`, the tests). */
export const DEMO_STEPS: readonly DemoStep[] = [
  { name: 'accounts, council and calendar', build: platform },
  { name: 'schools', build: schools },
  { name: 'children', build: children },
  { name: 'referrals', build: referrals },
  { name: 'allocation', build: allocation },
  { name: 'casework', build: casework },
  { name: 'attendance marks', build: attendanceMarks },
  { name: 'attendance', build: attendance },
  { name: 'groups', build: groups },
  { name: 'funding', build: funding },
];

/**
 * What a first start builds before it serves pages: every step but the year of attendance marks,
 * which it makes just after (src/demo/marks.ts).
 */
export const DEMO_STEPS_BEFORE_SERVING: readonly DemoStep[] = DEMO_STEPS.filter(
  (step) => step.build !== attendanceMarks,
);
