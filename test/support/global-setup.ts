import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, migrateToLatest } from '../../src/db/connection.ts';
import { buildDemo } from '../../src/demo/demo.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { TEST_PASSWORD } from './constants.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    template: { kind: 'pglite'; path: string } | { kind: 'postgres'; serverUrl: string; database: string };
  }
}

/**
 * Builds one migrated template with the demo borough per run. Each test file then starts from a copy:
 * a PGlite data-directory dump, or `CREATE DATABASE … TEMPLATE` on a PostgreSQL server
 * when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = `ih_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database}`);
    await admin.query(`create database ${database}`);
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    const connection = await connect({ databaseUrl: url.toString() });
    await migrateToLatest(connection.db);
    await buildDemo(connection.db, { password: TEST_PASSWORD, clock: systemClock });
    await connection.close();
    project.provide('template', { kind: 'postgres', serverUrl, database });
    return async () => {
      await admin.query(`drop database if exists ${database}`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-test-'));
  const path = join(dir, 'template.tar');
  const connection = await connect({});
  try {
    await migrateToLatest(connection.db);
    await buildDemo(connection.db, { password: TEST_PASSWORD, clock: systemClock });
    await connection.db.destroy();
    await connection.embedded!.dump(path);
  } finally {
    await connection.embedded!.stop();
  }
  project.provide('template', { kind: 'pglite', path });
  return () => rmSync(dir, { recursive: true, force: true });
}
