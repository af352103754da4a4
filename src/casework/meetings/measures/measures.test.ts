import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../../test/support/app.ts';
import { dateInputValues } from '../../../platform/date-input.ts';
import { londonDate } from '../../../platform/london-time.ts';
import { plusDays } from '../rules.ts';
import { practitionerCases, withoutDemoCasework } from '../../../../test/support/casework.ts';

let t: TestApp;
let agent: Agent;
let caseId: number;
let othersCase: number;

const db = () => t.connection.db;
const today = londonDate(new Date());

beforeAll(async () => {
  ({ t, agent } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  const { own, others } = await practitionerCases(db());
  [caseId, othersCase] = [own[0], others];
});
afterAll(() => t.close());

async function post(body: Record<string, string>, as = agent, id = caseId) {
  return as
    .post(`/cases/${id}/measures/new`)
    .type('form')
    .send({ _csrf: await csrfToken(as), ...body });
}
const measures = () => db().selectFrom('case_measures').selectAll().where('case_id', '=', caseId).execute();

describe('progress measures', () => {
  it('shows an empty state before any are recorded', async () => {
    const page = await agent.get(`/cases/${caseId}/measures`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No measures have been recorded yet.');
  });

  it('refuses measures that are not whole numbers, or attendance outside 0 to 100 with more than one decimal, saving nothing', async () => {
    const response = await post({
      point: 'referral',
      ...dateInputValues('recordedOn', today),
      behaviourPoints: '-4',
      attendancePercent: '100.5',
      suspensions: 'two',
      placementKept: 'maybe',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Behaviour points must be a whole number, 0 or more');
    expect(response.text).toContain('Attendance must be a percentage from 0 to 100, with at most one decimal place');
    expect(response.text).toContain('Suspensions must be a whole number, 0 or more');
    expect(response.text).toContain('href="#behaviourPoints"');
    expect(response.text).toContain('value="100.5"');
    expect(await measures()).toHaveLength(0);
  });

  it('needs when they were taken, a date not in the future and at least one measure', async () => {
    const response = await post({ ...dateInputValues('recordedOn', plusDays(today, 1)) });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select when the measures were taken');
    expect(response.text).toContain('Date the measures are from must be the same as or before');
    const empty = await post({ point: 'referral', ...dateInputValues('recordedOn', today) });
    expect(empty.text).toContain('Enter at least one measure');
    expect(await measures()).toHaveLength(0);
  });

  it('records measures at referral, audited, with an event on the timeline (RBKC Early Help Family Support: behaviour points 108 at referral)', async () => {
    const response = await post({
      point: 'referral',
      ...dateInputValues('recordedOn', plusDays(today, -60)),
      behaviourPoints: '108',
      attendancePercent: '84.5',
      suspensions: '2',
      placementKept: 'yes',
    });
    expect(response.status).toBe(302);
    expect(await measures()).toMatchObject([
      {
        point: 'referral',
        recorded_on: plusDays(today, -60),
        behaviour_points: 108,
        attendance_percent: 84.5,
        suspensions: 2,
        placement_kept: true,
        meeting_id: null,
      },
    ]);
    expect(
      await db()
        .selectFrom('case_events')
        .select('kind')
        .where('case_id', '=', caseId)
        .where('kind', '=', 'measures')
        .execute(),
    ).toHaveLength(1);
    const audit = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'record-measures')
      .where('record_id', '=', String(caseId))
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ point: 'referral', behaviourPoints: 108, replaced: false });
  });

  it('replaces the measures at referral when they are recorded again', async () => {
    await post({
      point: 'referral',
      ...dateInputValues('recordedOn', plusDays(today, -60)),
      behaviourPoints: '108',
      attendancePercent: '84',
      suspensions: '2',
    });
    const rows = await measures();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attendance_percent: 84, placement_kept: null });
  });

  it('shows them over time with the change from referral to the latest (RBKC Early Help Family Support: 108 at referral, 42 at the last TAF)', async () => {
    await db()
      .insertInto('case_measures')
      .values({
        case_id: caseId,
        point: 'review',
        recorded_on: plusDays(today, -10),
        behaviour_points: 42,
        attendance_percent: 90,
        placement_kept: true,
      })
      .execute();
    const page = await agent.get(`/cases/${caseId}/measures`);
    expect(page.text).toContain('At referral');
    expect(page.text).toMatch(/Review, \d+ \w+ \d{4}/);
    expect(page.text).toContain('Change from referral to latest');
    expect(page.text).toContain('−66');
    expect(page.text).toContain('+6 percentage points');
  });

  it('is for the case’s lead, senior practitioners and the team manager only', async () => {
    expect((await agent.get(`/cases/${othersCase}/measures`)).status).toBe(404);
    expect((await agent.get(`/cases/${othersCase}/measures/new`)).status).toBe(404);
    expect(
      (
        await post(
          { point: 'referral', ...dateInputValues('recordedOn', today), behaviourPoints: '1' },
          agent,
          othersCase,
        )
      ).status,
    ).toBe(404);
    const school = await t.signIn('school_user');
    expect((await school.get(`/cases/${caseId}/measures`)).status).toBe(403);
    expect((await post({ point: 'referral', behaviourPoints: '1' }, school)).status).toBe(403);
    const manager = await t.signIn('team_manager');
    expect((await manager.get(`/cases/${othersCase}/measures`)).status).toBe(200);
  });
});
