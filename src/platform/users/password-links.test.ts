import { Writable } from 'node:stream';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { createLogger } from '../logger.ts';
import type { Role } from '../roles.ts';
import { COMMAND_LINE } from './account-commands.ts';
import { tokenHash } from './password-links.ts';
import type { PasswordLinkPurpose } from './schema.ts';

let t: TestApp;
const logLines: string[] = [];
beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({}, { empty: true, logger: createLogger('info', sink) });
});
afterAll(() => t.close());

const HOUR = 60 * 60 * 1000;
const GOOD = 'marmalade tandem lighthouse';
const OTHER_GOOD = 'otter quarry velvet kettle';

let counter = 0;
async function newAccount(role: Role = 'practitioner') {
  counter += 1;
  const email = `person${counter}@council.example`;
  const outcome = await t.services.users.create(COMMAND_LINE, {
    name: `Person ${counter}`,
    email,
    roles: [role],
    schools: [],
  });
  if (!outcome?.ok) throw new Error('The account was not created');
  return { id: outcome.value, email };
}

const issue = (userId: number, purpose: PasswordLinkPurpose = 'set') =>
  t.services.passwordLinks.issue(COMMAND_LINE, userId, purpose);

const passwordHash = async (id: number) =>
  (await t.connection.db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow())
    .password_hash;

/** Opens the link and sends the form, as a browser does; returns the answer to the form. */
async function setPassword(token: string, password: string, confirmPassword = password) {
  const agent = request.agent(t.app);
  const page = await agent.get(`/set-password/${token}`);
  // A refused link's page has no form: the session's token is on the sign-in page too.
  const csrf = csrfFrom(page.text.includes('name="_csrf"') ? page.text : (await agent.get('/sign-in')).text);
  const answer = await agent
    .post(`/set-password/${token}`)
    .type('form')
    .send({ password, confirmPassword, _csrf: csrf });
  return { agent, page, answer };
}

async function signInFails(email: string, password: string) {
  const agent = request.agent(t.app);
  const page = await agent.get('/sign-in');
  return (
    (
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text) })
    ).status === 401
  );
}

