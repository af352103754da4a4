import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildServices, type Services } from '../../src/services.ts';
import { buildApp } from '../../src/app.ts';
import { createLogger } from '../../src/platform/logger.ts';
import { demoEmail } from '../../src/db/seed/demo.ts';
import type { Role } from '../../src/platform/roles.ts';
import type { Connection } from '../../src/db/connection.ts';
import type { Clock } from '../../src/platform/clock.ts';
import { freshDatabase } from './database.ts';
import { TEST_PASSWORD } from './constants.ts';

export type Agent = ReturnType<typeof request.agent>;

export interface TestApp {
  app: Express;
  services: Services;
  connection: Connection;
  routes: ReturnType<typeof buildApp>['routes'];
  /** A browser-like client signed in as the demo account for a role (or a given email). */
  signIn(roleOrEmail: Role | string, password?: string): Promise<Agent>;
  close(): Promise<void>;
}

/** Reads the CSRF token from a page's forms. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1];
}

/** A CSRF token for a signed-in agent, taken from the home page's sign-out form. */
export async function csrfToken(agent: Agent, path = '/'): Promise<string> {
  return csrfFrom((await agent.get(path)).text);
}

/** A test app on a fresh database; `clock` sets the time sign-in and the idle timeout see. */
export async function createTestApp(overrides: Partial<Config> = {}, { clock }: { clock?: Clock } = {}): Promise<TestApp> {
  const connection = await freshDatabase();
  // Each app has its own uploads folder, removed when it closes.
  const uploadDir = mkdtempSync(join(tmpdir(), 'inclusion-hub-test-uploads-'));
  const config = { ...loadConfig({ NODE_ENV: 'test' }), uploadDir, ...overrides };
  const services = buildServices(connection.db, config, createLogger('silent'), clock);
  const { app, routes } = buildApp(services);
  return {
    app,
    services,
    connection,
    routes,
    async signIn(roleOrEmail, password = TEST_PASSWORD) {
      const agent = request.agent(app);
      const page = await agent.get('/sign-in');
      const email = roleOrEmail.includes('@') ? roleOrEmail : demoEmail(roleOrEmail as Role);
      const response = await agent.post('/sign-in').type('form').send({ email, password, _csrf: csrfFrom(page.text) });
      if (response.status !== 302) throw new Error(`Sign-in as ${email} failed with ${response.status}`);
      return agent;
    },
    async close() {
      await connection.close();
      rmSync(uploadDir, { recursive: true, force: true });
    },
  };
}

/** A fresh app and an agent signed in as `role`, for a test file's `beforeAll`. */
export async function appSignedInAs(role: Role): Promise<{ t: TestApp; agent: Agent }> {
  const t = await createTestApp();
  return { t, agent: await t.signIn(role) };
}
