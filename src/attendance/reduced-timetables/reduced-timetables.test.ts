import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { makeUpn } from '../../children/rules.ts';
import { inDays } from '../../../test/support/casework.ts';
import { dateInputValues } from '../../platform/date-input.ts';

const OTHER_SCHOOL = 102322;
const PATH = '/attendance/reduced-timetables';
const upn = (serial: number) => makeUpn(311, '4000', 20, serial);

const body = (extra: Record<string, string> = {}) => ({
  upn: upn(30),
  pupilName: 'Robin Testpupil',
  urn: String(DEMO_SCHOOL_URN),
  ...dateInputValues('startDate', inDays(-43)),
  ...dateInputValues('plannedEnd', inDays(20)),
  ...dateInputValues('reviewDate', inDays(7)),
  hoursPerWeek: '15',
  reason: 'Anxiety about school',
  parentalConsent: 'yes',
  returnPlan: 'no',
  ...extra,
});

describe('reduced timetables', () => {
  let t: TestApp;
  let agent: Agent;
  const rows = () => t.services.db.selectFrom('reduced_timetables').selectAll().orderBy('id').execute();
  const post = async (as: Agent, path: string, data: Record<string, string>) =>
    as
      .post(path)
      .type('form')
      .send({ ...data, _csrf: await csrfToken(as) });

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('attendance_officer'));
    await t.services.db.deleteFrom('reduced_timetables').execute();
  });
  afterAll(() => t.close());

  it('shows the empty state and the count against the target', async () => {
    const page = await agent.get(PATH);
    expect(page.text).toContain('No pupil is on a reduced timetable now.');
    expect(page.text).toContain('70, from a baseline of 125');
  });

  it('records one; over 6 weeks without a plan is flagged, and under 25 hours is CINROSE', async () => {
    const response = await post(agent, `${PATH}/new`, body());
    expect(response.status).toBe(302);
    expect(await rows()).toHaveLength(1);
    const page = await agent.get(PATH);
    expect(page.text).toContain('Reduced timetable recorded');
    expect(page.text).toContain('Robin Testpupil');
    expect(page.text).toContain('Over 6 weeks, no plan to return');
    expect(page.text).toContain('govuk-tag--purple');
    expect(page.text).toMatch(/Current reduced timetables<\/dt><dd class="govuk-summary-list__value">1 \(1 flagged\)/);
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'reduced-timetable')
      .where('action', '=', 'record')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.details)).not.toMatch(/Robin|Anxiety/);
  });

  it('keeps what was typed and names each problem; the plan needs its summary', async () => {
    const response = await post(
      agent,
      `${PATH}/new`,
      body({ hoursPerWeek: '40', returnPlan: 'yes', returnPlanSummary: '', pupilName: 'Kept Name' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Hours a week must be 32.5 or fewer');
    expect(response.text).toContain('value="Kept Name"');
    const noSummary = await post(agent, `${PATH}/new`, body({ returnPlan: 'yes', returnPlanSummary: '' }));
    expect(noSummary.text).toContain('Enter a summary of the plan to return to full time');
    expect(await rows()).toHaveLength(1);
  });

  it('changes one: with a plan to return it is no longer flagged', async () => {
    const [{ id }] = await rows();
    const form = await agent.get(`${PATH}/${id}/edit`);
    expect(form.text).toContain('value="Robin Testpupil"');
    const response = await post(
      agent,
      `${PATH}/${id}/edit`,
      body({ returnPlan: 'yes', returnPlanSummary: 'An extra lesson each week', hoursPerWeek: '26.5' }),
    );
    expect(response.status).toBe(302);
    const page = await agent.get(PATH);
    expect(page.text).not.toContain('Over 6 weeks');
    expect(page.text).not.toContain('govuk-tag--purple');
    expect((await rows())[0]).toMatchObject({ return_plan: true, return_plan_summary: 'An extra lesson each week' });
  });

  it('ends one: it leaves the work list', async () => {
    const [{ id }] = await rows();
    const early = await post(agent, `${PATH}/${id}/end`, dateInputValues('endedOn', inDays(-50)));
    expect(early.status).toBe(400);
    expect(early.text).toContain('End date must be the same as or after');
    expect((await post(agent, `${PATH}/${id}/end`, dateInputValues('endedOn', inDays(0)))).status).toBe(302);
    expect((await agent.get(PATH)).text).toContain('No pupil is on a reduced timetable now.');
  });

  it('a school user records for their own school only, and cannot see or change another school’s', async () => {
    const other = await post(
      agent,
      `${PATH}/new`,
      body({ urn: String(OTHER_SCHOOL), upn: upn(31), pupilName: 'Other School Pupil' }),
    );
    expect(other.status).toBe(302);
    const otherId = (await rows()).at(-1)!.id;
    const school = await t.signIn('school_user');
    expect((await school.get(PATH)).text).not.toContain('Other School Pupil');
    expect((await school.get(`${PATH}/${otherId}/edit`)).status).toBe(404);
    expect((await post(school, `${PATH}/${otherId}/end`, dateInputValues('endedOn', inDays(0)))).status).toBe(404);
    const refused = await post(school, `${PATH}/new`, body({ urn: String(OTHER_SCHOOL) }));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('You can only record pupils at your own schools');
    expect((await post(school, `${PATH}/new`, body({ upn: upn(32), pupilName: 'Own School Pupil' }))).status).toBe(302);
    expect((await school.get(PATH)).text).toContain('Own School Pupil');
  });

  it('an analyst reads the work list but may not record', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(PATH);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Other School Pupil');
    expect(page.text).not.toContain('Record a reduced timetable');
    expect((await analyst.get(`${PATH}/new`)).status).toBe(403);
  });
});
