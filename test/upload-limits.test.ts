import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, TOO_LARGE } from '../src/platform/csv-import.ts';
import type { Role } from '../src/platform/roles.ts';
import { createTestApp, csrfToken, type TestApp } from './support/app.ts';

// Every upload route that reads a file into memory takes at most MAX_FILE_BYTES (a case's
// documents and marks files have limits of their own, checked with their routes).
const YEAR = '2041-42';
const ROUTES: { path: string; role: Role; fields?: Record<string, string> }[] = [
  { path: '/schools/figures', role: 'analyst', fields: { year: '2027/28' } },
  { path: `/funding/${YEAR}/schools-data`, role: 'finance_officer' },
  { path: '/admin/known-episodes', role: 'admin' },
  { path: '/attendance/roll', role: 'attendance_officer', fields: { year: '2026/27' } },
  { path: '/attendance/suspensions/import', role: 'attendance_officer' },
  { path: '/attendance/comparators', role: 'analyst' },
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await t.connection.db.insertInto('funding_years').values({ label: YEAR }).execute();
});
afterAll(() => t.close());

/** Every import is audited as one: none more means nothing was imported. */
const imports = async () =>
  Number(
    (
      await t.connection.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('action', '=', 'import')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the size limit on every upload', () => {
  it.each(ROUTES)(
    `refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MB sent to $path, saying so, and changes nothing`,
    async ({ path, role, fields = {} }) => {
      const agent = await t.signIn(role);
      const token = await csrfToken(agent);
      const before = await imports();
      let request = agent.post(`${path}?_csrf=${encodeURIComponent(token)}`);
      for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
      const response = await request.attach('file', Buffer.alloc(MAX_FILE_BYTES + 1, 'a'), 'big.csv');
      expect(response.status).toBe(400);
      expect(response.text).toContain(TOO_LARGE);
      expect(response.text).toContain('href="#file"');
      expect(await imports()).toBe(before);
    },
  );
});
