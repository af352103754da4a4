import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, csrfFrom, type Agent, type TestApp } from '../../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../../test/support/constants.ts';
import { PROVIDER_PASSWORD, startTestProvider, type TestProvider } from '../../../../test/support/oidc-provider.ts';
import { demoEmail } from '../../../demo/accounts.ts';
import type { Role } from '../../roles.ts';

const REDIRECT_URL = 'http://127.0.0.1:3999/sign-in/sso/callback';

let provider: TestProvider;
let t: TestApp;
beforeAll(async () => {
  provider = await startTestProvider([REDIRECT_URL]);
  t = await createTestApp({
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUrl: REDIRECT_URL,
    },
  });
  const account = (login: string, email: string, emailVerified = true) =>
    provider.addAccount({ login, sub: `sub-${login}`, email, emailVerified });
  for (const role of ['practitioner', 'analyst', 'team_manager', 'finance_officer', 'attendance_officer'] as Role[])
    account(role, demoEmail(role));
  account('same-email', demoEmail('practitioner'));
  account('stranger', 'stranger@council.example');
  account('unverified', demoEmail('triage_manager'), false);
});
afterAll(async () => {
  await t.close();
  await provider.stop();
});

/**
 * Starts single sign-on at the service and signs in at the provider's login page, following each
 * redirect by hand as a browser would; returns the provider's answer for the service's callback.
 */
async function signInAtProvider(login: string, agent: Agent = request.agent(t.app)) {
  const start = await agent.get('/sign-in/sso');
  expect(start.status).toBe(302);
  const authorization = new URL(start.headers.location);
  const browser = request.agent(provider.issuer);
  const interaction = (await browser.get(authorization.pathname + authorization.search)).headers.location;
  expect((await browser.get(interaction)).text).toContain('Sign in to your council account');
  const resume = (await browser.post(interaction).type('form').send({ login, password: PROVIDER_PASSWORD })).headers
    .location;
  const answer = new URL((await browser.get(new URL(resume, provider.issuer).pathname)).headers.location);
  expect(answer.origin + answer.pathname).toBe(REDIRECT_URL);
  return { agent, authorization, callback: answer.pathname + answer.search };
}

async function signInThroughProvider(login: string) {
  const flow = await signInAtProvider(login);
  return { ...flow, response: await flow.agent.get(flow.callback) };
}

