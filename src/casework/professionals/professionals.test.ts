import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { practitionerCases, withoutDemoCasework } from '../../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let caseId: number;
let othersCase: number;

const db = () => t.connection.db;

async function add(id: number, fields: Record<string, string>, agent = practitioner) {
  return agent
    .post(`/cases/${id}/professionals/new`)
    .type('form')
    .send({ _csrf: await csrfToken(agent), ...fields });
}

async function remove(id: number, professionalId: number, agent = practitioner) {
  return agent
    .post(`/cases/${id}/professionals/${professionalId}/remove`)
    .type('form')
    .send({ _csrf: await csrfToken(agent) });
}

const professionalsOf = (id: number) =>
  db().selectFrom('case_professionals').selectAll().where('case_id', '=', id).orderBy('id').execute();

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(db());
  await db().deleteFrom('case_professionals').execute();
  const cases = await practitionerCases(db());
  caseId = cases.own[0];
  othersCase = cases.others;
});
afterAll(() => t.close());

describe('the professionals on a case (Portsmouth early help assessment, plan, review and closure guidance, §2.5: everyone involved is told when the lead professional changes)', () => {
  it('shows an empty state and the way to add one, and the case’s sections include it and Supporting Families', async () => {
    const page = await practitioner.get(`/cases/${caseId}/professionals`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('No professionals have been added to this case yet.');
    expect(page.text).toContain(`href="/cases/${caseId}/professionals/new"`);
    expect(page.text).toMatch(/href="\/cases\/\d+\/professionals" aria-current="page">Professionals</);
    expect(page.text).toContain(`href="/cases/${caseId}/supporting-families">Supporting Families`);
  });

  it('refuses a professional without a name, a role or a way to reach them, naming each field, keeping what was typed and saving nothing', async () => {
    const response = await add(caseId, { name: '', roleOrAgency: '', email: '', phone: '' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#name"');
    expect(response.text).toContain('Enter their role or agency');
    expect(response.text).toContain('Enter an email address or a phone number');
    const typo = await add(caseId, {
      name: 'Jo Teacher',
      roleOrAgency: 'Class teacher, Broadford Primary',
      email: 'jo.teacher@broadford',
    });
    expect(typo.status).toBe(400);
    expect(typo.text).toContain('Enter an email address in the correct format, like name@example.com');
    expect(typo.text).toContain('value="Jo Teacher"');
    expect(typo.text).toContain('value="Class teacher, Broadford Primary"');
    expect(await professionalsOf(caseId)).toHaveLength(0);
  });

  it('adds a professional, on the timeline and audited without their name', async () => {
    const response = await add(caseId, {
      name: 'Jo Teacher',
      roleOrAgency: 'Class teacher, Broadford Primary',
      email: 'jo.teacher@broadford.example',
      phone: '',
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/cases/${caseId}/professionals`);
    const page = await practitioner.get(`/cases/${caseId}/professionals`);
    expect(page.text).toContain('Jo Teacher added to the case');
    expect(page.text).toContain('Class teacher, Broadford Primary');
    expect(page.text).toContain('mailto:jo.teacher@broadford.example');
    const [saved] = await professionalsOf(caseId);
    expect(saved).toMatchObject({
      name: 'Jo Teacher',
      email: 'jo.teacher@broadford.example',
      phone: null,
      removed_at: null,
    });
    const audit = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'add professional')
      .where('record_id', '=', String(caseId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0].details)).not.toContain('Jo');
    const event = await db()
      .selectFrom('case_events')
      .select(['kind', 'message'])
      .where('case_id', '=', caseId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      kind: 'professional-added',
      message: 'Jo Teacher (Class teacher, Broadford Primary) added to the case',
    });
  });

  it('removes a professional, keeping the record with when they left', async () => {
    expect(
      (await add(caseId, { name: 'Sam Nurse', roleOrAgency: 'School nurse', phone: '01632 960 001' })).status,
    ).toBe(302);
    const nurse = (await professionalsOf(caseId)).find((p) => p.name === 'Sam Nurse')!;
    const response = await remove(caseId, nurse.id);
    expect(response.status).toBe(302);
    const row = (await professionalsOf(caseId)).find((p) => p.id === nurse.id)!;
    expect(row.removed_at).toBeInstanceOf(Date);
    expect(row.removed_by).not.toBeNull();
    const page = await practitioner.get(`/cases/${caseId}/professionals`);
    expect(page.text).toContain('Sam Nurse removed from the case');
    expect(page.text).toContain('Professionals no longer on the case (1)');
    expect(page.text).not.toContain(`/professionals/${nurse.id}/remove`);
    expect((await remove(caseId, nurse.id)).status).toBe(404);
    expect(
      await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'remove professional')
        .where('record_id', '=', String(caseId))
        .execute(),
    ).toHaveLength(1);
  });

  it('does not let a practitioner reach another practitioner’s case, nor school users any case', async () => {
    expect((await practitioner.get(`/cases/${othersCase}/professionals`)).status).toBe(404);
    expect((await add(othersCase, { name: 'Jo', roleOrAgency: 'Teacher', email: 'jo@school.example' })).status).toBe(
      404,
    );
    const school = await t.signIn('school_user');
    expect((await school.get(`/cases/${caseId}/professionals`)).status).toBe(403);
    expect(
      (await add(caseId, { name: 'Jo', roleOrAgency: 'Teacher', email: 'jo@school.example' }, school)).status,
    ).toBe(403);
    expect(await professionalsOf(othersCase)).toHaveLength(0);
  });

  it('refuses changes to a closed case, with a clear message', async () => {
    const manager = await t.signIn('team_manager');
    expect(
      (await add(othersCase, { name: 'Jo', roleOrAgency: 'Teacher', email: 'jo@school.example' }, manager)).status,
    ).toBe(302);
    const [jo] = await professionalsOf(othersCase);
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', othersCase).execute();
    const adding = await add(
      othersCase,
      { name: 'Kim', roleOrAgency: 'Social worker', email: 'kim@la.example' },
      manager,
    );
    expect(adding.status).toBe(409);
    expect(adding.text).toContain('This case is closed, so the professionals on it cannot be changed.');
    const removing = await remove(othersCase, jo.id, manager);
    expect(removing.status).toBe(409);
    expect(removing.text).toContain('This case is closed, so the professionals on it cannot be changed.');
    expect(await professionalsOf(othersCase)).toMatchObject([{ name: 'Jo', removed_at: null }]);
    await db().updateTable('cases').set({ status: 'open' }).where('id', '=', othersCase).execute();
  });
});
