import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect, migrateToLatest, type Connection } from '../../src/db/connection.ts';

/**
 * A new database on the PostgreSQL server for one test file (`template`: a copy of that
 * database), dropped when the connection closes; `url` is its address for other processes.
 */
async function serverDatabase(
  serverUrl: string,
  prefix: string,
  template?: string,
  clockOffsetMs?: number,
): Promise<Connection & { url: string }> {
  const database = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${database}${template ? ` template ${template}` : ''}`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  const connection = await connect({ databaseUrl: url.toString(), clockOffsetMs });
  return {
    ...connection,
    url: url.toString(),
    async close() {
      await connection.close();
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    },
  };
}

export interface FreshDatabaseOptions {
  /** As for a service whose clock is that far ahead (src/db/connection.ts). */
  clockOffsetMs?: number;
  /**
   * `false`: without the demo's year of attendance marks (test/support/template.ts), a smaller
   * copy that opens faster, for test files that read no marks.
   */
  marks?: boolean;
}

/** A fresh copy of the template database, with the demo borough, for one test file. */
export async function freshDatabase({ clockOffsetMs, marks = true }: FreshDatabaseOptions = {}): Promise<Connection> {
  const template = inject('template');
  if (template.kind === 'pglite')
    return connect({ loadFrom: marks ? template.path : template.slimPath, clockOffsetMs });
  return serverDatabase(
    template.serverUrl,
    'ih_test',
    marks ? template.database : template.slimDatabase,
    clockOffsetMs,
  );
}

/**
 * A database with nothing in it, not even its tables, as a council's new server gives it; `url`
 * is set on PostgreSQL, for other processes to open it too.
 */
export async function blankDatabase(): Promise<Connection & { url?: string }> {
  const template = inject('template');
  if (template.kind === 'pglite') return connect({});
  return serverDatabase(template.serverUrl, 'ih_blank');
}

/** A migrated database with nothing in it, as a council's new live instance starts. */
export async function emptyDatabase(): Promise<Connection> {
  const connection = await blankDatabase();
  await migrateToLatest(connection.db);
  return connection;
}
