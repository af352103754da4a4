import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { createTestApp, type TestApp } from './support/app.ts';
import { ROLES } from '../src/platform/roles.ts';
import { RouteTable } from '../src/platform/permissions.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('health and errors', () => {
  it('reports the database as up on /health', async () => {
    const response = await request(t.app).get('/health');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'UP', database: 'UP' });
  });

  it('answers 503 on /health when the database is down', async () => {
    const down = await createTestApp();
    await down.close();
    const response = await request(down.app).get('/health');
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ status: 'DOWN', database: 'DOWN' });
  });

  it('shows a GOV.UK-style page for an address that does not exist', async () => {
    const response = await request(t.app).get('/no-such-page');
    expect(response.status).toBe(404);
    expect(response.text).toContain('Page not found');
    expect(response.text).toContain('govuk-template');
  });

  it('never shows a stack trace or the error message on a server error', async () => {
    const routes = new RouteTable(t.routes.router);
    routes.get('/test-only/explode', 'public', () => {
      throw new Error('secret detail about Amara Adeyemi');
    });
    const response = await request(t.app).get('/test-only/explode');
    expect(response.status).toBe(500);
    expect(response.text).toContain('Sorry, there is a problem with the service');
    expect(response.text).not.toContain('secret detail');
    expect(response.text).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe('pages everyone sees', () => {
  it.each(['/accessibility', '/privacy', '/cookies', '/about-the-data'])(
    '%s is public and has real content',
    async (path) => {
      const response = await request(t.app).get(path);
      expect(response.status).toBe(200);
      expect(response.text.match(/<h1/g)).toHaveLength(1);
      expect(response.text.length).toBeGreaterThan(5000);
    },
  );

  it('carries the Open Government Licence attribution for the school data', async () => {
    const response = await request(t.app).get('/about-the-data');
    expect(response.text).toContain(
      'Contains public sector information licensed under the Open Government Licence v3.0',
    );
  });

  it('sends security headers with a script nonce and no inline script without it', async () => {
    const response = await request(t.app).get('/sign-in');
    const csp = response.headers['content-security-policy'];
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(response.headers['x-frame-options']).toBeDefined();
    const scripts = response.text.match(/<script[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
  });
});

describe('the home page', () => {
  it.each(ROLES)('greets a %s by name and shows only what their role may use', async (role) => {
    const agent = await t.signIn(role);
    const page = await agent.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sign out');
    const adminLinks = page.text.includes('href="/admin/users"');
    expect(adminLinks).toBe(role === 'admin');
  });

  it('tells a school user which school they are linked to', async () => {
    const agent = await t.signIn('school_user');
    expect((await agent.get('/')).text).toContain('Broadford Primary School');
  });
});

describe('schools', () => {
  it('lists the borough’s 83 schools and filters by phase', async () => {
    const agent = await t.signIn('analyst');
    expect((await agent.get('/schools')).text).toContain('83 schools');
    const secondary = await agent.get('/schools?phase=Secondary');
    expect(secondary.text).toContain('18 schools');
  });

  it('shows a school’s census figures with shares of the roll', async () => {
    const agent = await t.signIn('analyst');
    const page = await agent.get('/schools/102317');
    expect(page.text).toContain('Broadford Primary School');
    expect(page.text).toContain('January 2019');
    expect(page.text).toMatch(/% of roll/);
  });

  it('answers 404 for a URN that is not a school here', async () => {
    const agent = await t.signIn('analyst');
    expect((await agent.get('/schools/999999')).status).toBe(404);
    expect((await agent.get('/schools/abc')).status).toBe(404);
  });
});
