import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { coverage } from './service.ts';

let t: TestApp;
let officer: Agent;
const db = () => t.connection.db;

beforeAll(async () => ({ t, agent: officer } = await appSignedInAs('attendance_officer')));
afterAll(() => t.close());

/** The first chronically absent pupil on the list with nothing recorded, from its "record" link. */
async function uncovered(agent: Agent) {
  const page = await agent.get('/attendance/chronic');
  const match = /href="\/attendance\/chronic\/(\d+)\/([A-Z0-9]+)\/lead\?year=([^"]+)"/.exec(page.text)!;
  return {
    urn: Number(match[1]),
    upn: match[2]!,
    year: decodeURIComponent(match[3]!),
    path: `/attendance/chronic/${match[1]}/${match[2]}/lead?year=${match[3]}`,
  };
}

describe('coverage of chronically absent pupils (Portsmouth school attendance strategy: every one to have a lead professional and a plan, 44% to 100%)', () => {
  it('counts an open case, or a recorded lead professional with a plan; a lead without a plan does not count', () => {
    expect(
      coverage([
        { kind: 'case', caseId: 1, lead: 'A' },
        { kind: 'recorded', lead: 'B', role: 'SENCo', hasPlan: true },
        { kind: 'recorded', lead: 'C', role: 'SENCo', hasPlan: false },
        { kind: 'none' },
      ]),
    ).toEqual({ covered: 2, total: 4, pct: 50 });
    expect(coverage([])).toEqual({ covered: 0, total: 0, pct: 0 });
  });
});

describe('the chronic absence list', () => {
  it('lists the pupils at 50% absence or more with their lead professional, the coverage against the target, 50 a page', async () => {
    const page = await officer.get('/attendance/chronic');
    expect(page.status).toBe(200);
    const [, covered, total] =
      /([\d,]+) of ([\d,]+) chronically absent pupils have a lead professional and a plan: [\d.]+%/
        .exec(page.text)!
        .map((n) => Number(n.replaceAll(',', '')));
    expect(covered).toBeGreaterThan(0); // the demo's families with an open case who are chronically absent
    expect(total).toBeGreaterThan(covered!);
    expect(page.text).toContain(
      'Target 100% by 2023/24, from 44% in 2018/19 (Portsmouth’s school attendance strategy).',
    );
    expect(page.text).toContain('None recorded');
    expect((page.text.match(/<tr class="govuk-table__row">/g) ?? []).length).toBeLessThanOrEqual(51);
    const views = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'chronic-absence-list')
      .execute();
    expect(views.length).toBeGreaterThan(0);
  });

  it('records a lead professional held elsewhere; a plan summary is needed when there is a plan, and nothing is saved until it is right', async () => {
    const pupil = await uncovered(officer);
    const _csrf = await csrfToken(officer, pupil.path);
    const bad = await officer
      .post(pupil.path)
      .type('form')
      .send({ _csrf, leadName: 'Ms Patel', leadRole: '', hasPlan: 'yes', planSummary: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter the lead professional’s role and organisation');
    expect(bad.text).toContain('Enter what the plan is');
    expect(bad.text).toContain('value="Ms Patel"');
    expect(
      await db().selectFrom('attendance_lead_professionals').selectAll().where('upn', '=', pupil.upn).execute(),
    ).toEqual([]);
    const good = await officer.post(pupil.path).type('form').send({
      _csrf,
      leadName: 'Ms Patel',
      leadRole: 'Attendance lead, the school',
      hasPlan: 'yes',
      planSummary: 'Daily check-in and a part-time return plan',
    });
    expect(good.status).toBe(303);
    expect(
      await db()
        .selectFrom('attendance_lead_professionals')
        .select(['lead_name', 'has_plan'])
        .where('upn', '=', pupil.upn)
        .execute(),
    ).toEqual([{ lead_name: 'Ms Patel', has_plan: true }]);
  });

  it('a school user sees only their own school’s pupils, and starts a referral with the pupil’s details filled in', async () => {
    const school = await t.signIn('school_user');
    const [urn] = (
      await db()
        .selectFrom('user_schools')
        .innerJoin('users', 'users.id', 'user_schools.user_id')
        .select('school_urn')
        .where('users.email', 'like', 'school_user@%')
        .execute()
    ).map((row) => row.school_urn);
    const page = await school.get('/attendance/chronic');
    expect(page.status).toBe(200);
    const urns = [...page.text.matchAll(/name="school" value="(\d+)"/g)].map((match) => Number(match[1]));
    expect(urns.every((each) => each === urn)).toBe(true);
    const upn = /name="upn" value="([A-Z0-9]+)"/.exec(page.text)?.[1];
    expect(upn, 'the demo school has chronically absent pupils with no lead professional').toBeDefined();
    const started = await school
      .post('/referrals/new')
      .type('form')
      .send({ _csrf: await csrfToken(school, '/attendance/chronic'), school: urn, upn });
    expect(started.status).toBe(302);
    const draft = await db().selectFrom('referrals').select('answers').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect((draft.answers as { pages: { child?: { upn?: string } } }).pages.child?.upn).toBe(upn);
  });

  it('is not for analysts, who see no pupils’ names', async () => {
    expect((await (await t.signIn('analyst')).get('/attendance/chronic')).status).toBe(403);
  });
});
