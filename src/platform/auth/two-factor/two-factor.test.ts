import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, csrfFrom, type Agent, type TestApp } from '../../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../../test/support/constants.ts';
import {
  enterTwoFactorCode,
  recoveryCodesOnPage,
  secretOnPage,
  setUpTwoFactor,
} from '../../../../test/support/two-factor.ts';
import { demoEmail } from '../../../demo/accounts.ts';
import { totpCode } from './totp.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { marks: false });
});
afterAll(() => t.close());

/** Signs in with the password only, and says where the service sent the person. */
async function password(email: string, agent: Agent = request.agent(t.app)) {
  const page = await agent.get('/sign-in');
  const response = await agent
    .post('/sign-in')
    .type('form')
    .send({ email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
  return { agent, location: response.headers.location };
}

let nextAdmin = 0;
/** A new administrator, so that each test starts from an account without two-factor. */
async function newAdmin(): Promise<string> {
  const email = `admin.${++nextAdmin}@council.example`;
  const outcome = await t.services.users.create(
    { userId: null, ip: null },
    { name: `Admin ${nextAdmin}`, email, roles: ['admin'], schools: [], password: TEST_PASSWORD },
  );
  if (!outcome?.ok) throw new Error('could not create the administrator');
  return email;
}

const userId = async (email: string) =>
  (await t.connection.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const auditActions = async (email: string) =>
  (
    await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'user')
      .where('record_id', '=', String(await userId(email)))
      .orderBy('id')
      .execute()
  ).map((row) => row.action);

async function signedIn(agent: Agent): Promise<boolean> {
  return (await agent.get('/')).status === 200;
}

describe('setting up two-factor authentication', () => {
  it('has an administrator set it up at their first sign-in, before anything else', async () => {
    const email = await newAdmin();
    const { agent, location } = await password(email);
    expect(location).toBe('/sign-in/two-factor/set-up');
    expect(await signedIn(agent)).toBe(false);

    const page = await agent.get(location);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Set up two-factor authentication');
    // The QR code is drawn by the service itself, as an SVG image in the page.
    const qr = /<img class="app-qr-code" src="data:image\/svg\+xml;base64,([^"]+)"/.exec(page.text);
    expect(Buffer.from(qr![1], 'base64').toString()).toContain('<svg');
    expect(secretOnPage(page.text)).toMatch(/^[A-Z2-7]{32}$/);
    // The same key on a second look, so a scanned code keeps working.
    expect(secretOnPage((await agent.get(location)).text)).toBe(secretOnPage(page.text));
  });

  it('turns it on only once the person types a first code from the app, then shows 10 recovery codes once', async () => {
    const email = await newAdmin();
    const { agent } = await password(email);
    const page = await agent.get('/sign-in/two-factor/set-up');
    const secret = secretOnPage(page.text);

    const wrong = await agent
      .post('/sign-in/two-factor/set-up')
      .type('form')
      .send({ code: '000000', _csrf: csrfFrom(page.text) });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('href="#code"');
    expect(wrong.text).toContain('The code is not correct or has expired');
    const stored = await t.connection.db
      .selectFrom('two_factor_secrets')
      .selectAll()
      .where('user_id', '=', await userId(email))
      .executeTakeFirstOrThrow();
    expect(stored.confirmed_at).toBeNull();
    expect(await signedIn(agent)).toBe(false);

    const done = await agent
      .post('/sign-in/two-factor/set-up')
      .type('form')
      .send({ code: totpCode(secret, t.clock.now()), _csrf: csrfFrom(page.text) });
    expect(done.status).toBe(200);
    expect(done.text).toContain('Save your recovery codes');
    const codes = recoveryCodesOnPage(done.text);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(await signedIn(agent)).toBe(true);
    // Kept only as hashes.
    const hashes = await t.connection.db
      .selectFrom('two_factor_recovery_codes')
      .select('code_hash')
      .where('user_id', '=', await userId(email))
      .execute();
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes)
      expect(codes.some((code) => code_hash.includes(code.replace('-', '')))).toBe(false);
    expect(await auditActions(email)).toContain('two-factor set up');
  });

  it('does not ask people other than administrators, unless the setting asks it of everyone', async () => {
    expect((await password(demoEmail('analyst'))).location).toBe('/');
    const admin = await t.signIn('admin');
    const page = await admin.get('/admin/settings/two-factor-required-for');
    expect(page.text).toContain('Everyone who signs in with a password');
    await admin
      .post('/admin/settings/two-factor-required-for')
      .type('form')
      .send({ value: 'everyone', _csrf: csrfFrom(page.text) });
    try {
      expect((await password(demoEmail('analyst'))).location).toBe('/sign-in/two-factor/set-up');
    } finally {
      await admin
        .post('/admin/settings/two-factor-required-for')
        .type('form')
        .send({ value: 'administrators', _csrf: csrfFrom(page.text) });
    }
    expect((await password(demoEmail('analyst'))).location).toBe('/');
  });

  it('sends anyone who has not given their password to the sign-in page', async () => {
    expect((await request(t.app).get('/sign-in/two-factor/set-up')).headers.location).toBe('/sign-in');
    expect((await request(t.app).get('/sign-in/two-factor')).headers.location).toBe('/sign-in');
  });
});

