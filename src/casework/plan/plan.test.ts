import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { openActions } from './repository.ts';
import { PLAN_CHANGED } from './routes.ts';
import { withoutDemoCasework, inDays } from '../../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let practitionerId: number;
let own: number[];

const db = () => t.connection.db;

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  practitionerId = (
    await db().selectFrom('users').select('id').where('email', '=', demoEmail('practitioner')).executeTakeFirstOrThrow()
  ).id;
  const rows = await db()
    .selectFrom('cases')
    .select('id')
    .where('practitioner_id', '=', practitionerId)
    .where('status', '=', 'open')
    .orderBy('id')
    .execute();
  own = rows.map((row) => row.id);
  expect(own.length).toBeGreaterThanOrEqual(5);
});
afterAll(() => t.close());

function byWhen(iso: string) {
  const [year, month, day] = iso.split('-');
  return { 'byWhen-day': String(Number(day)), 'byWhen-month': String(Number(month)), 'byWhen-year': year };
}

async function planVersion(caseId: number): Promise<string> {
  return String(
    (await db().selectFrom('cases').select('plan_version').where('id', '=', caseId).executeTakeFirstOrThrow())
      .plan_version,
  );
}

async function actionForm(caseId: number, overrides: Record<string, string> = {}) {
  return {
    aspect: 'education',
    action: 'Walk to school together each morning',
    forWhom: 'Sam',
    who: 'Mum',
    ...byWhen(inDays(14)),
    difference: 'Sam arrives before the register closes',
    readiness: '3',
    planVersion: await planVersion(caseId),
    ...overrides,
  };
}

async function post(agent: Agent, path: string, form: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: await csrfToken(agent) });
}

function actionsOf(caseId: number) {
  return db().selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

function caseAudits(caseId: number, action: string) {
  return db()
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'case')
    .where('record_id', '=', String(caseId))
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}

describe('the case’s plan page (Portsmouth early help assessment, plan, review and closure guidance, §3.1 K)', () => {
  it('shows an empty plan with the ten aspects and a way to start it, and audits the view', async () => {
    const page = await practitioner.get(`/cases/${own[0]}/plan`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No actions have been agreed yet');
    expect(page.text).toContain('Pregnancy and early years');
    expect(page.text).toContain('Offending behaviour');
    expect(page.text).toContain('Not yet known: no open actions');
    expect(
      (await caseAudits(own[0], 'view')).some((entry) => (entry.details as { page?: string }).page === 'plan'),
    ).toBe(true);
  });

  it('focuses the plan on the three lowest-scoring aspects of the assessment (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const scores = {
      education: { score: 3 },
      health: { score: 2 },
      family: { score: 3 },
      housing: { score: 3 },
      money: { score: 8 },
    };
    await db()
      .insertInto('case_assessments')
      .values({ case_id: own[0], parent_scores: JSON.stringify(scores) })
      .execute();
    const page = await practitioner.get(`/cases/${own[0]}/plan`);
    expect(page.text).toContain('Focus the plan on these');
    const focus = /Focus the plan on these[\s\S]*?<\/ul>/.exec(page.text)![0];
    expect(focus).toContain('Health and wellbeing: 2 out of 10');
    expect(focus).toContain('Education: 3 out of 10');
    expect(focus).toContain('Family relationships: 3 out of 10');
    expect(focus).not.toContain('Housing');
  });
});

