import { clockReading } from '../clock.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, csrfFrom, type TestApp } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/constants.ts';
import { loadConfig } from '../../config.ts';
import { demoEmail } from '../../demo/accounts.ts';

// Behind one trusted proxy, as in production: each request says which address it comes from in
// X-Forwarded-For, and the clock is moved on by hand instead of waiting.
let t: TestApp;
let now = Date.now();
beforeAll(async () => {
  t = await createTestApp(
    { trustProxy: loadConfig({ TRUST_PROXY: '1' }).trustProxy, signInLimit: { perAccount: 5, perIp: 8 } },
    { clock: clockReading(() => new Date(now)) },
  );
});
afterAll(() => t.close());

const passSeconds = (seconds: number) => (now += seconds * 1000);

async function attempt(email: string, password: string, from: string, forwardedFor = from) {
  const agent = request.agent(t.app);
  const page = await agent.get('/sign-in').set('X-Forwarded-For', forwardedFor);
  return agent
    .post('/sign-in')
    .set('X-Forwarded-For', forwardedFor)
    .type('form')
    .send({ email, password, _csrf: csrfFrom(page.text) });
}

const SCHOOL = '198.51.100.20';
const ELSEWHERE = '203.0.113.66';
const HOME = '192.0.2.10';

describe('sign-in back-off', () => {
  it('lets the owner sign in with the right password once the wait after someone else’s failures has passed', async () => {
    const email = demoEmail('senior_practitioner');
    for (let i = 0; i < 5; i++) expect((await attempt(email, `guess ${i}`, ELSEWHERE)).status).toBe(401);

    // The owner, at an address the account has not used, is asked to wait and told for how long.
    const waiting = await attempt(email, TEST_PASSWORD, HOME);
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toBe('30');
    expect(waiting.text).toContain('Wait 30 seconds before trying again');
    expect(waiting.text).toContain('Your account is not locked');

    passSeconds(30);
    expect((await attempt(email, TEST_PASSWORD, HOME)).status).toBe(302);
  });

  it('does not check a password sent during the wait, and doubles the wait after each further failure', async () => {
    const email = demoEmail('practitioner');
    for (let i = 0; i < 5; i++) await attempt(email, `guess ${i}`, ELSEWHERE);
    // Even the right password is not tried during the wait, so guesses cannot be hurried.
    expect((await attempt(email, TEST_PASSWORD, ELSEWHERE)).status).toBe(429);
    passSeconds(30);
    expect((await attempt(email, 'guess 5', ELSEWHERE)).status).toBe(401);
    passSeconds(59);
    const again = await attempt(email, 'guess 6', ELSEWHERE);
    expect(again.status).toBe(429);
    expect(again.text).toContain('Wait 1 second before trying again');
    passSeconds(1);
    expect((await attempt(email, TEST_PASSWORD, ELSEWHERE)).status).toBe(302);
  });

  it('checks no more passwords than allowed when many attempts arrive at the same moment', async () => {
    const email = demoEmail('admin');
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(email, `guess ${i}`, '203.0.113.77')),
    );
    expect(answers.filter((r) => r.status === 401)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it('does not hold up the owner at an address they have signed in from before, whatever happens elsewhere', async () => {
    const email = demoEmail('triage_manager');
    expect((await attempt(email, TEST_PASSWORD, SCHOOL)).status).toBe(302);
    for (let i = 0; i < 7; i++) await attempt(email, `guess ${i}`, ELSEWHERE);
    expect((await attempt(email, TEST_PASSWORD, SCHOOL)).status).toBe(302);
    // The guesser is still slowed.
    expect((await attempt(email, TEST_PASSWORD, ELSEWHERE)).status).toBe(429);
  });

  it('lets another user at the same address sign in with the right password while that address is slowed', async () => {
    passSeconds(15 * 60);
    const regular = demoEmail('attendance_officer');
    const newcomer = demoEmail('finance_officer');
    expect((await attempt(regular, TEST_PASSWORD, SCHOOL)).status).toBe(302);
    // Someone at the school's shared address tries one password on many accounts.
    for (let i = 0; i < 8; i++)
      expect((await attempt(`someone${i}@demo.inclusion-hub.test`, 'Password123!', SCHOOL)).status).toBe(401);
    expect((await attempt('someone-else@demo.inclusion-hub.test', 'Password123!', SCHOOL)).status).toBe(429);

    // A colleague who signs in there every day is not held up at all.
    expect((await attempt(regular, TEST_PASSWORD, SCHOOL)).status).toBe(302);
    // One signing in there for the first time waits, then signs in.
    const waiting = await attempt(newcomer, TEST_PASSWORD, SCHOOL);
    expect(waiting.status).toBe(429);
    expect(waiting.text).toContain('Wait 30 seconds before trying again');
    passSeconds(30);
    expect((await attempt(newcomer, TEST_PASSWORD, SCHOOL)).status).toBe(302);
  });
});

describe('client addresses behind a proxy', () => {
  it('reads TRUST_PROXY as a number of proxies, with true meaning one and false or unset none', () => {
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(0);
    expect(loadConfig({}).trustProxy).toBe(0);
  });

  it('records the address the nearest trusted proxy saw, not a forged leftmost X-Forwarded-For', async () => {
    const email = demoEmail('analyst');
    // The client wrote "10.9.8.7" itself; the proxy appended the address it saw.
    const response = await attempt(email, TEST_PASSWORD, HOME, `10.9.8.7, ${HOME}`);
    expect(response.status).toBe(302);
    const signIn = await t.connection.db
      .selectFrom('sign_in_attempts')
      .select('ip')
      .where('email', '=', email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(signIn.ip).toBe(HOME);
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    const event = await t.connection.db
      .selectFrom('audit_events')
      .select('ip')
      .where('action', '=', 'sign-in')
      .where('record_id', '=', String(user.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.ip).toBe(HOME);
  });

  it('does not let a forged X-Forwarded-For escape the back-off', async () => {
    const email = demoEmail('team_manager');
    for (let i = 0; i < 5; i++) await attempt(email, `guess ${i}`, ELSEWHERE, `10.0.0.${i}, ${ELSEWHERE}`);
    expect((await attempt(email, TEST_PASSWORD, ELSEWHERE, `10.0.0.99, ${ELSEWHERE}`)).status).toBe(429);
  });
});
