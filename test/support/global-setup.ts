import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connect, migrateToLatest, type Db } from '../../src/db/connection.ts';
import { buildDemo } from '../../src/demo/demo.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { TEST_PASSWORD } from './constants.ts';
import { cachedTemplates, checkpoint, dropMarks, dropUnneededWal, keepTemplates } from './template.ts';

/** Where each test file's database is copied from: the demo borough, and the same without its attendance marks. */
export type Templates =
  | { kind: 'pglite'; path: string; slimPath: string }
  | { kind: 'postgres'; serverUrl: string; database: string; slimDatabase: string };

declare module 'vitest' {
  export interface ProvidedContext {
    template: Templates;
  }
}

async function migratedDemo(db: Db) {
  await migrateToLatest(db);
  await buildDemo(db, { password: TEST_PASSWORD, clock: systemClock });
}

/**
 * Builds one migrated template with the demo borough per run, and a slim one without the
 * attendance marks (for the test files that read none). Each test file then starts from a copy:
 * a PGlite data-directory dump, or `CREATE DATABASE … TEMPLATE` on a PostgreSQL server
 * when TEST_DATABASE_URL is set.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const database = `ih_template_${process.pid}`;
    const slimDatabase = `${database}_slim`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    const dropTemplates = async () => {
      for (const name of [database, slimDatabase]) await admin.query(`drop database if exists ${name}`);
    };
    await dropTemplates();
    await admin.query(`create database ${database}`);
    const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
    const connection = await connect({ databaseUrl: urlOf(database) });
    await migratedDemo(connection.db);
    await connection.close();
    await admin.query(`create database ${slimDatabase} template ${database}`);
    const slim = await connect({ databaseUrl: urlOf(slimDatabase) });
    await dropMarks(slim.db);
    await slim.close();
    project.provide('template', { kind: 'postgres', serverUrl, database, slimDatabase });
    return async () => {
      await dropTemplates();
      await admin.end();
    };
  }
  const cached = cachedTemplates();
  if (cached) {
    project.provide('template', { kind: 'pglite', ...cached });
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-test-'));
  const path = join(dir, 'template.tar');
  const slimPath = join(dir, 'template-slim.tar');
  const connection = await connect({});
  const embedded = connection.embedded!;
  try {
    await migratedDemo(connection.db);
    // Checkpointed before each dump, which then leaves out the log a fresh start does not replay.
    const wal = await checkpoint(connection.db);
    await embedded.dump(path);
    dropUnneededWal(path, wal);
    await dropMarks(connection.db);
    const slimWal = await checkpoint(connection.db);
    await embedded.dump(slimPath);
    dropUnneededWal(slimPath, slimWal);
    await connection.db.destroy();
  } finally {
    await embedded.stop();
  }
  keepTemplates(path, slimPath);
  project.provide('template', { kind: 'pglite', path, slimPath });
  return () => rmSync(dir, { recursive: true, force: true });
}