describe('adding an action to the SMART plan (Havering SEMH Team proposal; Portsmouth early help assessment, plan, review and closure guidance §2.8)', () => {
  it('adds an action with who will do it, by when, the difference and readiness, audited and on the timeline', async () => {
    const caseId = own[1];
    const before = Number(await planVersion(caseId));
    expect((await practitioner.get(`/cases/${caseId}/plan/actions/new?aspect=education`)).text).toContain(
      'name="planVersion" value="' + before + '"',
    );
    const response = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/new`,
      await actionForm(caseId, { schoolOwns: 'yes' }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/cases/${caseId}/plan`);
    const [action] = await actionsOf(caseId);
    expect(action).toMatchObject({
      aspect: 'education',
      action: 'Walk to school together each morning',
      for_whom: 'Sam',
      who: 'Mum',
      school_owns: true,
      by_when: inDays(14),
      readiness: 3,
      status: 'open',
      no_action: false,
    });
    expect(Number(await planVersion(caseId))).toBe(before + 1);
    const [audit] = await caseAudits(caseId, 'add action');
    expect(audit.details).toEqual({ aspect: 'education', actionId: action.id });
    const events = await db()
      .selectFrom('case_events')
      .select('kind')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'action-added')
      .execute();
    expect(events).toHaveLength(1);

    const page = await practitioner.get(`/cases/${caseId}/plan`);
    expect(page.text).toContain('Walk to school together each morning');
    expect(page.text).toContain('3 – Taking first steps to change');
    expect(page.text).toContain('The school');
    expect(page.text).toContain('3 out of 5, the average of the open actions');
    expect(await openActions(db(), caseId)).toEqual([
      {
        id: action.id,
        aspect: 'education',
        action: 'Walk to school together each morning',
        who: 'Mum',
        by_when: inDays(14),
        status: 'open',
        school_owns: true,
      },
    ]);
  });

  it('names each missing field, keeps what was typed and saves nothing', async () => {
    const caseId = own[2];
    const response = await post(practitioner, `/cases/${caseId}/plan/actions/new`, {
      aspect: 'health',
      action: 'See the GP about sleep',
      planVersion: await planVersion(caseId),
    });
    expect(response.status).toBe(400);
    for (const message of [
      'Enter who the action is for',
      'Enter who will do this',
      'Enter the date it will be done by',
      'Enter the difference it should make',
      'Select how ready the family is for change',
    ]) {
      expect(response.text).toContain(message);
    }
    expect(response.text).toContain('href="#forWhom"');
    expect(response.text).toContain('See the GP about sleep');
    expect(await actionsOf(caseId)).toHaveLength(0);
  });

  it('refuses a by-when date in the past for a new action', async () => {
    const caseId = own[2];
    const response = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/new`,
      await actionForm(caseId, byWhen(inDays(-1))),
    );
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/Date it will be done by must be the same as or after/);
    expect(await actionsOf(caseId)).toHaveLength(0);
  });

  it('flags an open action past its by-when date as overdue, and not one that is done', async () => {
    const caseId = own[2];
    await db()
      .insertInto('case_actions')
      .values([
        {
          case_id: caseId,
          aspect: 'money',
          action: 'Apply for free school meals',
          for_whom: 'The family',
          who: 'Dad',
          by_when: inDays(-3),
          difference: 'Lunch every day',
          readiness: 2,
        },
        {
          case_id: caseId,
          aspect: 'money',
          action: 'Open a bank account',
          for_whom: 'Dad',
          who: 'Dad',
          by_when: inDays(-3),
          difference: 'Benefits paid in',
          readiness: 4,
          status: 'done',
        },
      ])
      .execute();
    const page = await practitioner.get(`/cases/${caseId}/plan`);
    expect(page.text.match(/>\s*Overdue\s*</g)).toHaveLength(1);
    expect(page.text).toContain('2 out of 5, the average of the open actions');
  });
});

describe('no action needed at this stage (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('is recorded for an aspect and shown on the plan', async () => {
    const caseId = own[3];
    const response = await post(practitioner, `/cases/${caseId}/plan/no-action`, {
      aspect: 'offending',
      planVersion: await planVersion(caseId),
    });
    expect(response.status).toBe(302);
    const [row] = await actionsOf(caseId);
    expect(row).toMatchObject({ aspect: 'offending', no_action: true, status: 'open' });
    expect((await caseAudits(caseId, 'add action'))[0].details).toEqual({ aspect: 'offending', actionId: row.id });
    const page = await practitioner.get(`/cases/${caseId}/plan`);
    const offending = /id="aspect-offending"[\s\S]*?<\/section>/.exec(page.text)![0];
    expect(offending).toContain('No action needed at this stage');
    expect(await openActions(db(), caseId)).toEqual([]);
  });

  it('is refused while the aspect has open actions', async () => {
    const caseId = own[3];
    expect(
      (await post(practitioner, `/cases/${caseId}/plan/actions/new`, await actionForm(caseId, { aspect: 'safety' })))
        .status,
    ).toBe(302);
    const response = await post(practitioner, `/cases/${caseId}/plan/no-action`, {
      aspect: 'safety',
      planVersion: await planVersion(caseId),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('This aspect has open actions');
    expect((await actionsOf(caseId)).filter((row) => row.aspect === 'safety' && row.no_action)).toHaveLength(0);
  });
});

describe('two people changing the plan at once (optimistic locking)', () => {
  it('refuses the second change made against the same version of the plan, keeping the first and what the second typed', async () => {
    const caseId = own[4];
    await post(practitioner, `/cases/${caseId}/plan/actions/new`, await actionForm(caseId));
    const [action] = await actionsOf(caseId);
    const stale = await planVersion(caseId);
    const first = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/${action.id}`,
      await actionForm(caseId, { status: 'open', who: 'Mum and Sam', planVersion: stale }),
    );
    expect(first.status).toBe(302);
    const second = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/${action.id}`,
      await actionForm(caseId, { status: 'dropped', who: 'The school', planVersion: stale }),
    );
    expect(second.status).toBe(409);
    expect(second.text).toContain(PLAN_CHANGED);
    expect(second.text).toContain('value="The school"');
    expect(await actionsOf(caseId)).toEqual([expect.objectContaining({ who: 'Mum and Sam', status: 'open' })]);
    expect(await caseAudits(caseId, 'update action')).toHaveLength(1);

    const third = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/new`,
      await actionForm(caseId, { planVersion: stale }),
    );
    expect(third.status).toBe(409);
    expect(await actionsOf(caseId)).toHaveLength(1);
  });

  it('lets only one of two simultaneous changes through', async () => {
    const caseId = own[4];
    const version = await planVersion(caseId);
    const responses = await Promise.all(
      ['Ask the school nurse', 'Join the parenting group'].map(async (text) =>
        post(
          practitioner,
          `/cases/${caseId}/plan/actions/new`,
          await actionForm(caseId, { action: text, planVersion: version }),
        ),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(await actionsOf(caseId)).toHaveLength(2);
  });
});