describe('signing in with a code', () => {
  let email: string;
  let secret: string;
  let recoveryCodes: string[];
  beforeAll(async () => {
    email = await newAdmin();
    ({ secret, recoveryCodes } = await setUpTwoFactor((await password(email)).agent, t.clock));
  });

  it('asks for the code on a second page after the password, and signs in only with the right one', async () => {
    const { agent, location } = await password(email);
    expect(location).toBe('/sign-in/two-factor');
    expect(await signedIn(agent)).toBe(false);
    const wrong = await enterTwoFactorCode(agent, secret, t.clock, '123456');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('The code is not correct or has expired');
    expect(await signedIn(agent)).toBe(false);
    const right = await enterTwoFactorCode(agent, secret, t.clock);
    expect(right.status).toBe(302);
    expect(await signedIn(agent)).toBe(true);
    expect(await auditActions(email)).toEqual(expect.arrayContaining(['two-factor failed', 'two-factor passed']));
  });

  it('refuses a code that was already used, even from a code a moment old', async () => {
    const first = await password(email);
    const used = totpCode(secret, new Date(t.clock.now().getTime() + 30_000));
    expect((await enterTwoFactorCode(first.agent, secret, t.clock, used)).status).toBe(302);
    const second = await password(email);
    const page = await second.agent.get('/sign-in/two-factor');
    const again = await second.agent
      .post('/sign-in/two-factor')
      .type('form')
      .send({ code: used, _csrf: csrfFrom(page.text) });
    expect(again.status).toBe(400);
    expect(again.text).toContain('That code has already been used');
    expect(await signedIn(second.agent)).toBe(false);
  });

  it('accepts each recovery code once, and says how many are left', async () => {
    const first = await password(email);
    const used = await enterTwoFactorCode(first.agent, secret, t.clock, recoveryCodes[0].toLowerCase());
    expect(used.status).toBe(302);
    expect((await first.agent.get(used.headers.location)).text).toContain('You have 9 recovery codes left');
    const second = await password(email);
    const again = await enterTwoFactorCode(second.agent, secret, t.clock, recoveryCodes[0]);
    expect(again.status).toBe(400);
    expect(again.text).toContain('The recovery code is not correct or has already been used');
    expect(await auditActions(email)).toContain('recovery code used');
  });

  it('stops taking codes after 10 wrong ones in 15 minutes, even the right one', async () => {
    const { agent } = await password(email);
    for (let i = 0; i < 10; i++) expect((await enterTwoFactorCode(agent, secret, t.clock, '000000')).status).toBe(400);
    const blocked = await enterTwoFactorCode(agent, secret, t.clock);
    expect(blocked.text).toContain('You have entered too many wrong codes. Wait 15 minutes');
    t.clock.advance(15 * 60 * 1000);
    const later = await password(email);
    expect((await enterTwoFactorCode(later.agent, secret, t.clock)).status).toBe(302);
  });

  it('ends a sign-in left part way through for more than 10 minutes', async () => {
    const { agent } = await password(email);
    const page = await agent.get('/sign-in/two-factor');
    t.clock.advance(11 * 60 * 1000);
    const late = await agent
      .post('/sign-in/two-factor')
      .type('form')
      .send({ code: totpCode(secret, t.clock.now()), _csrf: csrfFrom(page.text) });
    expect(late.status).toBe(400);
    expect(late.text).toContain('Your sign-in has timed out');
    expect(late.text).toContain('href="/sign-in"');
    expect(await signedIn(agent)).toBe(false);
  });
});

describe('an administrator resetting two-factor authentication', () => {
  it('turns it off, signs the person out and has them set it up again, and is audited', async () => {
    const email = await newAdmin();
    const person = await t.signIn(email);
    expect(await signedIn(person)).toBe(true);
    const admin = await t.signIn('admin');
    const id = await userId(email);
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toMatch(/Two-factor authentication\s*<\/dt>\s*<dd[^>]*>\s*On/);
    const reset = await admin
      .post(`/admin/users/${id}/reset-two-factor`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect(reset.headers.location).toBe(`/admin/users/${id}`);
    expect((await admin.get(reset.headers.location)).text).toContain('Two-factor authentication reset');
    expect(await signedIn(person)).toBe(false);
    expect((await password(email)).location).toBe('/sign-in/two-factor/set-up');
    expect(await auditActions(email)).toContain('two-factor reset');
  });

  it('is for administrators only', async () => {
    const agent = await t.signIn('team_manager');
    const home = await agent.get('/');
    const response = await agent
      .post(`/admin/users/${await userId(demoEmail('admin'))}/reset-two-factor`)
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(response.status).toBe(403);
  });
});
