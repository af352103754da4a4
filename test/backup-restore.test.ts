import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startService, type Running } from '../src/start.ts';
import { connect } from '../src/db/connection.ts';
import { lockDataDir } from '../src/db/data-dir-lock.ts';
import { readManifest } from '../src/db/backup/backup-file.ts';

// The backup and restore commands, run as an operator runs them, on a service with its own data
// directory (not the test template).
const embedded = inject('template').kind === 'pglite';
const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-backup-'));
const dataDir = join(dir, 'pglite');
const backup = join(dir, 'taken-while-running.backup');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/db/backup/cli.ts', ...args],
      { env: { PATH: process.env.PATH, DATA_DIR: dataDir, ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof connect>>['db']) => Promise<T>): Promise<T> {
  const connection = await connect({ dataDir });
  try {
    return await work(connection.db);
  } finally {
    await connection.close();
  }
}

const counts = (db: Awaited<ReturnType<typeof connect>>['db']) =>
  Promise.all(
    (['children', 'referrals', 'cases'] as const).map(async (table) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ),
  );

describe.runIf(embedded)('backing up and restoring the embedded database', () => {
  let running: Running | undefined;
  beforeAll(async () => {
    running = await startService({
      ...loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, UPLOAD_DIR: join(dir, 'uploads') }),
      port: 0,
    });
  }, 120_000); // the first start seeds the demo borough

  afterAll(() => running?.stop());

  it('takes a consistent, compressed copy with a checksum from the running service', async () => {
    const taken = await run(['backup', '--out', backup]);
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('taken by the running service');
    const { manifest } = await readManifest(backup);
    expect(manifest).toMatchObject({
      formatVersion: 1,
      inclusionHub: '0.1.0',
      lastMigration: expect.stringMatching(/^\d{3}_/),
    });
    expect(manifest.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(readdirSync(`${dataDir}.control`)).toEqual([]);
  }, 60_000);

  it('refuses to restore while the service runs, naming the data directory', async () => {
    const refused = await run(['restore', '--file', backup]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `Inclusion Hub is running on the database in ${dataDir}: stop it before restoring.`,
    );
  }, 30_000);

  it('finishes a request in flight when asked to stop, then lets the data directory go', async () => {
    const service = running!;
    running = undefined;
    // The embedded database is one connection: holding it keeps a readiness check waiting.
    let stopping: Promise<void> | undefined;
    const { inFlight } = await service.connection.db.transaction().execute(async (trx) => {
      const inFlight = fetch(`${service.url}/health/ready`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      stopping = service.stop();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(fetch(`${service.url}/health/live`)).rejects.toThrow(); // no new connections
      await trx.selectFrom('children').select('id').limit(1).execute();
      return { inFlight }; // the transaction ends here, and the request can go on
    });
    expect((await inFlight).status).toBe(200);
    await stopping;
    const unlock = await lockDataDir(dataDir);
    await unlock();
  }, 30_000);

  it('puts back exactly what was backed up: a later change is gone and everything else is there', async () => {
    const before = await withDatabase(async (db) => {
      const child = await db
        .selectFrom('children')
        .select(['id', 'first_name'])
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('children')
        .set({ first_name: 'Changed after the backup' })
        .where('id', '=', child.id)
        .execute();
      return { child, counts: await counts(db) };
    });
    const restored = await run(['restore', '--file', backup]);
    expect(restored.stderr).toBe('');
    expect(restored.code).toBe(0);
    const [children, referrals, cases] = before.counts;
    expect(restored.stdout).toContain(`It holds ${children} children, ${referrals} referrals and ${cases} cases.`);
    const aside = /kept in (\S+):/.exec(restored.stdout)![1];
    expect(existsSync(join(aside, 'PG_VERSION'))).toBe(true);
    await withDatabase(async (db) => {
      const child = await db
        .selectFrom('children')
        .select('first_name')
        .where('id', '=', before.child.id)
        .executeTakeFirstOrThrow();
      expect(child.first_name).toBe(before.child.first_name);
      expect(await counts(db)).toEqual(before.counts);
    });
  }, 90_000);

  it('refuses a damaged backup by its checksum and changes nothing', async () => {
    const damaged = join(dir, 'damaged.backup');
    copyFileSync(backup, damaged);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 1000] ^= 0xff;
    writeFileSync(damaged, bytes);
    const beside = readdirSync(dir).sort();
    const { id } = await withDatabase(async (db) => {
      const child = await db.selectFrom('children').select('id').orderBy('id').executeTakeFirstOrThrow();
      await db.updateTable('children').set({ first_name: 'Kept' }).where('id', '=', child.id).execute();
      return child;
    });
    const refused = await run(['restore', '--file', damaged]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is damaged: its checksum does not match. Nothing was changed.');
    expect(readdirSync(dir).sort()).toEqual(beside);
    await withDatabase(async (db) => {
      expect(
        (await db.selectFrom('children').select('first_name').where('id', '=', id).executeTakeFirst())?.first_name,
      ).toBe('Kept');
    });
  }, 60_000);

  it('takes a backup with the service stopped by opening the data directory itself', async () => {
    const taken = await run(['backup', '--out', join(dir, 'taken-while-stopped.backup')]);
    expect(taken.code).toBe(0);
    expect(taken.stdout).toContain('the service was stopped');
  }, 60_000);
});

describe('backing up a PostgreSQL database', () => {
  const env = { DATABASE_URL: 'postgres://inclusion:not-to-be-printed@127.0.0.1:5432/inclusion_hub' };

  it('prints the pg_dump command with the database from DATABASE_URL, never its password', async () => {
    const printed = await run(['backup', '--out', '/backups/hub.dump'], env);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toContain(
      'pg_dump --format=custom --host=127.0.0.1 --port=5432 --username=inclusion --file=/backups/hub.dump inclusion_hub',
    );
    expect(printed.stdout + printed.stderr).not.toContain('not-to-be-printed');
  });

  it('points a restore to pg_restore and changes nothing', async () => {
    const refused = await run(['restore', '--file', '/backups/hub.dump'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('pg_restore --clean --if-exists');
    expect(refused.stderr).not.toContain('not-to-be-printed');
  });
});
