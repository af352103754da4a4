import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { sql } from 'kysely';
import { createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/constants.ts';
import { demoEmail } from '../../demo/accounts.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function attempt(email: string, password: string, agent = request.agent(t.app)) {
  const page = await agent.get('/sign-in');
  return agent
    .post('/sign-in')
    .type('form')
    .send({ email, password, _csrf: csrfFrom(page.text) });
}

describe('signing in', () => {
  it('sends a signed-out visitor to the sign-in page and back to where they were going', async () => {
    const agent = request.agent(t.app);
    const redirect = await agent.get('/schools');
    expect(redirect.status).toBe(302);
    expect(redirect.headers.location).toBe('/sign-in?returnTo=%2Fschools');
    const page = await agent.get(redirect.headers.location);
    expect(page.text).toContain('value="/schools"');
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: demoEmail('analyst'), password: TEST_PASSWORD, returnTo: '/schools', _csrf: csrfFrom(page.text) });
    expect(signedIn.headers.location).toBe('/schools');
  });

  it('never sends people to another site after sign-in', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({
        email: demoEmail('analyst'),
        password: TEST_PASSWORD,
        returnTo: '//evil.example/',
        _csrf: csrfFrom(page.text),
      });
    expect(response.headers.location).toBe('/');
  });

  it('names the fields that are missing, with an error summary', async () => {
    const response = await attempt('', '');
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#email"');
    expect(response.text).toContain('Enter your email address');
    expect(response.text).toContain('Enter your password');
  });

  it('rejects a wrong password without saying which part was wrong, and keeps the email typed', async () => {
    const response = await attempt(demoEmail('team_manager'), 'not the password');
    expect(response.status).toBe(401);
    expect(response.text).toContain('Enter a correct email address and password');
    expect(response.text).toContain(`value="${demoEmail('team_manager')}"`);
  });

  it('gives a new session id at sign-in so a planted session id is worthless', async () => {
    const agent = request.agent(t.app);
    const page = await agent.get('/sign-in');
    const before = page.headers['set-cookie']?.[0]?.split(';')[0];
    const response = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: demoEmail('admin'), password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    const after = response.headers['set-cookie']?.[0]?.split(';')[0];
    expect(before).toBeTruthy();
    expect(after).toBeTruthy();
    expect(after).not.toBe(before);
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const page = await request(t.app).get('/sign-in');
    const cookie = page.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('refuses a sign-in form sent without its CSRF token', async () => {
    const response = await request(t.app)
      .post('/sign-in')
      .type('form')
      .send({ email: demoEmail('admin'), password: TEST_PASSWORD });
    expect(response.status).toBe(403);
    expect(response.text).toContain('Your form could not be sent');
  });

  it('does not let a disabled account sign in', async () => {
    await t.connection.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('email', '=', demoEmail('finance_officer'))
      .execute();
    const response = await attempt(demoEmail('finance_officer'), TEST_PASSWORD);
    expect(response.status).toBe(401);
    await t.connection.db
      .updateTable('users')
      .set({ disabled_at: null })
      .where('email', '=', demoEmail('finance_officer'))
      .execute();
  });

  it('records successful and failed sign-ins in the audit log', async () => {
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('practitioner'))
      .executeTakeFirstOrThrow();
    await attempt(demoEmail('practitioner'), 'wrong');
    await attempt(demoEmail('practitioner'), TEST_PASSWORD);
    const events = await t.connection.db
      .selectFrom('audit_events')
      .select(['action', 'user_id'])
      .where('record_type', '=', 'user')
      .where('record_id', '=', String(user.id))
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['sign-in failed', 'sign-in']));
  });
});

describe('signing out', () => {
  it('ends the session and shows the signed-out page', async () => {
    const agent = await t.signIn('analyst');
    const home = await agent.get('/');
    const response = await agent
      .post('/sign-out')
      .type('form')
      .send({ _csrf: csrfFrom(home.text) });
    expect(response.headers.location).toBe('/signed-out');
    expect((await agent.get('/signed-out')).text).toContain('You have been signed out');
    expect((await agent.get('/')).status).toBe(302);
  });

  it('signs a user out after 30 minutes without activity and says why', async () => {
    const agent = await t.signIn('attendance_officer');
    expect((await agent.get('/')).status).toBe(200);
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('attendance_officer'))
      .executeTakeFirstOrThrow();
    const longAgo = Date.now() - 31 * 60 * 1000;
    await sql`update sessions set sess = jsonb_set(sess, '{lastSeenAt}', to_jsonb(${longAgo}::bigint)) where (sess->>'userId')::int = ${user.id}`.execute(
      t.connection.db,
    );
    const response = await agent.get('/');
    expect(response.headers.location).toBe('/signed-out?reason=inactive');
    const page = await agent.get(response.headers.location);
    expect(page.text).toContain('because you had not used the service for 30 minutes');
    expect((await agent.get('/')).headers.location).toContain('/sign-in');
  });
});
