import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../test/support/app.ts';
import { practitionerCases } from '../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let cases: Awaited<ReturnType<typeof practitionerCases>>;

const db = () => t.connection.db;

async function practitionersSee(value: 'own' | 'team') {
  await db().deleteFrom('settings').where('key', '=', 'practitioners-see-cases').execute();
  await db()
    .insertInto('settings')
    .values({ key: 'practitioners-see-cases', value: JSON.stringify(value), updated_by: null })
    .execute();
}

async function recordContact(id: number) {
  const path = `/cases/${id}/contacts/new`;
  return practitioner
    .post(path)
    .type('form')
    .send({
      _csrf: await csrfToken(practitioner, `/cases/${cases.own[0]}/contacts/new`),
      type: 'phone',
      withWhom: 'Mother',
      summary: 'Called to arrange a visit',
    });
}

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  cases = await practitionerCases(db());
});
afterAll(() => t.close());

describe('which cases a practitioner sees is the authority’s setting', () => {
  it('by default a practitioner sees only the cases they lead: a colleague’s case is not found', async () => {
    await practitionersSee('own');
    const caseload = await practitioner.get('/cases');
    expect(caseload.text).toContain('My caseload');
    expect(caseload.text).not.toContain(`href="/cases/${cases.others}"`);
    expect((await practitioner.get(`/cases/${cases.others}`)).status).toBe(404);
    expect((await practitioner.get(`/cases/${cases.others}/contacts`)).status).toBe(404);
  });

  it('when practitioners see the team’s cases, a colleague’s case can be read, and the reading is audited', async () => {
    await practitionersSee('team');
    const caseload = await practitioner.get('/cases');
    expect(caseload.text).toContain('Team caseload');
    expect(caseload.text).toContain(`href="/cases/${cases.others}"`);
    const page = await practitioner.get(`/cases/${cases.others}/contacts`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can read this case');
    const views = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(cases.others))
      .where('action', '=', 'view')
      .execute();
    expect(views.map((view) => (view.details as { page?: string } | null)?.page)).toContain('contacts');
  });

  it('a practitioner cannot change a colleague’s case they can read: refused with the reason, nothing recorded', async () => {
    await practitionersSee('team');
    const before = await db().selectFrom('case_contacts').select('id').where('case_id', '=', cases.others).execute();
    const refused = await recordContact(cases.others);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You cannot change this case');
    expect(refused.text).toContain(
      'Only the case’s lead professional, a senior practitioner or the team manager can change it',
    );
    expect(await db().selectFrom('case_contacts').select('id').where('case_id', '=', cases.others).execute()).toEqual(
      before,
    );
  });

  it('the practitioner still changes the cases they lead', async () => {
    await practitionersSee('team');
    const own = await practitioner.get(`/cases/${cases.own[0]}/contacts`);
    expect(own.text).not.toContain('You can read this case');
  });
});
