// Helpers for the assessment's HTTP tests: the demo cases a practitioner leads and does not,
// and posting a form with the CSRF token from its page.
import { appSignedInAs, csrfToken, type Agent, type TestApp } from './app.ts';
import { withoutDemoCasework } from './casework.ts';
import { demoEmail } from '../../src/demo/accounts.ts';
import { ASPECTS } from '../../src/casework/rules.ts';

export async function practitionerId(t: TestApp): Promise<number> {
  return (
    await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('practitioner'))
      .executeTakeFirstOrThrow()
  ).id;
}

/** Open cases led by the demo practitioner, in id order. */
export async function ownCases(t: TestApp): Promise<{ id: number; child_id: number }[]> {
  return t.connection.db
    .selectFrom('cases')
    .select(['id', 'child_id'])
    .where('practitioner_id', '=', await practitionerId(t))
    .where('status', '=', 'open')
    .orderBy('id')
    .execute();
}

/** An open case led by someone else. */
export async function someoneElsesCase(t: TestApp): Promise<number> {
  const row = await t.connection.db
    .selectFrom('cases')
    .select('id')
    .where('practitioner_id', '!=', await practitionerId(t))
    .where('status', '=', 'open')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Posts a form as a signed-in user, with the CSRF token from `page` (the form's own page by default). */
export async function postForm(agent: Agent, path: string, body: Record<string, unknown>, page = path) {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: await csrfToken(agent, page), ...body });
}

/** A consent form's fields. */
export function consentBody(overrides: Record<string, string> = {}, on = '2026-01-05') {
  const [year, month, day] = on.split('-');
  return {
    kind: 'plan-sharing',
    agreed: 'yes',
    givenBy: 'Sam Carer',
    givenByRole: 'parent-carer',
    'givenOn-day': day,
    'givenOn-month': month,
    'givenOn-year': year,
    ...overrides,
  };
}

/** A scores form with every aspect scored (pregnancy and early years not applicable). */
export function fullScores(version: number, score = (index: number) => String(index)): Record<string, string> {
  const body: Record<string, string> = { version: String(version), view: 'agree' };
  ASPECTS.forEach((aspect, index) => {
    body[`score-${aspect.code}`] = aspect.code === 'pregnancy-early-years' ? 'na' : score(index);
  });
  body['reason-pregnancy-early-years'] = 'No young children in the family';
  return body;
}

export async function assessmentRow(t: TestApp, caseId: number) {
  return t.connection.db.selectFrom('case_assessments').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

export async function eventsOf(t: TestApp, caseId: number, kind: string) {
  return t.connection.db
    .selectFrom('case_events')
    .select(['kind', 'message'])
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .execute();
}

export async function auditsOf(t: TestApp, caseId: number, action: string) {
  return t.connection.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('record_type', '=', 'case')
    .where('record_id', '=', String(caseId))
    .where('action', '=', action)
    .execute();
}

/** A fresh app with the demo practitioner signed in, and the first case they lead, before any casework. */
export async function practitionerOnOwnCase(): Promise<{ t: TestApp; agent: Agent; caseId: number }> {
  const { t, agent } = await appSignedInAs('practitioner');
  await withoutDemoCasework(t.connection.db);
  return { t, agent, caseId: (await ownCases(t))[0].id };
}
