import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildServices, type Services } from '../../src/services.ts';
import { buildApp } from '../../src/app.ts';
import { createLogger, type Logger } from '../../src/platform/logger.ts';
import { demoEmail } from '../../src/demo/accounts.ts';
import type { Role } from '../../src/platform/roles.ts';
import type { Connection } from '../../src/db/connection.ts';
import { clockFromSettings, type Clock } from '../../src/platform/clock.ts';
import { emptyDatabase, freshDatabase } from './database.ts';
import { TEST_PASSWORD } from './constants.ts';
import { csrfFrom } from './csrf.ts';
import { testClockFrom, type TestClock } from './clock.ts';
import { enterTwoFactorCode, setUpTwoFactor } from './two-factor.ts';

export type Agent = ReturnType<typeof request.agent>;

export interface TestApp {
  app: Express;
  services: Services;
  connection: Connection;
  routes: ReturnType<typeof buildApp>['routes'];
  /** The services' clock, which the test can move on. */
  clock: TestClock;
  /**
   * A browser-like client signed in as the demo account for a role (or a given email). Where
   * two-factor is required (administrators), the first sign-in sets it up as a person would and
   * later ones type the code, from the key kept in `twoFactorSecrets`.
   */
  signIn(roleOrEmail: Role | string, password?: string): Promise<Agent>;
  twoFactorSecrets: Map<string, string>;
  close(): Promise<void>;
}

export { csrfFrom };

/** A CSRF token for a signed-in agent, taken from the home page's sign-out form. */
export async function csrfToken(agent: Agent, path = '/'): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}

/**
 * A test app on a fresh database (`empty`: nothing in it; `marks: false`: the demo borough
 * without its attendance marks); `clock` sets the time sign-in and the idle timeout see, and the
 * log is silent unless a `logger` is given.
 */
export async function createTestApp(
  overrides: Partial<Config> = {},
  {
    clock: given,
    logger = createLogger('silent'),
    empty = false,
    marks = true,
  }: { clock?: Clock; logger?: Logger; empty?: boolean; marks?: boolean } = {},
): Promise<TestApp> {
  // The seeded demo borough, or (`empty`) a migrated database with nothing in it.
  const connection = empty ? await emptyDatabase() : await freshDatabase({ marks });
  // Each app has its own uploads folder, removed when it closes.
  const uploadDir = mkdtempSync(join(tmpdir(), 'inclusion-hub-test-uploads-'));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), uploadDir, ...overrides };
  // The services' clock follows the given clock (the system's by default); tests move it on.
  const clock = testClockFrom(given ?? clockFromSettings(config.now, config.nowSince));
  const services = buildServices(connection.db, config, logger, clock);
  const { app, routes } = buildApp(services);
  const twoFactorSecrets = new Map<string, string>();
  return {
    app,
    services,
    connection,
    routes,
    clock,
    twoFactorSecrets,
    async signIn(roleOrEmail, password = TEST_PASSWORD) {
      const agent = request.agent(app);
      const page = await agent.get('/sign-in');
      const email = roleOrEmail.includes('@') ? roleOrEmail : demoEmail(roleOrEmail as Role);
      const response = await agent
        .post('/sign-in')
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text) });
      if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
      if (response.headers.location === '/sign-in/two-factor/set-up') {
        twoFactorSecrets.set(email, (await setUpTwoFactor(agent, clock)).secret);
      } else if (response.headers.location === '/sign-in/two-factor') {
        const secret = twoFactorSecrets.get(email);
        if (!secret)
          throw new Error(`Sign-in as ${email} asks for a two-factor code, and the test does not know the key`);
        const done = await enterTwoFactorCode(agent, secret, clock);
        if (done.status !== 302) throw new Error(`The two-factor code for ${email} was refused with ${done.status}`);
      }
      return agent;
    },
    async close() {
      await connection.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/** A fresh app and an agent signed in as `role`, for a test file's `beforeAll` (`marks` as for createTestApp). */
export async function appSignedInAs(role: Role, { marks = true } = {}): Promise<{ t: TestApp; agent: Agent }> {
  const t = await createTestApp({}, { marks });
  return { t, agent: await t.signIn(role) };
}
