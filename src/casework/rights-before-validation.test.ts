import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../test/support/app.ts';
import { practitionerCases } from '../../test/support/casework.ts';
import { mayUse } from '../platform/permissions.ts';

let t: TestApp;
let practitioner: Agent;
let cases: Awaited<ReturnType<typeof practitionerCases>>;

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  cases = await practitionerCases(t.connection.db);
  // Practitioners read the team's cases, so a colleague's case is one this practitioner only reads.
  await t.connection.db.deleteFrom('settings').where('key', '=', 'practitioners-see-cases').execute();
  await t.connection.db
    .insertInto('settings')
    .values({ key: 'practitioners-see-cases', value: JSON.stringify('team'), updated_by: null })
    .execute();
});
afterAll(() => t.close());

/** Every form on a case that a practitioner may send, by its path pattern. */
const caseForms = () =>
  t.routes.declarations
    .filter(
      (route) =>
        route.method === 'POST' && route.path.startsWith('/cases/:id/') && mayUse(route.access, ['practitioner']),
    )
    .map((route) => route.path);

/** A body no form accepts: every field missing or wrong. */
const INVALID = { name: '', summary: '', type: 'nonsense', aspect: 'nonsense', 'contactOn-day': '99', version: 'x' };

const post = async (path: string, id: number, token: string) =>
  practitioner
    .post(path.replace(':id', String(id)).replace(/:[a-zA-Z]+/g, '999999'))
    .type('form')
    .send({ ...INVALID, _csrf: token });

describe('the right to change a case is checked before the form (OWASP Authorization Cheat Sheet)', () => {
  it('refuses an invalid form on a colleague’s case the practitioner only reads, on every case form, without its problems', async () => {
    const forms = caseForms();
    expect(forms.length).toBeGreaterThan(15);
    const token = await csrfToken(practitioner);
    for (const path of forms) {
      const response = await post(path, cases.others, token);
      expect(response.status, path).toBe(403);
      expect(response.text, path).toContain('You cannot change this case');
      expect(response.text, path).not.toContain('There is a problem');
    }
  });

  it('still shows the form’s problems on a case the practitioner leads', async () => {
    const response = await post('/cases/:id/contacts/new', cases.own[0]!, await csrfToken(practitioner));
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
  });
});