describe('set-password links', () => {
  it('show the password rules before anything is typed', async () => {
    const { id } = await newAccount();
    const { token } = await issue(id);
    const page = await request(t.app).get(`/set-password/${token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Create a password');
    expect(page.text).toContain('be at least 12 characters long');
    expect(page.text).toContain('not be on a list of common passwords');
    expect(page.text).toContain('not include your email address');
    expect(page.text).toContain('Confirm password');
    expect(page.text).not.toContain('There is a problem');
  });

  it('refuse a password that breaks the rules or is not confirmed, naming the field, and change nothing', async () => {
    const { id, email } = await newAccount();
    const { token } = await issue(id);
    const before = await passwordHash(id);
    for (const [password, confirm, field, message] of [
      ['short', 'short', 'password', 'Password must be 12 characters or more'],
      ['password1234', 'password1234', 'password', 'on a list of common passwords'],
      [
        `${email.split('@')[0]} garden`,
        `${email.split('@')[0]} garden`,
        'password',
        'does not include the email address',
      ],
      [GOOD, `${GOOD}!`, 'confirmPassword', 'Passwords must match'],
      ['', '', 'password', 'Enter a password'],
    ]) {
      const { answer } = await setPassword(token, password!, confirm);
      expect(answer.status).toBe(400);
      expect(answer.text).toContain('There is a problem');
      expect(answer.text).toContain(`href="#${field}"`);
      expect(answer.text).toContain(message);
    }
    expect(await passwordHash(id)).toBe(before);
    expect((await request(t.app).get(`/set-password/${token}`)).status).toBe(200);
  });

  it('set the password, so the person can sign in (an administrator then sets up two-factor), and say so on the sign-in page', async () => {
    const { id, email } = await newAccount('admin');
    const { token } = await issue(id);
    const { agent, answer } = await setPassword(token, GOOD);
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/sign-in');
    expect((await agent.get('/sign-in')).text).toContain('Your password has been set');
    await t.signIn(email, GOOD);
    expect(t.twoFactorSecrets.has(email)).toBe(true);

    const events = await t.connection.db
      .selectFrom('audit_events')
      .select(['user_id', 'action', 'details'])
      .where('record_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(events.map((event) => event.action).slice(0, 4)).toEqual([
      'create',
      'issue password link',
      'set password with link',
      'sign-in',
    ]);
    expect(events[1]).toMatchObject({ user_id: null, details: { purpose: 'set', via: 'command line' } });
    expect(events[2]).toMatchObject({ user_id: id, details: { purpose: 'set' } });
  });

  it('refuse a set-password link once it has been used, changing nothing', async () => {
    const { id, email } = await newAccount();
    const { token } = await issue(id);
    expect((await setPassword(token, GOOD)).answer.status).toBe(302);
    const page = await request(t.app).get(`/set-password/${token}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has already been used');
    expect(page.text).toContain('ask your administrator');
    expect((await setPassword(token, OTHER_GOOD)).answer.status).toBe(410);
    expect(await signInFails(email, OTHER_GOOD)).toBe(true);
  });

  it('refuse a set-password link 24 hours after it was issued, changing nothing', async () => {
    const { id } = await newAccount();
    const { token } = await issue(id);
    const before = await passwordHash(id);
    t.clock.advance(24 * HOUR - 60_000);
    expect((await request(t.app).get(`/set-password/${token}`)).status).toBe(200);
    t.clock.advance(2 * 60_000);
    const { page, answer } = await setPassword(token, GOOD);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has expired');
    expect(answer.status).toBe(410);
    expect(await passwordHash(id)).toBe(before);
  });

  it('refuse an earlier link once a newer one is issued for the same person', async () => {
    const { id } = await newAccount();
    const first = await issue(id);
    const second = await issue(id, 'reset');
    const { page, answer } = await setPassword(first.token, GOOD);
    expect(page.status).toBe(410);
    expect(page.text).toContain('This link has been replaced by a newer one');
    expect(answer.status).toBe(410);
    const newer = await request(t.app).get(`/set-password/${second.token}`);
    expect(newer.status).toBe(200);
    expect(newer.text).toContain('Set a new password');
  });

  it('answer 404 to a link that was never issued', async () => {
    for (const token of ['not-a-token', 'A'.repeat(43)]) {
      const page = await request(t.app).get(`/set-password/${token}`);
      expect(page.status).toBe(404);
      expect(page.text).toContain('This link does not work');
    }
  });

  it('store only a hash of the secret in the link', async () => {
    const { id } = await newAccount();
    const { token } = await issue(id);
    const rows = await t.connection.db.selectFrom('password_links').selectAll().where('user_id', '=', id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(tokenHash(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('end the person’s sessions everywhere when a reset link sets a new password', async () => {
    const { id, email } = await newAccount();
    expect((await setPassword((await issue(id)).token, GOOD)).answer.status).toBe(302);
    const elsewhere = await t.signIn(email, GOOD);
    expect((await elsewhere.get('/')).status).toBe(200);
    expect((await setPassword((await issue(id, 'reset')).token, OTHER_GOOD)).answer.status).toBe(302);
    expect((await elsewhere.get('/')).headers.location).toMatch(/^\/sign(ed-out|-in)/);
    expect(await signInFails(email, GOOD)).toBe(true);
    await t.signIn(email, OTHER_GOOD);
  });

  it('need the form’s CSRF token', async () => {
    const { id } = await newAccount();
    const { token } = await issue(id);
    const before = await passwordHash(id);
    const answer = await request(t.app)
      .post(`/set-password/${token}`)
      .type('form')
      .send({ password: GOOD, confirmPassword: GOOD });
    expect(answer.status).toBe(403);
    expect(await passwordHash(id)).toBe(before);
  });

  it('keep the secret out of the request log and out of Referer headers', async () => {
    const { id } = await newAccount();
    const { token } = await issue(id);
    logLines.length = 0;
    const { page } = await setPassword(token, 'short');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    const log = logLines.join('');
    expect(log).toContain('/set-password/[token]');
    expect(log).not.toContain(token);
  });
});
