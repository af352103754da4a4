import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { connect } from '../db/connection.ts';
import { FIXTURE_COUNTS, FIXTURE_PATH } from '../../test/support/gias-fixture.ts';
import { giasRow, giasText, windows1252 } from '../../test/support/gias-file.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'schools-cli-'));
const serverUrl = process.env.TEST_DATABASE_URL;
const databaseName = `ih_schools_cli_${process.pid}`;

/** The database the command uses: a new embedded data directory, or a new database on the PostgreSQL server. */
async function databaseEnv(): Promise<NodeJS.ProcessEnv> {
  if (!serverUrl) return { DATA_DIR: join(folder, 'data') };
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.query(`create database ${databaseName}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return { DATABASE_URL: url.toString() };
}

const env = databaseEnv();
const cli = async (...args: string[]) =>
  run(process.execPath, ['src/schools/cli.ts', 'import-gias', ...args], { env: { ...process.env, ...(await env) } });

afterAll(async () => {
  if (!serverUrl) return;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${databaseName}`);
  await admin.end();
});

// Each command starts and migrates its own database, which takes a while on a busy machine.
describe('the schools command line imports the authority’s schools from the GIAS file', { timeout: 180_000 }, () => {
  it('prints the counts imported, updated, closed and left out by reason, as text or JSON', async () => {
    const text = await cli('--file', FIXTURE_PATH, '--la', '938');
    expect(text.stdout).toContain('New schools imported: 9');
    expect(text.stdout).toContain('Schools marked closed: 0');
    expect(text.stdout).toContain('Independent and non-maintained schools: 2');
    expect(text.stdout).toContain('Other authorities’ establishments: 4');
    const json = await cli('--file', FIXTURE_PATH, '--la', '938', '--format', 'json');
    expect(JSON.parse(json.stdout)).toEqual({ ...FIXTURE_COUNTS, imported: 0, unchanged: 9 });
  });

  it('refuses a bad file naming its row and column, exits with status 1 and changes nothing', async () => {
    const bad = join(folder, 'bad.csv');
    writeFileSync(
      bad,
      windows1252(giasText([giasRow({ URN: 'x1', 'LA (code)': 938, EstablishmentName: 'A school' })])),
    );
    const failed = await cli('--file', bad, '--la', '938').then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain(`${bad}: Row 2, URN: ‘x1’ is not a URN: it must be a whole number`);
    expect(failed?.stderr).toContain('Nothing was imported.');
    const again = await cli('--file', FIXTURE_PATH, '--la', '938', '--format', 'json');
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 9 });
  });

  it.skipIf(serverUrl)(
    'says so, naming the data directory, when the service is using the embedded database',
    async () => {
      const dataDir = join(folder, 'in-use');
      const running = await connect({ dataDir });
      try {
        const failed = await run(
          process.execPath,
          ['src/schools/cli.ts', 'import-gias', '--file', FIXTURE_PATH, '--la', '938'],
          { env: { ...process.env, DATA_DIR: dataDir } },
        ).then(
          () => undefined,
          (error: { code: number; stderr: string }) => error,
        );
        expect(failed?.code).toBe(1);
        expect(failed?.stderr).toContain(`The database in ${dataDir} is in use by another Inclusion Hub`);
      } finally {
        await running.close();
      }
    },
  );
});
