// The demo's casework, so every state of a case can be seen: contacts and home visits after a
// risk check, completed assessments with consent, plans, Team Around the Family meetings with
// re-scoring, an extension waiting for the team manager, a closure waiting for sign-off, a closed
// case waiting for its review, and two cases from last year closed and reviewed; professionals
// working with some of the families, and Supporting Families needs and outcomes for a few. All
// fictional.
import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { randomSource } from '../demo/people.ts';
import { addWorkingDays, createCalendar } from '../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../platform/calendar/bank-holidays.ts';
import { londonDate } from '../platform/london-time.ts';
import { ASPECTS, lowestAspects, type AspectScores } from './rules.ts';
import { monthsAfter } from './closure/rules.ts';
import { suggestedNeeds } from './supporting-families/rules.ts';

type Trx = Transaction<Database>;
type Rng = ReturnType<typeof randomSource>;

const cal = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES);
const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`);
const daysAfter = (date: string, days: number) =>
  new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

function scores(rng: Rng, lift = 0, base?: AspectScores): AspectScores {
  return Object.fromEntries(
    ASPECTS.map(({ code }) => {
      if (code === 'pregnancy-early-years')
        return [code, { score: null, notApplicableReason: 'No pregnancy and no children under 5 in the family' }];
      const start = base?.[code]?.score ?? rng.int(2, 8);
      return [
        code,
        {
          score: Math.min(10, start + lift + (lift ? rng.int(0, 1) : 0)),
          workingWell: 'Routines at home are in place most days.',
          couldBeBetter: 'Mornings and bedtimes are still hard.',
          whatsChanged: lift ? 'Calmer mornings since the new routine.' : null,
        },
      ];
    }),
  );
}

interface DemoCase {
  id: number;
  child_id: number;
  referral_id: number;
  practitioner_id: number;
  allocated_at: Date;
  first_contact_on: string | null;
  assessment_completed_on: string | null;
  planned_end: string;
  last_name: string;
}

async function contacts(trx: Trx, c: DemoCase, allocatedOn: string) {
  const event = (kind: string, date: string, message: string) =>
    trx
      .insertInto('case_events')
      .values({ case_id: c.id, user_id: c.practitioner_id, kind, message, at: at(date, 15) })
      .execute();
  const phoneOn = addWorkingDays(allocatedOn, 1, cal);
  await trx
    .insertInto('case_contacts')
    .values({
      case_id: c.id,
      contact_at: at(phoneOn, 11),
      contact_type: 'phone',
      with_whom: 'Parent',
      summary: 'Introduced the service and arranged a home visit.',
      recorded_by: c.practitioner_id,
    })
    .execute();
  await event('contact', phoneOn, 'Phone contact recorded');
  if (!c.first_contact_on) return;
  const check = await trx
    .insertInto('case_risk_checks')
    .values({
      case_id: c.id,
      answers: JSON.stringify({
        violence: false,
        animals: false,
        otherAdults: false,
        substances: false,
        incidents: false,
        colleagueKnows: true,
      }),
      outcome: 'visit-alone',
      completed_by: c.practitioner_id,
      completed_at: at(phoneOn, 12),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await event('risk-check', phoneOn, 'Lone-working risk check completed');
  await trx
    .insertInto('case_contacts')
    .values({
      case_id: c.id,
      contact_at: at(c.first_contact_on, 14),
      contact_type: 'home-visit',
      with_whom: 'Parent and child',
      summary: 'Initial home visit; talked through the family plan.',
      risk_check_id: check.id,
      recorded_by: c.practitioner_id,
    })
    .execute();
  await event('home-visit', c.first_contact_on, 'Initial home visit recorded');
}

async function assessmentAndPlan(trx: Trx, c: DemoCase, rng: Rng): Promise<AspectScores | undefined> {
  const done = c.assessment_completed_on;
  if (!done || !c.first_contact_on) return undefined;
  const parent = scores(rng);
  await trx
    .insertInto('case_consents')
    .values([
      {
        case_id: c.id,
        kind: 'plan-sharing',
        agreed: true,
        given_by: `Alex ${c.last_name}`,
        given_by_role: 'parent-carer',
        given_on: c.first_contact_on,
        recorded_by: c.practitioner_id,
      },
      {
        case_id: c.id,
        kind: 'supporting-families',
        agreed: rng.next() < 0.7,
        given_by: `Alex ${c.last_name}`,
        given_by_role: 'parent-carer',
        given_on: c.first_contact_on,
        recorded_by: c.practitioner_id,
      },
    ])
    .execute();
  await trx
    .insertInto('case_family_members')
    .values([
      { case_id: c.id, name: `Alex ${c.last_name}`, relationship: 'Parent', lives_at_home: true },
      { case_id: c.id, name: `Jo ${c.last_name}`, relationship: 'Sibling', lives_at_home: true },
    ])
    .execute();
  await trx
    .insertInto('case_assessments')
    .values({
      case_id: c.id,
      parent_scores: JSON.stringify(parent),
      child_scores: JSON.stringify(scores(rng)),
      practitioner_view: JSON.stringify({
        parent: { view: 'agree', reason: null },
        child: { view: 'partly-agree', reason: 'School describes more worries at lunchtimes than the child does.' },
      }),
      child_voice: 'Wants a quiet place at school and more time with mum at weekends.',
      school_input: 'Calm room available at lunchtime; daily check-in with the learning mentor.',
      completed_on: done,
      updated_by: c.practitioner_id,
    })
    .execute();
  await trx
    .insertInto('case_measures')
    .values({
      case_id: c.id,
      point: 'referral',
      recorded_on: done,
      behaviour_points: rng.int(40, 120),
      attendance_percent: rng.int(820, 950) / 10,
      suspensions: rng.int(0, 2),
      placement_kept: true,
      recorded_by: c.practitioner_id,
    })
    .execute();
  const focus = lowestAspects(parent);
  await trx
    .insertInto('case_actions')
    .values(
      focus.map((aspect, i) => ({
        case_id: c.id,
        aspect: aspect.code,
        action: `Agree a ${aspect.label.toLowerCase()} goal with the family`,
        for_whom: i === 0 ? 'Child' : 'Parent',
        who: i === 0 ? 'School SENCo' : 'Family practitioner',
        school_owns: i === 0,
        by_when: daysAfter(done, 28 + 7 * i),
        difference: 'Fewer difficult days each week',
        readiness: rng.int(2, 4),
        created_by: c.practitioner_id,
        created_at: at(done),
        updated_at: at(done),
      })),
    )
    .execute();
  for (const kind of ['consent', 'assessment-completed', 'action-added'])
    await trx
      .insertInto('case_events')
      .values({ case_id: c.id, user_id: c.practitioner_id, kind, message: null, at: at(done, 16) })
      .execute();
  return parent;
}

async function meeting(trx: Trx, c: DemoCase, parent: AspectScores, heldOn: string, rng: Rng) {
  const next = daysAfter(heldOn, 35);
  const meetingRow = await trx
    .insertInto('case_meetings')
    .values({
      case_id: c.id,
      held_on: heldOn,
      invitees: JSON.stringify([
        { name: `Alex ${c.last_name}`, role: 'Parent', attended: true, sentUpdate: null },
        { name: 'School SENCo', role: 'School', attended: rng.next() < 0.8, sentUpdate: true },
      ]),
      parent_scores: JSON.stringify(scores(rng, rng.int(1, 2), parent)),
      parent_summary: 'Mornings are calmer; fewer calls from school.',
      taf_view: 'Good engagement from the family and the school.',
      decision: 'continue',
      next_meeting_on: next,
      next_meeting_time: '15:30',
      next_meeting_venue: 'School',
      recorded_by: c.practitioner_id,
      recorded_at: at(heldOn, 17),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('case_measures')
    .values({
      case_id: c.id,
      point: 'review',
      meeting_id: meetingRow.id,
      recorded_on: heldOn,
      behaviour_points: rng.int(10, 60),
      attendance_percent: rng.int(880, 980) / 10,
      suspensions: 0,
      placement_kept: true,
      recorded_by: c.practitioner_id,
    })
    .execute();
  await trx.updateTable('cases').set({ next_meeting_due: next }).where('id', '=', c.id).execute();
  await trx
    .insertInto('case_events')
    .values({
      case_id: c.id,
      user_id: c.practitioner_id,
      kind: 'meeting',
      message: 'Team Around the Family meeting recorded',
      at: at(heldOn, 17),
    })
    .execute();
}

const MAINTENANCE = {
  whatWeLearnt: 'Keeping to the morning routine makes the day go better.',
  mostUseful: 'The visual timetable and the weekly call with school.',
  actionsToContinue: 'Morning routine; Friday check-in with the SENCo.',
  difficultSituations: 'Changes of teacher and the summer holidays.',
  whatWeCanDo: 'Use the calm-down plan and call the school early.',
  whoToContact: 'School SENCo; Family Hub',
  keyContacts: 'Family Hub 01708 000000',
};

async function close(
  trx: Trx,
  c: DemoCase,
  managerId: number,
  closedOn: string,
  signedOff: boolean,
  reviewOn?: string,
) {
  await trx
    .insertInto('case_measures')
    .values({
      case_id: c.id,
      point: 'closure',
      recorded_on: closedOn,
      behaviour_points: 12,
      attendance_percent: 95.5,
      suspensions: 0,
      placement_kept: true,
      recorded_by: c.practitioner_id,
    })
    .execute();
  await trx.updateTable('case_actions').set({ status: 'done' }).where('case_id', '=', c.id).execute();
  await trx
    .insertInto('case_closures')
    .values({
      case_id: c.id,
      reason: 'placement-maintained',
      maintenance_plan: JSON.stringify(MAINTENANCE),
      proposed_by: c.practitioner_id,
      proposed_at: at(closedOn, 9),
      signed_off_by: signedOff ? managerId : null,
      signed_off_at: signedOff ? at(closedOn, 16) : null,
      review: reviewOn
        ? JSON.stringify({
            placementMaintained: true,
            suspensionsSince: 0,
            reReferred: false,
            notes: 'Settled; no new concerns from school.',
            reviewedOn: reviewOn,
            early: false,
          })
        : null,
      reviewed_by: reviewOn ? c.practitioner_id : null,
    })
    .execute();
  const review = signedOff ? monthsAfter(closedOn, 3) : null;
  await trx
    .updateTable('cases')
    .set({
      status: signedOff ? 'closed' : 'closure-proposed',
      closed_at: signedOff ? at(closedOn, 16) : null,
      post_closure_review_due: review,
      post_closure_review_on: reviewOn ?? null,
      next_meeting_due: null,
    })
    .where('id', '=', c.id)
    .execute();
  if (signedOff)
    await trx
      .updateTable('case_lead_professionals')
      .set({ to_date: closedOn })
      .where('case_id', '=', c.id)
      .where('to_date', 'is', null)
      .execute();
  if (reviewOn)
    await trx
      .insertInto('case_measures')
      .values({
        case_id: c.id,
        point: 'post-closure',
        recorded_on: reviewOn,
        suspensions: 0,
        placement_kept: true,
        recorded_by: c.practitioner_id,
      })
      .execute();
  await trx
    .insertInto('case_events')
    .values([
      { case_id: c.id, user_id: c.practitioner_id, kind: 'closure-proposed', message: null, at: at(closedOn, 9) },
      ...(signedOff
        ? [{ case_id: c.id, user_id: managerId, kind: 'closure-signed-off', message: null, at: at(closedOn, 16) }]
        : []),
    ])
    .execute();
}

const PROFESSIONALS = [
  [{ name: 'Sam Whitfield', role_or_agency: 'Class teacher', email: 'sam.whitfield@school.example', phone: null }],
  [
    {
      name: 'Nadia Price',
      role_or_agency: 'School nurse, 0-19 service',
      email: 'nadia.price@health.example',
      phone: '01632 960 101',
    },
    { name: 'Dan Ellery', role_or_agency: 'Housing officer', email: null, phone: '01632 960 102' },
  ],
  [{ name: 'Morgan Ashby', role_or_agency: 'Youth worker', email: 'morgan.ashby@youth.example', phone: null }],
];

/** One or two professionals working with the family, added when the case was allocated. */
async function professionals(trx: Trx, c: DemoCase, allocatedOn: string, which: number) {
  const people = PROFESSIONALS[which % PROFESSIONALS.length];
  await trx
    .insertInto('case_professionals')
    .values(
      people.map((person) => ({
        ...person,
        case_id: c.id,
        added_by: c.practitioner_id,
        added_at: at(allocatedOn, 12),
      })),
    )
    .execute();
  for (const person of people)
    await trx
      .insertInto('case_events')
      .values({
        case_id: c.id,
        user_id: c.practitioner_id,
        kind: 'professional-added',
        message: `${person.name} (${person.role_or_agency}) added to the case`,
        at: at(allocatedOn, 12),
      })
      .execute();
}

const FALLBACK_NEEDS = ['education', 'family-relationships', 'health'];

/** Three Supporting Families needs from the assessment (its suggestions first) and, when `achievedOn` is given, their outcomes. */
async function supportingFamilies(
  trx: Trx,
  c: DemoCase,
  parent: AspectScores,
  identifiedOn: string,
  achievedOn?: string,
) {
  const codes = [
    ...new Set([...suggestedNeeds({ parent, child: {} }).map((need) => need.code), ...FALLBACK_NEEDS]),
  ].slice(0, 3);
  await trx
    .insertInto('case_supporting_families')
    .values(
      codes.map((outcome) => ({
        case_id: c.id,
        outcome,
        need_evidence: 'Identified at the whole-family assessment, with the school’s view.',
        identified_on: identifiedOn,
        identified_by: c.practitioner_id,
        achieved_on: achievedOn ?? null,
        achieved_evidence: achievedOn ? 'Confirmed at the closing Team Around the Family meeting.' : null,
        recorded_by: c.practitioner_id,
      })),
    )
    .execute();
}

/** Moves a case and its referral a year back, so last year's closed and reviewed cases can be shown. */
async function moveBackAYear(trx: Trx, c: DemoCase, year: string) {
  const shift = (column: string) => `${column} = ${column} - interval '365 days'`;
  await sql
    .raw(
      `update cases set ${['allocated_at', 'contact_due', 'assessment_due', 'planned_end', 'first_contact_on', 'assessment_completed_on'].map(shift).join(', ')}, academic_year = '${year}' where id = ${c.id}`,
    )
    .execute(trx);
  await sql
    .raw(
      `update referrals set ${['submitted_at', 'acknowledged_at', 'outcome_at'].map(shift).join(', ')} where id = ${c.referral_id}`,
    )
    .execute(trx);
  for (const table of ['referral_events'])
    await sql
      .raw(`update ${table} set at = at - interval '365 days' where referral_id = ${c.referral_id}`)
      .execute(trx);
  await sql.raw(`update case_events set at = at - interval '365 days' where case_id = ${c.id}`).execute(trx);
  await sql.raw(`update case_lead_professionals set from_date = from_date - 365 where case_id = ${c.id}`).execute(trx);
}

export async function caseworkDemo(trx: Trx, options: { managerId: number; now: Date }) {
  const rng = randomSource(2028);
  const today = londonDate(options.now);
  const rows = await trx
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .select([
      'cases.id',
      'cases.child_id',
      'cases.referral_id',
      'cases.practitioner_id',
      'cases.allocated_at',
      'cases.first_contact_on',
      'cases.assessment_completed_on',
      'cases.planned_end',
      'cases.academic_year',
      'children.last_name',
    ])
    .orderBy('cases.allocated_at')
    .orderBy('cases.id')
    .execute();
  const [lastYearA, lastYearB, closedAwaitingReview, closureProposed, ...rest] = rows;
  for (const c of [lastYearA, lastYearB].filter(Boolean)) {
    const year = `${Number(c.academic_year.slice(0, 4)) - 1}/${c.academic_year.slice(2, 4)}`;
    await moveBackAYear(trx, c, year);
  }
  for (const c of rows) {
    const fresh = await trx
      .selectFrom('cases')
      .select(['allocated_at', 'first_contact_on', 'assessment_completed_on', 'planned_end'])
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow();
    const kase = { ...c, ...fresh };
    const allocatedOn = londonDate(kase.allocated_at);
    await contacts(trx, kase, allocatedOn);
    const parent = await assessmentAndPlan(trx, kase, rng);
    const index = rows.indexOf(c);
    if (index % 3 === 1 && index < 12) await professionals(trx, kase, allocatedOn, (index - 1) / 3);
    const meetingOn = addWorkingDays(allocatedOn, 25, cal);
    if (parent && meetingOn < today) await meeting(trx, kase, parent, meetingOn, rng);
    if (c === lastYearA || c === lastYearB) {
      const closedOn = addWorkingDays(allocatedOn, 85, cal);
      await close(trx, kase, options.managerId, closedOn, true, addWorkingDays(monthsAfter(closedOn, 3), 2, cal));
      if (parent && kase.assessment_completed_on)
        await supportingFamilies(trx, kase, parent, kase.assessment_completed_on, addWorkingDays(allocatedOn, 60, cal));
    } else if (c === closedAwaitingReview && parent) {
      await close(trx, kase, options.managerId, addWorkingDays(today, -5, cal), true);
    } else if (c === closureProposed && parent) {
      await close(trx, kase, options.managerId, addWorkingDays(today, -1, cal), false);
    } else if (c === rest[1] && parent && kase.assessment_completed_on) {
      await supportingFamilies(trx, kase, parent, kase.assessment_completed_on);
    } else if (c === rest[0]) {
      await trx
        .insertInto('case_extensions')
        .values({
          case_id: c.id,
          requested_by: c.practitioner_id,
          reason: 'The family moved house in November; the plan needs six more weeks to settle the new routines.',
          new_end: monthsAfter(kase.planned_end, 1),
        })
        .execute();
      await trx
        .insertInto('case_events')
        .values({ case_id: c.id, user_id: c.practitioner_id, kind: 'extension-requested', message: null })
        .execute();
    }
  }
}
