import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import express from 'express';
import { createTestApp, csrfToken, type Agent, type TestApp } from './support/app.ts';
import { registeredRoutes, urlFor } from './support/routes.ts';
import { ROLES, type Role } from '../src/platform/roles.ts';
import { mayUse, RouteTable, type RouteDeclaration } from '../src/platform/permissions.ts';

let t: TestApp;
const agents = new Map<Role, { agent: Agent; csrf: string }>();

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ROLES) {
    const agent = await t.signIn(role);
    agents.set(role, { agent, csrf: await csrfToken(agent) });
  }
});
afterAll(() => t.close());

describe('the permissions table', () => {
  it('declares who may use every route the app answers', () => {
    const declared = new Set(t.routes.declarations.map((d) => `${d.method} ${d.path}`));
    const undeclared = registeredRoutes(t.app).filter((route) => !declared.has(route));
    expect(undeclared).toEqual([]);
    expect(declared.size).toBeGreaterThan(10);
  });

  it('notices a route added without a declaration', () => {
    const app = express();
    const table = new RouteTable(express.Router());
    table.get('/declared', 'signed-in', () => undefined);
    table.router.get('/forgotten', () => undefined);
    app.use(table.router);
    const declared = new Set(table.declarations.map((d) => `${d.method} ${d.path}`));
    expect(registeredRoutes(app).filter((route) => !declared.has(route))).toEqual(['GET /forgotten']);
  });

  it('sends a signed-out visitor to sign in for every route that is not public', async () => {
    for (const route of t.routes.declarations.filter((d) => d.access !== 'public')) {
      const response =
        route.method === 'GET'
          ? await request(t.app).get(urlFor(route.path))
          : await request(t.app).post(urlFor(route.path));
      // A POST without a session fails the CSRF check first (403); either way nothing happens.
      if (route.method === 'GET') expect(response.headers.location, route.path).toMatch(/^\/sign-in/);
      else expect([302, 403], route.path).toContain(response.status);
    }
  });

  const check = async (route: RouteDeclaration, role: Role) => {
    const { agent, csrf } = agents.get(role)!;
    const response =
      route.method === 'GET'
        ? await agent.get(urlFor(route.path))
        : await agent.post(urlFor(route.path)).type('form').send({ _csrf: csrf });
    return response.status;
  };

  it.each(ROLES)(
    'answers 403 to a %s on every route their role may not use, and lets them use the rest',
    async (role) => {
      for (const route of t.routes.declarations) {
        const allowed = mayUse(route.access, [role]);
        if (allowed && route.method === 'POST') continue; // allowed POSTs change data; each area's tests cover them
        if (route.path === '/sign-in' || route.path === '/signed-out') continue; // public pages for signed-out people
        const status = await check(route, role);
        if (allowed) expect(status, `${role} ${route.method} ${route.path}`).not.toBe(403);
        else expect(status, `${role} ${route.method} ${route.path}`).toBe(403);
      }
    },
  );
});
