import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { londonDate } from '../../platform/london-time.ts';
import { ASPECTS, type AspectScores } from '../rules.ts';
import { schoolCaseView } from './service.ts';
import { inDays } from '../../../test/support/casework.ts';

let t: TestApp;
let school: Agent;
let open: { id: number; referral_id: number; practitioner_id: number };
let closed: { id: number; referral_id: number };

const db = () => t.connection.db;
const today = () => londonDate(new Date());

const scored = (score: number): AspectScores => Object.fromEntries(ASPECTS.map(({ code }) => [code, { score }]));

/** Puts a case (and its referral) at the demo school user's school, so the school can see it. */
async function atDemoSchool(caseId: number, referralId: number) {
  await db().updateTable('cases').set({ school_urn: DEMO_SCHOOL_URN }).where('id', '=', caseId).execute();
  await db().updateTable('referrals').set({ school_urn: DEMO_SCHOOL_URN }).where('id', '=', referralId).execute();
}

async function planSharing(caseId: number, agreed: boolean | 'none') {
  await db().deleteFrom('case_consents').where('case_id', '=', caseId).execute();
  if (agreed === 'none') return;
  await db()
    .insertInto('case_consents')
    .values({
      case_id: caseId,
      kind: 'plan-sharing',
      agreed,
      given_by: 'Alex Parent',
      given_by_role: 'parent-carer',
      given_on: inDays(-20),
    })
    .execute();
}

beforeAll(async () => {
  ({ t, agent: school } = await appSignedInAs('school_user'));
  const cases = await db()
    .selectFrom('cases')
    .select(['id', 'referral_id', 'practitioner_id'])
    .where('status', '=', 'open')
    .orderBy('id')
    .limit(2)
    .execute();
  [open, closed] = cases;
  for (const kase of cases) {
    await atDemoSchool(kase.id, kase.referral_id);
    for (const table of ['case_actions', 'case_measures', 'case_meetings', 'case_contacts', 'case_consents'] as const)
      await db().deleteFrom(table).where('case_id', '=', kase.id).execute();
    await db().deleteFrom('case_assessments').where('case_id', '=', kase.id).execute();
  }
  const action = { case_id: open.id, aspect: 'education', for_whom: 'Child', difference: 'Calmer days', readiness: 3 };
  await db()
    .insertInto('case_actions')
    .values([
      {
        ...action,
        action: 'Daily check-in with the learning mentor',
        who: 'School SENCo',
        school_owns: true,
        by_when: inDays(14),
      },
      {
        ...action,
        action: 'Place on the parenting course',
        who: 'Family practitioner',
        school_owns: false,
        by_when: inDays(21),
      },
      { ...action, aspect: 'housing', action: null, no_action: true, school_owns: true },
    ])
    .execute();
  await db()
    .insertInto('case_assessments')
    .values({
      case_id: open.id,
      parent_scores: JSON.stringify(scored(3)),
      child_scores: JSON.stringify(scored(2)),
      child_voice: 'Wants a quiet place at lunchtime',
      completed_on: inDays(-30),
    })
    .execute();
  await db()
    .insertInto('case_meetings')
    .values({
      case_id: open.id,
      held_on: inDays(-10),
      parent_scores: JSON.stringify(scored(6)),
      child_scores: JSON.stringify(scored(5)),
      taf_view: 'The family is engaging well',
      parent_summary: 'Mornings are calmer',
      decision: 'continue',
      next_meeting_on: inDays(25),
      next_meeting_time: '15:30',
      next_meeting_venue: 'Broadford Primary, family room',
    })
    .execute();
  await db()
    .insertInto('case_contacts')
    .values({
      case_id: open.id,
      contact_at: new Date(),
      contact_type: 'phone',
      with_whom: 'Parent',
      summary: 'Talked about the move to a new flat',
    })
    .execute();
  await db()
    .insertInto('case_closures')
    .values({
      case_id: closed.id,
      reason: 'placement-maintained',
      reason_detail: 'Settled well in year 5',
      maintenance_plan: JSON.stringify({}),
    })
    .execute();
  await db()
    .updateTable('cases')
    .set({ status: 'closed', closed_at: new Date(`${inDays(-3)}T15:00:00Z`), post_closure_review_due: inDays(88) })
    .where('id', '=', closed.id)
    .execute();
});
afterAll(() => t.close());

