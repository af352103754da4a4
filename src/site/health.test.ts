import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import request from 'supertest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { buildServices } from '../services.ts';
import { buildApp } from '../app.ts';
import { createLogger } from '../platform/logger.ts';
import type { Database } from '../db/schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, { marks: false });
});
afterAll(() => t.close());

describe('health checks', () => {
  it('says the service is ready when the database answers and has run every migration', async () => {
    const ready = await request(t.app).get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'UP', database: 'UP', migrations: 'UP', pending: [] });
    expect((await request(t.app).get('/health/live')).body).toEqual({ status: 'UP' });
  });

  it('says the service is not ready, naming the migration, while one has not run', async () => {
    const last = await sql<{
      name: string;
      timestamp: string;
    }>`select name, timestamp from kysely_migration order by name desc limit 1`.execute(t.connection.db);
    const { name, timestamp } = last.rows[0];
    await sql`delete from kysely_migration where name = ${name}`.execute(t.connection.db);
    try {
      const ready = await request(t.app).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'DOWN', database: 'UP', migrations: 'PENDING', pending: [name] });
    } finally {
      await sql`insert into kysely_migration (name, timestamp) values (${name}, ${timestamp})`.execute(t.connection.db);
    }
  });

  it('says the process is alive but not ready while the database does not answer', async () => {
    // A database nobody listens for: every connection is refused at once.
    const pool = new pg.Pool({
      host: '127.0.0.1',
      port: 1,
      user: 'nobody',
      database: 'none',
      connectionTimeoutMillis: 2000,
    });
    const away = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    try {
      const { app } = buildApp(buildServices(away, t.services.config, createLogger('silent')));
      expect((await request(app).get('/health/live')).status).toBe(200);
      const ready = await request(app).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'DOWN', database: 'DOWN' });
      expect((await request(app).get('/health')).status).toBe(503);
    } finally {
      await away.destroy();
    }
  });
});
