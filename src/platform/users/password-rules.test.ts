import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/constants.ts';
import { demoPasswordProblem, generatedDemoPassword } from '../../demo/accounts.ts';
import { buildDemo } from '../../demo/demo.ts';
import { systemClock } from '../clock.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin', { marks: false })));
afterAll(() => t.close());

const GOOD = 'kettle-orbit-lantern-9';
const COMMON = 'on a list of common passwords';
const HAS_EMAIL = 'does not include the email address or the part before the @';

let counter = 0;
const person = (overrides: Record<string, string> = {}) => {
  counter += 1;
  return {
    name: `Password Person ${counter}`,
    email: `casey.morgan${counter}@example.test`,
    roles: 'practitioner',
    password: GOOD,
    ...overrides,
  };
};
const post = async (path: string, fields: Record<string, string>) =>
  admin
    .post(path)
    .type('form')
    .send({ ...fields, _csrf: await csrfToken(admin) });
const userCount = async () =>
  Number(
    (
      await t.connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

function expectRefused(response: { status: number; text: string }, message: string) {
  expect(response.status).toBe(400);
  expect(response.text).toContain('There is a problem');
  expect(response.text).toContain('href="#password"');
  expect(response.text).toContain(message);
}

describe('choosing a password when adding a user (NCSC password guidance)', () => {
  it.each(['password1234', '123456789012', 'Password123!'])(
    'refuses a password on the common passwords list, like %s, says why and saves nothing',
    async (password) => {
      const before = await userCount();
      const response = await post('/admin/users/new', person({ password }));
      expectRefused(response, 'Enter a password that is harder to guess');
      expect(await userCount()).toBe(before);
    },
  );

  it('refuses a password that contains the person’s own email address or the part before the @', async () => {
    const fields = person();
    for (const password of [`${fields.email}!`, `${fields.email.split('@')[0]}-secret`]) {
      expectRefused(await post('/admin/users/new', { ...fields, password }), HAS_EMAIL);
    }
  });

  it('shows the password’s problem beside the others, so everything can be fixed at once', async () => {
    const response = await post('/admin/users/new', person({ name: ' ', password: 'password1234' }));
    expectRefused(response, COMMON);
    expect(response.text).toContain('Enter the person’s full name');
  });

  it('accepts a long password that is none of these', async () => {
    expect((await post('/admin/users/new', person())).status).toBe(302);
  });
});

describe('resetting a password (NCSC password guidance)', () => {
  it('refuses a common password or one with the person’s email address, says why, and keeps the old one', async () => {
    const fields = person();
    expect((await post('/admin/users/new', fields)).status).toBe(302);
    const { id } = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', fields.email)
      .executeTakeFirstOrThrow();

    expectRefused(await post(`/admin/users/${id}/reset-password`, { password: '123456789012' }), COMMON);
    expectRefused(
      await post(`/admin/users/${id}/reset-password`, {
        password: `Hello ${fields.email.split('@')[0].toUpperCase()}`,
      }),
      HAS_EMAIL,
    );
    await expect(t.signIn(fields.email, GOOD)).resolves.toBeTruthy();

    expect((await post(`/admin/users/${id}/reset-password`, { password: 'a quite different phrase' })).status).toBe(
      302,
    );
  });
});

describe('the demo accounts’ password', () => {
  it('accepts a DEMO_PASSWORD that passes the rules, and generates one that does', () => {
    expect(demoPasswordProblem(TEST_PASSWORD)).toBeUndefined();
    for (let i = 0; i < 50; i++) expect(demoPasswordProblem(generatedDemoPassword())).toBeUndefined();
  });

  it('refuses a DEMO_PASSWORD that breaks the rules, saying why, before creating anything', async () => {
    const before = await userCount();
    await expect(buildDemo(t.connection.db, { password: 'password1234', clock: systemClock })).rejects.toThrow(
      `DEMO_PASSWORD cannot be used for the demo accounts. Enter a password that is harder to guess: this one is ${COMMON}`,
    );
    await expect(
      buildDemo(t.connection.db, { password: 'admin@demo.inclusion-hub.test!', clock: systemClock }),
    ).rejects.toThrow(HAS_EMAIL);
    expect(await userCount()).toBe(before);
  });
});
