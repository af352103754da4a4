import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { connect } from '../src/db/connection.ts';
import { isDatabaseUnavailable } from '../src/db/availability.ts';
import { listeningSockets, type Listener } from './support/sockets.ts';

const template = inject('template');
const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-resilience-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const key = (listener: Listener) => `${listener.kind}:${listener.where}`;

/** Tries what an attacker on the same machine would: connect as `postgres` and read the users. */
async function stealUsers(listener: Listener): Promise<string | undefined> {
  const target =
    listener.kind === 'tcp'
      ? { host: '127.0.0.1', port: Number(listener.where) }
      : { host: listener.where.replace(/\/[^/]*$/, '') };
  const client = new pg.Client({ ...target, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const result = await client.query('select count(*) as n from users');
    return `${key(listener)} answered: ${result.rows[0].n} users`;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

describe.runIf(template.kind === 'pglite')('the embedded database', () => {
  it('accepts no connection from another process: it listens on no port and no socket', async () => {
    const before = new Set(listeningSockets().map(key));
    const connection = await connect(template.kind === 'pglite' ? { loadFrom: template.path } : {});
    try {
      const users = await connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(users.n)).toBeGreaterThan(0);
      // Let the pool's connection go idle, as an attacker would wait for.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const opened = listeningSockets().filter((listener) => !before.has(key(listener)));
      const stolen = (await Promise.all(opened.map(stealUsers))).filter(Boolean);
      expect(stolen).toEqual([]);
      expect(opened).toEqual([]);
    } finally {
      await connection.close();
    }
  }, 60_000);

  it('starts its database thread again after a crash, and answers as unavailable meanwhile', async () => {
    const connection = await connect({ dataDir: join(dir, `crash-${randomBytes(4).toString('hex')}`) });
    try {
      await sql`create table kept (n int)`.execute(connection.db);
      await sql`insert into kept values (42)`.execute(connection.db);
      await connection.embedded!.crash();
      const during = await sql`select 1`.execute(connection.db).then(
        () => undefined,
        (error: Error) => error,
      );
      // Either the query ran after the restart, or it failed as "unavailable" (503), never otherwise.
      if (during) expect(isDatabaseUnavailable(during)).toBe(true);
      const started = performance.now();
      let rows: { n: number }[] = [];
      while (performance.now() - started < 15_000) {
        try {
          rows = (await sql<{ n: number }>`select n from kept`.execute(connection.db)).rows;
          break;
        } catch (error) {
          expect(isDatabaseUnavailable(error)).toBe(true);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      expect(rows).toEqual([{ n: 42 }]);
    } finally {
      await connection.close();
    }
  }, 120_000); // creates a database on disk and starts it twice
});

/** Starts the real service (`node src/server.ts`) as its own process on the given database. */
async function startServer(databaseUrl: string): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['src/server.ts'], {
    env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The service did not start:\n${output}`)), 30_000);
    child.stdout!.on('data', () => {
      const match = /running at (http:\/\/localhost:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`The service exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

describe.runIf(template.kind === 'postgres')('a PostgreSQL server that ends the service’s connections', () => {
  it('keeps the service running through terminated connections under load, answering 503 and then serving again within seconds', async () => {
    if (template.kind !== 'postgres') return;
    const database = `ih_resilience_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: template.serverUrl });
    await admin.connect();
    await admin.query(`create database ${database} template ${template.database}`);
    const url = new URL(template.serverUrl);
    url.pathname = `/${database}`;
    const server = await startServer(url.toString());
    const statuses = new Map<string, number>();
    const count = (what: string) => statuses.set(what, (statuses.get(what) ?? 0) + 1);
    try {
      let loading = true;
      const load = Array.from({ length: 12 }, async (_, i) => {
        while (loading && server.child.exitCode === null) {
          const path = i % 2 ? '/health' : '/sign-in';
          try {
            const response = await fetch(server.url + path);
            await response.arrayBuffer();
            count(String(response.status));
          } catch {
            count('connection closed');
          }
        }
      });
      const terminate = () =>
        admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [database],
        );
      for (let round = 0; round < 3; round++) {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await terminate();
      }
      const terminatedAt = performance.now();
      let healthy = false;
      while (!healthy && server.child.exitCode === null && performance.now() - terminatedAt < 10_000) {
        healthy =
          (await fetch(`${server.url}/health`).then(
            (r) => r.status,
            () => 0,
          )) === 200;
        if (!healthy) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const recoveredAfter = Math.round(performance.now() - terminatedAt);
      loading = false;
      await Promise.all(load);
      expect(server.child.exitCode, server.output()).toBeNull();
      expect(healthy).toBe(true);
      expect((await fetch(`${server.url}/sign-in`)).status).toBe(200);
      expect(statuses.get('500') ?? 0, JSON.stringify([...statuses])).toBe(0);
      expect(statuses.get('200') ?? 0).toBeGreaterThan(0);
      console.log(
        `Terminated the service's connections 3 times under load: ${JSON.stringify(Object.fromEntries(statuses))}; serving again ${recoveredAfter} ms after the last`,
      );
    } finally {
      if (server.child.exitCode === null) {
        const exited = new Promise((resolve) => server.child.once('exit', resolve));
        server.child.kill('SIGTERM');
        await exited;
      }
      await admin.query(`drop database if exists ${database} with (force)`);
      await admin.end();
    }
  }, 60_000);
});