describe('what a school user sees of the support for their own referral', () => {
  it('shows the status, the lead professional and their type, the allocated date and the meetings', async () => {
    const lead = await db()
      .selectFrom('users')
      .select('name')
      .where('id', '=', open.practitioner_id)
      .executeTakeFirstOrThrow();
    const page = await school.get(`/referrals/${open.referral_id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Support from the inclusion service');
    expect(page.text).toContain(lead.name);
    expect(page.text).toMatch(/family practitioner|family therapist|families forward|non-violent resistance clinician/);
    const date = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${iso}T12:00:00Z`),
      );
    expect(page.text).toContain(date(inDays(-10)));
    expect(page.text).toContain(`${date(inDays(25))} at 15:30, Broadford Primary, family room`);
  });

  it('lists only the actions the school owns, with when they are due and their status', async () => {
    const page = await school.get(`/referrals/${open.referral_id}`);
    expect(page.text).toContain('Daily check-in with the learning mentor');
    expect(page.text).not.toContain('Place on the parenting course');
    expect(page.text).not.toContain('No action needed');
  });

  it('never shows contact summaries, the meeting’s view, the family’s summaries or the child’s voice', async () => {
    const page = await school.get(`/referrals/${open.referral_id}`);
    for (const secret of [
      'Talked about the move',
      'The family is engaging well',
      'Mornings are calmer',
      'Wants a quiet place',
    ])
      expect(page.text).not.toContain(secret);
  });

  it('hides the family’s scores when they have not agreed to share their plan (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    for (const consent of ['none', false] as const) {
      await planSharing(open.id, consent);
      const page = await school.get(`/referrals/${open.referral_id}`);
      expect(page.text).toContain('The family has not agreed to share their plan with the school');
      expect(page.text).not.toContain('At the assessment');
    }
    const view = await schoolCaseView(db(), open.id, today());
    expect(view?.scores).toEqual({ shared: false });
  });

  it('hides the scores again once the family withdraws their consent', async () => {
    await planSharing(open.id, true);
    await db()
      .updateTable('case_consents')
      .set({ withdrawn_on: inDays(-1), withdrawal_reason: 'Changed their mind' })
      .where('case_id', '=', open.id)
      .execute();
    expect((await schoolCaseView(db(), open.id, today()))?.scores).toEqual({ shared: false });
  });

  it('shows the parent or carer’s scores at the assessment and the latest meeting when the family agreed to share', async () => {
    await planSharing(open.id, true);
    const view = await schoolCaseView(db(), open.id, today());
    expect(view?.scores).toMatchObject({ shared: true, latestMeetingOn: inDays(-10) });
    if (!view?.scores.shared) throw new Error('expected shared scores');
    expect(view.scores.rows[0]).toEqual({ aspect: 'Education', atAssessment: '3', latest: '6' });
    const page = await school.get(`/referrals/${open.referral_id}`);
    expect(page.text).toContain('At the assessment');
    expect(page.text).not.toContain('The family has not agreed to share their plan with the school');
  });

  it('shows a closed case’s reason, closing date and when the review after closing is due (RBKC Early Help Family Support: 3 months)', async () => {
    const page = await school.get(`/referrals/${closed.referral_id}`);
    expect(page.text).toContain('School place kept');
    expect(page.text).not.toContain('Settled well in year 5');
    const view = await schoolCaseView(db(), closed.id, today());
    expect(view?.closure).toEqual({
      reason: 'School place kept',
      closedOn: inDays(-3),
      reviewDue: inDays(88),
      reviewedOn: null,
    });
    expect(view?.nextMeeting).toBeNull();
    expect(view?.actions).toEqual([]);
  });

  it('is not shown for a referral that has no case yet', async () => {
    const waiting = await db()
      .selectFrom('referrals')
      .select('id')
      .where('school_urn', '=', DEMO_SCHOOL_URN)
      .where('status', '!=', 'draft')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('cases').select('cases.id').whereRef('cases.referral_id', '=', 'referrals.id'))),
      )
      .executeTakeFirst();
    if (!waiting) return;
    const page = await school.get(`/referrals/${waiting.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Support from the inclusion service');
  });

  it('is not found for a school user at another school', async () => {
    const other = await db()
      .selectFrom('users')
      .innerJoin('user_schools', 'user_schools.user_id', 'users.id')
      .select('users.email')
      .where('user_schools.school_urn', '!=', DEMO_SCHOOL_URN)
      .where((eb) => eb(eb.val('school_user'), '=', eb.fn.any('users.roles')))
      .where('users.disabled_at', 'is', null)
      .executeTakeFirstOrThrow();
    const agent = await t.signIn(other.email);
    const page = await agent.get(`/referrals/${open.referral_id}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Daily check-in with the learning mentor');
  });
});