describe('updating an action', () => {
  it('marks an action done with a progress note, audited and on the timeline', async () => {
    const caseId = own[1];
    const [action] = await actionsOf(caseId);
    const edit = await practitioner.get(`/cases/${caseId}/plan/actions/${action.id}`);
    expect(edit.status).toBe(200);
    expect(edit.text).toContain('Walk to school together each morning');
    const response = await post(
      practitioner,
      `/cases/${caseId}/plan/actions/${action.id}`,
      await actionForm(caseId, {
        ...byWhen(action.by_when!),
        status: 'done',
        progress: 'On time every day for three weeks',
      }),
    );
    expect(response.status).toBe(302);
    expect((await actionsOf(caseId))[0]).toMatchObject({
      status: 'done',
      progress: 'On time every day for three weeks',
    });
    expect((await caseAudits(caseId, 'update action'))[0].details).toMatchObject({
      aspect: 'education',
      actionId: action.id,
    });
    const event = await db()
      .selectFrom('case_events')
      .select('message')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'action-updated')
      .executeTakeFirstOrThrow();
    expect(event.message).toBe('Education: marked done');
    const page = await practitioner.get(`/cases/${caseId}/plan`);
    expect(page.text).toMatch(/govuk-tag--green">\s*Done/);
    expect(await openActions(db(), caseId)).toEqual([]);
  });

  it('is not found for an action of another case', async () => {
    const [action] = await actionsOf(own[1]);
    expect((await practitioner.get(`/cases/${own[0]}/plan/actions/${action.id}`)).status).toBe(404);
  });
});

describe('who may see and change the plan', () => {
  it('another practitioner’s case is not found', async () => {
    const other = await db()
      .selectFrom('cases')
      .select('id')
      .where('practitioner_id', '!=', practitionerId)
      .executeTakeFirstOrThrow();
    expect((await practitioner.get(`/cases/${other.id}/plan`)).status).toBe(404);
    expect((await practitioner.get(`/cases/${other.id}/plan/actions/new`)).status).toBe(404);
    const response = await post(practitioner, `/cases/${other.id}/plan/actions/new`, await actionForm(other.id));
    expect(response.status).toBe(404);
    expect(await actionsOf(other.id)).toHaveLength(0);
  });

  it('a school user may not use the plan', async () => {
    const school = await t.signIn('school_user');
    expect((await school.get(`/cases/${own[1]}/plan`)).status).toBe(403);
    expect(
      (
        await post(school, `/cases/${own[1]}/plan/no-action`, {
          aspect: 'housing',
          planVersion: await planVersion(own[1]),
        })
      ).status,
    ).toBe(403);
  });

  it('the team manager sees every case’s plan', async () => {
    const manager = await t.signIn('team_manager');
    expect((await manager.get(`/cases/${own[1]}/plan`)).text).toContain('Walk to school together each morning');
  });
});

describe('a closed case', () => {
  it('shows its plan but refuses changes to it', async () => {
    const caseId = own[0];
    const version = await planVersion(caseId);
    await db().updateTable('cases').set({ status: 'closed', closed_at: new Date() }).where('id', '=', caseId).execute();
    const page = await practitioner.get(`/cases/${caseId}/plan`);
    expect(page.text).toContain('This case is closed, so its plan cannot be changed');
    expect(page.text).not.toContain('/plan/no-action');
    const response = await post(practitioner, `/cases/${caseId}/plan/no-action`, {
      aspect: 'housing',
      planVersion: version,
    });
    expect(response.status).toBe(409);
    expect(await actionsOf(caseId)).toHaveLength(0);
  });
});
