import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { dateInputValues } from '../../platform/date-input.ts';
import { londonDate } from '../../platform/london-time.ts';
import { ASPECT_CODES } from '../rules.ts';
import { plusDays } from './rules.ts';
import { withoutDemoCasework } from '../../../test/support/casework.ts';

let t: TestApp;
let agent: Agent;
let practitionerId: number;
/** Three of practitioner@'s open cases, and one led by someone else. */
let mine: { id: number; allocatedOn: string }[];
let othersCase: number;

const db = () => t.connection.db;
const today = londonDate(new Date());

beforeAll(async () => {
  ({ t, agent } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  practitionerId = (
    await db().selectFrom('users').select('id').where('email', '=', demoEmail('practitioner')).executeTakeFirstOrThrow()
  ).id;
  const rows = await db()
    .selectFrom('cases')
    .select(['id', 'allocated_at'])
    .where('practitioner_id', '=', practitionerId)
    .where('status', '=', 'open')
    .orderBy('id')
    .limit(3)
    .execute();
  mine = rows.map((row) => ({ id: row.id, allocatedOn: londonDate(row.allocated_at) }));
  othersCase = (
    await db()
      .selectFrom('cases')
      .select('id')
      .where('practitioner_id', '!=', practitionerId)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => t.close());

/** A complete meeting: two invitees, every aspect scored, continue, next meeting four weeks on. */
function meeting(heldOn: string, extra: Record<string, string> = {}): Record<string, string> {
  const scores = Object.fromEntries(
    ASPECT_CODES.flatMap((code) =>
      code === 'pregnancy-early-years'
        ? [
            [`parentScores-${code}-score`, 'na'],
            [`parentScores-${code}-reason`, 'No young children'],
          ]
        : [[`parentScores-${code}-score`, code === 'education' ? '7' : '5']],
    ),
  );
  return {
    ...dateInputValues('heldOn', heldOn),
    'invitees-0-name': 'Sam Carer',
    'invitees-0-role': 'Parent',
    'invitees-0-attended': 'yes',
    'invitees-1-name': 'Jo Teacher',
    'invitees-1-role': 'Class teacher',
    'invitees-1-attended': 'no',
    'invitees-1-update': 'yes',
    ...scores,
    'parentScores-education-changed': 'Going to school every day',
    'childScores-education-score': '8',
    tafView: 'Routines at home are working; school reports calmer mornings.',
    leadChange: 'confirmed',
    decision: 'continue',
    ...dateInputValues('nextMeetingOn', plusDays(heldOn, 28)),
    nextMeetingTime: '2pm',
    nextMeetingVenue: 'The school',
    ...extra,
  };
}

async function post(caseId: number, body: Record<string, string>, as = agent) {
  return as
    .post(`/cases/${caseId}/meetings/new`)
    .type('form')
    .send({ _csrf: await csrfToken(as), ...body });
}

const meetingsOf = (caseId: number) =>
  db().selectFrom('case_meetings').selectAll().where('case_id', '=', caseId).execute();

describe('the meetings page (Portsmouth early help assessment, plan, review and closure guidance, §2.8: review at least every 6 weeks)', () => {
  it('before any meeting, shows the first as due 6 weeks after allocation, and an empty list', async () => {
    const page = await agent.get(`/cases/${mine[0].id}/meetings`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No meetings have been recorded yet.');
    expect(page.text).toContain('the first meeting, 6 weeks after allocation');
    expect(page.text).toContain(`/cases/${mine[0].id}/meetings/new`);
  });

  it('is audited as a view of the case', async () => {
    await agent.get(`/cases/${mine[0].id}/meetings`);
    const views = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'view')
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(mine[0].id))
      .execute();
    expect(views.some((row) => (row.details as { page?: string })?.page === 'meetings')).toBe(true);
  });
});

describe('recording a meeting (Portsmouth early help assessment, plan, review and closure guidance, §3.2)', () => {
  let actionId: number;

  beforeAll(async () => {
    const kase = mine[0].id;
    await db()
      .insertInto('case_assessments')
      .values({
        case_id: kase,
        parent_scores: JSON.stringify(Object.fromEntries(ASPECT_CODES.map((code) => [code, { score: 3 }]))),
      })
      .execute();
    ({ id: actionId } = await db()
      .insertInto('case_actions')
      .values({ case_id: kase, aspect: 'education', action: 'Morning routine chart', who: 'Parent' })
      .returning('id')
      .executeTakeFirstOrThrow());
  });

  it('shows the plan’s open actions and every aspect on the form', async () => {
    const page = await agent.get(`/cases/${mine[0].id}/meetings/new`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Morning routine chart');
    expect(page.text).toContain('name="parentScores-offending-score"');
    expect(page.text).toContain('name="invitees-9-name"');
    expect(page.text).toContain('name="_csrf"');
  });

  it('saves the scores, invitees and decision, sets the next meeting due, updates the actions and measures, and audits it', async () => {
    const kase = mine[0];
    const before = (
      await db().selectFrom('cases').select('plan_version').where('id', '=', kase.id).executeTakeFirstOrThrow()
    ).plan_version;
    const response = await post(
      kase.id,
      meeting(kase.allocatedOn, {
        [`actions-${actionId}-status`]: 'done',
        [`actions-${actionId}-progress`]: 'Chart used every morning',
        behaviourPoints: '42',
        placementKept: 'yes',
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/cases/${kase.id}/meetings`);

    const [saved] = await meetingsOf(kase.id);
    expect(saved).toMatchObject({
      held_on: kase.allocatedOn,
      decision: 'continue',
      next_meeting_on: plusDays(kase.allocatedOn, 28),
      next_meeting_time: '14:00',
      next_meeting_venue: 'The school',
    });
    expect(saved.parent_scores).toMatchObject({
      education: { score: 7, whatsChanged: 'Going to school every day' },
      'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' },
    });
    expect(saved.child_scores).toEqual({ education: { score: 8, whatsChanged: null } });
    expect(saved.invitees).toEqual([
      { name: 'Sam Carer', role: 'Parent', attended: true, sentUpdate: null },
      { name: 'Jo Teacher', role: 'Class teacher', attended: false, sentUpdate: true },
    ]);
    const after = await db()
      .selectFrom('cases')
      .select(['next_meeting_due', 'plan_version'])
      .where('id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ next_meeting_due: plusDays(kase.allocatedOn, 28), plan_version: before + 1 });
    expect(
      await db()
        .selectFrom('case_actions')
        .select(['status', 'progress'])
        .where('id', '=', actionId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: 'done', progress: 'Chart used every morning' });
    expect(
      await db()
        .selectFrom('case_measures')
        .select(['point', 'meeting_id', 'behaviour_points', 'placement_kept'])
        .where('case_id', '=', kase.id)
        .execute(),
    ).toEqual([{ point: 'review', meeting_id: saved.id, behaviour_points: 42, placement_kept: true }]);
    const event = await db()
      .selectFrom('case_events')
      .select('message')
      .where('case_id', '=', kase.id)
      .where('kind', '=', 'meeting')
      .executeTakeFirstOrThrow();
    expect(event.message).toContain('1 of 2 invited attended');
    const audit = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'record-meeting')
      .where('record_id', '=', String(kase.id))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({
      meetingId: saved.id,
      decision: 'continue',
      measures: true,
      leadChanged: false,
    });
    expect(JSON.stringify(audit.details)).not.toContain('school every day');
  });

  it('lists the meeting and charts the distance travelled from the assessment, with the figures in a table', async () => {
    const page = await agent.get(`/cases/${mine[0].id}/meetings`);
    expect(page.text).toContain('Sam Carer (Parent)');
    expect(page.text).toContain('Jo Teacher (Class teacher): sent someone or a written update');
    expect(page.text).toMatch(/<svg role="img" aria-labelledby="distance-caption"/);
    expect(page.text).toContain('id="distance-caption"');
    expect(page.text).toMatch(/Education<\/th>\s*<td[^>]*>3<\/td>\s*<td[^>]*>7<\/td>\s*<td[^>]*>\+4<\/td>/);
    expect(page.text).toContain('14:00');
  });

  it('refuses a second meeting on or before the last one', async () => {
    const response = await post(mine[0].id, meeting(mine[0].allocatedOn));
    expect(response.status).toBe(400);
    expect(response.text).toContain('must be after the last meeting');
    expect(await meetingsOf(mine[0].id)).toHaveLength(1);
  });
});

describe('what the meeting form refuses, saving nothing', () => {
  const kase = () => mine[1];

  it('a meeting dated before the case was allocated', async () => {
    const response = await post(kase().id, meeting(plusDays(kase().allocatedOn, -1)));
    expect(response.status).toBe(400);
    expect(response.text).toContain('href="#heldOn-day"');
    expect(response.text).toMatch(/The date the meeting was held must be on or after .+, when the case was allocated/);
    expect(await meetingsOf(kase().id)).toHaveLength(0);
  });

  it('a meeting dated in the future', async () => {
    const response = await post(kase().id, meeting(plusDays(today, 1)));
    expect(response.status).toBe(400);
    expect(response.text).toContain('The date the meeting was held must be today or in the past');
  });

  it('a next meeting more than 6 weeks later (Havering SEMH Team proposal: every 4 to 6 weeks)', async () => {
    const response = await post(kase().id, meeting(today, dateInputValues('nextMeetingOn', plusDays(today, 43))));
    expect(response.status).toBe(400);
    expect(response.text).toContain('The next meeting must be no more than 6 weeks after this one');
    expect(response.text).toContain('href="#nextMeetingOn-day"');
    expect(await meetingsOf(kase().id)).toHaveLength(0);
  });

  it('a step up without the date or where it went, and keeps what was typed', async () => {
    const response = await post(
      kase().id,
      meeting(today, { decision: 'step-up', tafView: 'New concerns shared by school' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('Enter the date the request went to the MASH');
    expect(response.text).toContain('Enter where the request went');
    expect(response.text).toContain('New concerns shared by school');
    expect(await meetingsOf(kase().id)).toHaveLength(0);
  });

  it('missing parent or carer scores and no invitees, each linked to its field', async () => {
    const body = meeting(today);
    delete body['parentScores-safety-score'];
    for (const key of Object.keys(body)) if (key.startsWith('invitees-')) delete body[key];
    const response = await post(kase().id, body);
    expect(response.status).toBe(400);
    expect(response.text).toContain('href="#parentScores-safety-score"');
    expect(response.text).toContain('Select the parent or carer’s score for Safety');
    expect(response.text).toContain('Enter at least one person invited to the meeting');
    expect(response.text.indexOf('#invitees-0-name')).toBeLessThan(response.text.indexOf('#parentScores-safety-score'));
  });

  it('progress on actions the plan changed meanwhile, so nothing is overwritten', async () => {
    const { id: action } = await db()
      .insertInto('case_actions')
      .values({ case_id: kase().id, aspect: 'safety', action: 'Safety plan' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const form = await agent.get(`/cases/${kase().id}/meetings/new`);
    const version = /name="planVersion" value="(\d+)"/.exec(form.text)![1];
    await db()
      .updateTable('cases')
      .set({ plan_version: Number(version) + 1 })
      .where('id', '=', kase().id)
      .execute();
    const response = await post(
      kase().id,
      meeting(today, { planVersion: version, [`actions-${action}-status`]: 'done' }),
    );
    expect(response.status).toBe(409);
    expect(response.text).toContain('The plan’s actions were changed by someone else');
    expect(await meetingsOf(kase().id)).toHaveLength(0);
    expect(
      (await db().selectFrom('case_actions').select('status').where('id', '=', action).executeTakeFirstOrThrow())
        .status,
    ).toBe('open');
  });

  it('records a step up with its date and where it went, and sets no next meeting (Southend Early Help Family Support service document (2016): step up)', async () => {
    const body = meeting(today, {
      decision: 'step-up',
      ...dateInputValues('steppedUpOn', today),
      steppedUpTo: 'Children’s social care',
    });
    for (const key of Object.keys(body)) if (key.startsWith('nextMeeting')) delete body[key];
    const response = await post(kase().id, body);
    expect(response.status).toBe(302);
    const [saved] = await meetingsOf(kase().id);
    expect(saved).toMatchObject({
      decision: 'step-up',
      decision_detail: 'Children’s social care',
      stepped_up_on: today,
      next_meeting_on: null,
    });
    const page = await agent.get(`/cases/${kase().id}/meetings`);
    expect(page.text).toContain('No next meeting is set.');
    expect(page.text).toContain('Stepped up through the MASH: Children’s social care');
  });
});

describe('changing the lead professional (Portsmouth early help assessment, plan, review and closure guidance, §2.5: records updated and everyone told)', () => {
  it('ends the old lead’s spell, starts the new one, moves the case and tells the new lead, the old lead, the referrer and every professional on the case', async () => {
    const kase = mine[2];
    await db().deleteFrom('case_professionals').where('case_id', '=', kase.id).execute();
    const addProfessional = async (fields: Record<string, string>) =>
      agent
        .post(`/cases/${kase.id}/professionals/new`)
        .type('form')
        .send({ _csrf: await csrfToken(agent), ...fields });
    expect(
      (await addProfessional({ name: 'Pat Nurse', roleOrAgency: 'School nurse', email: 'pat.nurse@health.example' }))
        .status,
    ).toBe(302);
    expect(
      (
        await addProfessional({
          name: 'Pat Again',
          roleOrAgency: 'School nurse team',
          email: 'PAT.NURSE@health.example',
        })
      ).status,
    ).toBe(302);
    expect(
      (await addProfessional({ name: 'Lee Phone', roleOrAgency: 'Housing officer', phone: '01632 960 001' })).status,
    ).toBe(302);
    expect(
      (await addProfessional({ name: 'Kim Gone', roleOrAgency: 'Youth worker', email: 'kim.gone@youth.example' }))
        .status,
    ).toBe(302);
    const gone = await db()
      .selectFrom('case_professionals')
      .select('id')
      .where('case_id', '=', kase.id)
      .where('name', '=', 'Kim Gone')
      .executeTakeFirstOrThrow();
    expect(
      (
        await agent
          .post(`/cases/${kase.id}/professionals/${gone.id}/remove`)
          .type('form')
          .send({ _csrf: await csrfToken(agent) })
      ).status,
    ).toBe(302);
    const other = await db()
      .selectFrom('users')
      .leftJoin('practitioners', 'practitioners.user_id', 'users.id')
      .select(['users.id', 'users.email', 'users.name', 'practitioners.practitioner_type'])
      .where(sql<boolean>`'practitioner' = any(users.roles)`)
      .where('users.id', '!=', practitionerId)
      .where('users.disabled_at', 'is', null)
      .orderBy('users.id')
      .executeTakeFirstOrThrow();
    const missing = await post(kase.id, meeting(today, { leadChange: 'changed' }));
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Select the new lead professional');
    expect(missing.text).toContain('Enter why the lead professional is changing');

    const response = await post(
      kase.id,
      meeting(today, {
        leadChange: 'changed',
        newLeadId: String(other.id),
        leadReason: 'The family asked for the school’s family worker',
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/cases');

    const row = await db()
      .selectFrom('cases')
      .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
      .innerJoin('users', 'users.id', 'referrals.created_by')
      .select(['cases.practitioner_id', 'cases.practitioner_type', 'users.email as referrer', 'cases.referral_id'])
      .where('cases.id', '=', kase.id)
      .executeTakeFirstOrThrow();
    expect(row.practitioner_id).toBe(other.id);
    if (other.practitioner_type) expect(row.practitioner_type).toBe(other.practitioner_type);
    const history = await db()
      .selectFrom('case_lead_professionals')
      .select(['practitioner_id', 'from_date', 'to_date', 'reason'])
      .where('case_id', '=', kase.id)
      .orderBy('id')
      .execute();
    expect(history).toEqual([
      { practitioner_id: practitionerId, from_date: kase.allocatedOn, to_date: today, reason: null },
      {
        practitioner_id: other.id,
        from_date: today,
        to_date: null,
        reason: 'The family asked for the school’s family worker',
      },
    ]);
    const messages = await db()
      .selectFrom('notifications')
      .select(['recipient', 'personalisation'])
      .where('template', '=', 'lead-professional-changed')
      .where('referral_id', '=', row.referral_id)
      .execute();
    // Each address once, however it is spelt; no one removed from the case, and no one without an
    // email address.
    expect(messages.map((m) => m.recipient).sort()).toEqual(
      [other.email, demoEmail('practitioner'), row.referrer, 'pat.nurse@health.example'].sort(),
    );
    expect(messages[0].personalisation).toMatchObject({ lead_professional: other.name });
    expect(
      await db()
        .selectFrom('case_events')
        .select('kind')
        .where('case_id', '=', kase.id)
        .where('kind', '=', 'lead-changed')
        .execute(),
    ).toHaveLength(1);
    expect(
      await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'change-lead')
        .where('record_id', '=', String(kase.id))
        .execute(),
    ).toHaveLength(1);
    // The previous lead no longer reaches the case.
    expect((await agent.get(`/cases/${kase.id}/meetings`)).status).toBe(404);
  });
});

describe('who may use the meetings pages', () => {
  it('a practitioner cannot reach another practitioner’s case: not found', async () => {
    expect((await agent.get(`/cases/${othersCase}/meetings`)).status).toBe(404);
    expect((await agent.get(`/cases/${othersCase}/meetings/new`)).status).toBe(404);
    expect((await post(othersCase, meeting(today))).status).toBe(404);
    expect(await meetingsOf(othersCase)).toHaveLength(0);
  });

  it('a senior practitioner reaches every case', async () => {
    const senior = await t.signIn('senior_practitioner');
    expect((await senior.get(`/cases/${othersCase}/meetings`)).status).toBe(200);
  });

  it('a school user may not use them', async () => {
    const school = await t.signIn('school_user');
    expect((await school.get(`/cases/${mine[0].id}/meetings`)).status).toBe(403);
    expect((await school.get(`/cases/${mine[0].id}/meetings/new`)).status).toBe(403);
    expect((await post(mine[0].id, meeting(today), school)).status).toBe(403);
  });
});
