// The demo's team and this year's allocated cases, so the allocation plan shows cases used
// against every school's quota and practitioners have caseloads. All people are fictional.
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { demoFamilies, randomSource } from '../demo/people.ts';
import { addWorkingDays, type Calendar } from '../platform/calendar/calendar.ts';
import { londonDate } from '../platform/london-time.ts';
import { demoAnswers } from '../referrals/demo.ts';
import { referralsRepository } from '../referrals/repository.ts';
import { addCaseEvent, createCase } from './queue/repository.ts';
import { dueDatesFrom } from './queue/rules.ts';
import { defaultMaxCaseload, suggestedType } from './queue/rules.ts';
import { practitionerTypeName, type PractitionerType } from '../platform/users/practitioner-types.ts';

type Trx = Transaction<Database>;

/** Havering SEMH Team proposal: '1 Senior SSFP and 3 SSFPs', with the specialists RBKC Early Help Family Support names beside them. */
const EXTRA_PRACTITIONERS: { local: string; name: string; type: PractitionerType; fte: number }[] = [
  { local: 'aisha.khan', name: 'Aisha Khan', type: 'family-practitioner', fte: 1 },
  { local: 'tom.hughes', name: 'Tom Hughes', type: 'family-practitioner', fte: 0.6 },
  { local: 'priya.shah', name: 'Priya Shah', type: 'family-therapist', fte: 0.8 },
  { local: 'daniel.okafor', name: 'Daniel Okafor', type: 'nvr', fte: 0.5 },
  { local: 'grace.mensah', name: 'Grace Mensah', type: 'families-forward', fte: 0.6 },
];

/** Share of each school's quota used by late November: about a quarter of the year has gone. */
const SHARE_USED = 0.25;
const CLOCKS = {
  contactWorkingDays: 5,
  assessmentWorkingDays: 15,
  practitionerCaseMonths: 4,
  inclusionProgrammeMonths: 6,
};

export async function demoTeam(
  trx: Trx,
  options: { domain: string; passwordHash: string; practitionerId: number; seniorId: number; managerId: number },
) {
  const extra = await trx
    .insertInto('users')
    .values(
      EXTRA_PRACTITIONERS.map((p) => ({
        email: `${p.local}@${options.domain}`,
        name: p.name,
        roles: ['practitioner'],
        password_hash: options.passwordHash,
      })),
    )
    .returning('id')
    .execute();
  const profiles = [
    { user_id: options.seniorId, practitioner_type: 'family-practitioner', fte: 1, max_caseload: 10 },
    {
      user_id: options.practitionerId,
      practitioner_type: 'family-practitioner',
      fte: 1,
      max_caseload: defaultMaxCaseload(16, 1),
    },
    ...EXTRA_PRACTITIONERS.map((p, i) => ({
      user_id: extra[i].id,
      practitioner_type: p.type,
      fte: p.fte,
      max_caseload: defaultMaxCaseload(16, p.fte),
    })),
  ];
  await trx
    .insertInto('practitioners')
    .values(profiles.map((p) => ({ ...p, updated_by: options.managerId })))
    .execute();
  return profiles.map((p) => ({ id: p.user_id, type: p.practitioner_type as PractitionerType }));
}

/**
 * About a quarter of each school's quota allocated since September, each from a referral the
 * panel accepted, to a practitioner of the suggested type; older cases have their first visit
 * and assessment recorded (a few late), as a practitioner would have.
 */