const userId = async (email: string) =>
  (await t.connection.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
const signedIn = async (agent: Agent) => (await agent.get('/')).status === 200;

describe('signing in with a council account (OpenID Connect)', () => {
  it('offers the council account first on the sign-in page, with the password below', async () => {
    const page = (await request(t.app).get('/sign-in?returnTo=%2Fschools')).text;
    expect(page).toContain('href="/sign-in/sso?returnTo=%2Fschools"');
    expect(page.indexOf('Sign in with your council account')).toBeLessThan(page.indexOf('Sign in with a password'));
  });

  it('sends people to the provider with the authorization code flow, PKCE, state and nonce', async () => {
    const start = await request.agent(t.app).get('/sign-in/sso');
    const params = new URL(start.headers.location).searchParams;
    expect(start.headers.location.startsWith(`${provider.issuer}/`)).toBe(true);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(provider.clientId);
    expect(params.get('redirect_uri')).toBe(REDIRECT_URL);
    expect(params.get('scope')?.split(' ')).toContain('openid');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(params.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(params.get('nonce')).toMatch(/^[\w-]{20,}$/);
  });

  it('signs in the person whose account an administrator created with that email, keeping the service’s roles, and records the provider’s subject', async () => {
    const { agent, response } = await signInThroughProvider('practitioner');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/');
    const home = await agent.get('/');
    expect(home.text).toContain('You are signed in as Practitioner');
    const id = await userId(demoEmail('practitioner'));
    const link = await t.connection.db
      .selectFrom('council_account_links')
      .selectAll()
      .where('user_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(link).toMatchObject({ issuer: provider.issuer, subject: 'sub-practitioner' });
    const events = await t.connection.db
      .selectFrom('audit_events')
      .select(['action', 'user_id', 'details'])
      .where('record_id', '=', String(id))
      .where('record_type', '=', 'user')
      .execute();
    expect(events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'council account linked', user_id: id }),
        expect.objectContaining({ action: 'sign-in', user_id: id, details: { method: 'single sign-on' } }),
      ]),
    );
  });

  it('after the first sign-in, refuses another council account with the same email: the subject must match', async () => {
    await signInThroughProvider('practitioner');
    const { agent, response } = await signInThroughProvider('same-email');
    expect(response.status).toBe(403);
    expect(response.text).toContain('Your account is linked to a different council account');
    expect(response.text).toContain('href="/sign-in"');
    expect(await signedIn(agent)).toBe(false);
  });

  it('refuses a replayed answer, an answer with another state, and one with no sign-in started', async () => {
    const { agent, callback, response } = await signInThroughProvider('analyst');
    expect(response.status).toBe(302);
    const replayed = await agent.get(callback);
    expect(replayed.status).toBe(400);
    expect(replayed.text).toContain('Your sign-in has expired');
    const elsewhere = await request(t.app).get(callback);
    expect(elsewhere.status).toBe(400);

    const flow = await signInAtProvider('analyst');
    const forged = await flow.agent.get(flow.callback.replace(/state=[^&]+/, 'state=someone-elses-state'));
    expect(forged.status).toBe(400);
    expect(forged.text).toContain('Your sign-in has expired');
    expect(await signedIn(flow.agent)).toBe(false);
  });

  it('refuses an ID token changed on its way (its signature no longer matches), without showing its contents', async () => {
    // Someone who could change the token would claim to be a person with more rights.
    provider.alterNextIdToken({ tamper: { email: demoEmail('senior_practitioner'), email_verified: true } });
    const { agent, response } = await signInThroughProvider('team_manager');
    expect(response.status).toBe(401);
    expect(response.text).toContain('We could not sign you in');
    expect(response.text).toContain('href="/sign-in"');
    expect(response.text).not.toMatch(/eyJ|sub-team_manager|senior_practitioner@/);
    expect(await signedIn(agent)).toBe(false);
  });

  it.each([
    ['for another audience', { aud: 'another-service' }],
    ['from another issuer', { iss: 'http://127.0.0.1:1/not-the-provider' }],
    ['that has expired', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }],
    ['with another sign-in’s nonce', { nonce: 'not-the-nonce-sent' }],
  ])('refuses an ID token %s, even when the provider’s key signed it', async (_name, claims) => {
    provider.alterNextIdToken({ resign: claims });
    const { agent, response } = await signInThroughProvider('team_manager');
    expect(response.status).toBe(401);
    expect(response.text).toContain('We could not sign you in');
    expect(await signedIn(agent)).toBe(false);
  });

  it('refuses someone with no account: nobody gets an account by signing in', async () => {
    const before = await t.connection.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    const { agent, response } = await signInThroughProvider('stranger');
    expect(response.status).toBe(403);
    expect(response.text).toContain('You do not have an account for this service');
    expect(await signedIn(agent)).toBe(false);
    const after = await t.connection.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    expect(Number(after.count)).toBe(Number(before.count));
    const refused = await t.connection.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'sign-in failed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(refused.details).toEqual({ method: 'single sign-on', reason: 'no-account' });
  });

  it('does not match by an email the provider says is not verified', async () => {
    const { response } = await signInThroughProvider('unverified');
    expect(response.status).toBe(403);
    expect(response.text).toContain('You do not have an account for this service');
  });

  it('refuses a disabled account', async () => {
    await t.connection.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('email', '=', demoEmail('finance_officer'))
      .execute();
    try {
      const { agent, response } = await signInThroughProvider('finance_officer');
      expect(response.status).toBe(403);
      expect(response.text).toContain('Your account has been disabled');
      expect(await signedIn(agent)).toBe(false);
    } finally {
      await t.connection.db
        .updateTable('users')
        .set({ disabled_at: null })
        .where('email', '=', demoEmail('finance_officer'))
        .execute();
    }
  });

  it('says so when the person stops at the provider', async () => {
    const agent = request.agent(t.app);
    const state = new URL((await agent.get('/sign-in/sso')).headers.location).searchParams.get('state');
    const response = await agent.get(
      `/sign-in/sso/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(provider.issuer)}`,
    );
    expect(response.status).toBe(401);
    expect(response.text).toContain('You have not been signed in');
  });

  it('lets an administrator unlink a council account, which links again at the next sign-in, audited', async () => {
    await signInThroughProvider('attendance_officer');
    const id = await userId(demoEmail('attendance_officer'));
    const admin = await t.signIn('admin');
    const page = await admin.get(`/admin/users/${id}`);
    expect(page.text).toContain('Linked on');
    await admin
      .post(`/admin/users/${id}/unlink-council-account`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text) });
    expect((await admin.get(`/admin/users/${id}`)).text).toContain('Not linked yet');
    const actions = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', String(id))
      .execute();
    expect(actions.map((row) => row.action)).toContain('council account unlinked');
  });
});

describe('local passwords switched off', () => {
  let off: TestApp;
  beforeAll(async () => {
    off = await createTestApp({ ...t.services.config, localPasswords: false, breakGlassEmail: demoEmail('admin') });
  });
  afterAll(() => off.close());

  async function password(email: string) {
    const agent = request.agent(off.app);
    const page = await agent.get('/sign-in');
    return agent
      .post('/sign-in')
      .type('form')
      .send({ email, password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
  }

  it('keeps the password form only for the emergency administrator account', async () => {
    const page = (await request(off.app).get('/sign-in')).text;
    expect(page).toContain('Sign in with your council account');
    expect(page).toContain('Sign in with the emergency administrator account');
    expect(page).not.toContain('Sign in with a password');
  });

  it('refuses a password from anyone but the break-glass administrator, who still needs two-factor', async () => {
    const refused = await password(demoEmail('analyst'));
    expect(refused.status).toBe(403);
    expect(refused.text).toContain(
      'Sign in with your council account. Only the emergency administrator account can sign in with a password',
    );
    expect((await password(demoEmail('admin'))).headers.location).toBe('/sign-in/two-factor/set-up');
  });
});

describe('the provider not answering', () => {
  it('shows a clear page, not an error, when the provider cannot be reached', async () => {
    const down = await startTestProvider([REDIRECT_URL]);
    await down.stop();
    const app = await createTestApp({
      oidc: { issuer: down.issuer, clientId: 'x', clientSecret: 'y', redirectUrl: REDIRECT_URL },
    });
    try {
      const response = await request(app.app).get('/sign-in/sso');
      expect(response.status).toBe(503);
      expect(response.text).toContain('Sorry, you cannot sign in with your council account at the moment');
      expect(response.text).toContain('href="/sign-in"');
    } finally {
      await app.close();
    }
  }, 60_000); // starts a provider and an app of its own

  it('shows the same page when the provider stops between sign-in and the token exchange', async () => {
    const flow = await signInAtProvider('practitioner');
    await provider.stop();
    const response = await flow.agent.get(flow.callback);
    expect(response.status).toBe(503);
    expect(response.text).toContain('Sorry, you cannot sign in with your council account at the moment');
  });
});
