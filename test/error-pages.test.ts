import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import request from 'supertest';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from './support/app.ts';

describe('when the database fails during a request', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('never answers twice: a session that cannot be saved after the page was sent leaves the service running', async () => {
    // Every new session is refused by the database, as when it fails mid-request.
    await sql`alter table sessions add constraint refuse_new_sessions check (sid = '') not valid`.execute(
      t.connection.db,
    );
    try {
      const outcome = await request(t.app)
        .get('/sign-in')
        .then(
          (response) => response.status,
          () => 'connection closed',
        );
      // The page had begun: it is either finished or cut off, never replaced by an error page.
      expect([200, 'connection closed']).toContain(outcome);
    } finally {
      await sql`alter table sessions drop constraint refuse_new_sessions`.execute(t.connection.db);
    }
    expect((await request(t.app).get('/sign-in')).status).toBe(200);
  });
});

describe.runIf(inject('template').kind === 'pglite')('when the embedded database has stopped', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 503 "Sorry, the service is unavailable", asking to try again later, and stays up', async () => {
    const agent = await t.signIn('practitioner');
    await t.connection.embedded!.crash();
    for (const path of ['/', '/cases', '/health']) {
      const response = await agent.get(path);
      expect(response.status, path).toBe(503);
      if (path !== '/health') {
        expect(response.text).toContain('Sorry, the service is unavailable');
        expect(response.headers['retry-after']).toBe('30');
      }
    }
  });
});