export async function demoCases(
  trx: Trx,
  options: {
    year: string;
    managerId: number;
    triageId: number;
    domain: string;
    passwordHash: string;
    team: { id: number; type: PractitionerType }[];
    now: Date;
    /** The working-day calendar the cases' due dates count in. */
    cal: Calendar;
  },
) {
  const rng = randomSource(2027);
  const now = options.now;
  const today = londonDate(now);
  const cal = options.cal;
  const firstDay = `${options.year.slice(0, 4)}-09-07`;
  const span = Math.floor((Date.parse(today) - Date.parse(firstDay)) / 86_400_000) - 3;
  if (span < 1) return 0;
  const plan = await trx
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', options.year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const rows = (plan?.rows ?? []) as { urn: number; total: number }[];
  const referrals = referralsRepository();
  const load = new Map(options.team.map((member) => [member.id, 0]));
  let made = 0;
  for (const row of rows) {
    const count = Math.floor(row.total * SHARE_USED + rng.next());
    if (count === 0) continue;
    await enoughChildren(trx, row.urn, count, Number(options.year.slice(0, 4)));
    const children = await trx
      .selectFrom('children')
      .select(['id', 'first_name', 'last_name', 'date_of_birth', 'upn', 'year_group', 'school_urn'])
      .where('school_urn', '=', row.urn)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('referrals').select('referrals.id').whereRef('referrals.child_id', '=', 'children.id'))),
      )
      .orderBy('id')
      .limit(count)
      .execute();
    if (children.length === 0) continue;
    const referrer = await schoolReferrer(trx, row.urn, options.domain, options.passwordHash);
    for (const child of children) {
      const allocatedOn = addWorkingDays(firstDay, rng.int(0, Math.max(0, Math.floor(span * 0.7))), cal);
      if (allocatedOn >= today) continue;
      const allocatedAt = new Date(`${allocatedOn}T10:30:00Z`);
      const decidedAt = new Date(allocatedAt.getTime() - rng.int(1, 4) * 86_400_000);
      const sentAt = new Date(decidedAt.getTime() - rng.int(20, 44) * 3_600_000);
      const answers = demoAnswers(child, `Alex ${child.last_name}`, made, true);
      const referral = await trx
        .insertInto('referrals')
        .values({
          reference: await referrals.nextReference(trx, sentAt.getUTCFullYear()),
          status: 'intensive',
          school_urn: row.urn,
          child_id: child.id,
          answers: JSON.stringify(answers),
          created_by: referrer,
          submitted_at: sentAt,
          acknowledged_at: sentAt,
          outcome_at: decidedAt,
          outcome: 'intensive',
          level_of_need: 3,
          outcome_reason: 'Accepted for a school-support family practitioner.',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const suggested = suggestedType(answers.pages.needs.needs as string[]).type;
      const type = options.team.some((member) => member.type === suggested) ? suggested : 'family-practitioner';
      const pool = options.team.filter((member) => member.type === type);
      const practitioner = pool.reduce((least, member) =>
        load.get(member.id)! < load.get(least.id)! ? member : least,
      );
      load.set(practitioner.id, load.get(practitioner.id)! + 1);
      const due = dueDatesFrom(allocatedOn, type, CLOCKS, cal);
      const contactOn = addWorkingDays(allocatedOn, rng.next() < 0.85 ? rng.int(1, 5) : rng.int(6, 8), cal);
      const assessedOn = addWorkingDays(allocatedOn, rng.int(10, 17), cal);
      const caseId = await createCase(trx, {
        referralId: referral.id,
        childId: child.id,
        schoolUrn: row.urn,
        academicYear: options.year,
        practitionerId: practitioner.id,
        practitionerType: type,
        allocatedBy: options.managerId,
        allocatedAt,
        allocatedOn,
        ...due,
        overQuota: false,
        overCaseload: false,
        reason: null,
      });
      await trx
        .updateTable('cases')
        .set({
          first_contact_on: contactOn < today ? contactOn : null,
          assessment_completed_on: assessedOn < today ? assessedOn : null,
        })
        .where('id', '=', caseId)
        .execute();
      await addCaseEvent(trx, {
        caseId,
        userId: options.managerId,
        kind: 'allocated',
        message: `Allocated as ${practitionerTypeName(type).toLowerCase()} work`,
        at: allocatedAt,
      });
      await trx
        .insertInto('referral_events')
        .values([
          { referral_id: referral.id, at: sentAt, user_id: referrer, kind: 'submitted', message: null },
          {
            referral_id: referral.id,
            at: sentAt,
            user_id: null,
            kind: 'acknowledged',
            message: 'Received and acknowledged.',
          },
          {
            referral_id: referral.id,
            at: decidedAt,
            user_id: options.triageId,
            kind: 'outcome',
            message: 'Accepted for a school-support family practitioner.',
          },
          {
            referral_id: referral.id,
            at: allocatedAt,
            user_id: options.managerId,
            kind: 'allocated',
            message: `Allocated to a ${practitionerTypeName(type).toLowerCase()}.`,
          },
        ])
        .execute();
      made += 1;
    }
  }
  return made;
}

/** Children at the school with no referral yet: more fictional families if the demo referrals used them all. */
async function enoughChildren(trx: Trx, urn: number, wanted: number, academicYear: number) {
  const { count } = await trx
    .selectFrom('children')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('school_urn', '=', urn)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('referrals').select('referrals.id').whereRef('referrals.child_id', '=', 'children.id'))),
    )
    .executeTakeFirstOrThrow();
  const missing = wanted - Number(count);
  if (missing <= 0) return;
  const school = await trx.selectFrom('schools').selectAll().where('urn', '=', urn).executeTakeFirstOrThrow();
  const families = demoFamilies([school], missing, academicYear, { seed: urn, serialFrom: 500 });
  const children = await trx
    .insertInto('children')
    .values(families.map((family) => family.child))
    .returning('id')
    .execute();
  await trx
    .insertInto('carers')
    .values(families.flatMap((family, i) => family.carers.map((carer) => ({ ...carer, child_id: children[i].id }))))
    .execute();
}

/** A school user at the school (its SENCo), made if the school has none yet. */
async function schoolReferrer(trx: Trx, urn: number, domain: string, passwordHash: string): Promise<number> {
  const found = await trx
    .selectFrom('user_schools')
    .select('user_id')
    .where('school_urn', '=', urn)
    .orderBy('user_id')
    .executeTakeFirst();
  if (found) return found.user_id;
  const email = `senco.${urn}@${domain}`;
  const school = await trx.selectFrom('schools').select('name').where('urn', '=', urn).executeTakeFirstOrThrow();
  const user = await trx
    .insertInto('users')
    .values({ email, name: `SENCo, ${school.name}`, roles: ['school_user'], password_hash: passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.insertInto('user_schools').values({ user_id: user.id, school_urn: urn }).execute();
  return user.id;
}
