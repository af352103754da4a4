import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, migrateToLatest, type Connection } from '../../src/db/connection.ts';

/** A fresh copy of the seeded template database for one test file. */
export async function freshDatabase(): Promise<Connection> {
  const template = inject('template');
  if (template.kind === 'pglite') return connect({ loadFrom: template.path });
  const database = `ih_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  await admin.query(`create database ${database} template ${template.database}`);
  const url = new URL(template.serverUrl);
  url.pathname = `/${database}`;
  const connection = await connect({ databaseUrl: url.toString() });
  return {
    ...connection,
    async close() {
      await connection.close();
      await admin.query(`drop database if exists ${database}`);
      await admin.end();
    },
  };
}

/** A migrated database with nothing in it, as a council's new live instance starts. */
export async function emptyDatabase(): Promise<Connection> {
  const template = inject('template');
  if (template.kind === 'pglite') {
    const connection = await connect({});
    await migrateToLatest(connection.db);
    return connection;
  }
  const database = `ih_empty_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: template.serverUrl });
  await admin.connect();
  await admin.query(`create database ${database}`);
  const url = new URL(template.serverUrl);
  url.pathname = `/${database}`;
  const connection = await connect({ databaseUrl: url.toString() });
  await migrateToLatest(connection.db);
  return {
    ...connection,
    async close() {
      await connection.close();
      await admin.query(`drop database if exists ${database}`);
      await admin.end();
    },
  };
}
