import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/connection.ts';
import { lockDataDir } from '../../db/data-dir-lock.ts';
import { instanceKind } from '../instance/instance.ts';
import { tokenHash } from './password-links.ts';

// The accounts command line, run as an operator runs it: a real process on a real database.
// Each process takes a few seconds to start, more on a busy machine.
const SLOW = 90_000;

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function newDataDir(): string {
  const folder = mkdtempSync(join(tmpdir(), 'admin-cli-'));
  folders.push(folder);
  return folder;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function admin(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['src/platform/users/cli.ts', ...args],
      { env: { ...process.env, DATABASE_URL: '', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const SERVICE_URL = 'https://inclusion.council.example';
const LINK = /^https:\/\/inclusion\.council\.example\/set-password\/([A-Za-z0-9_-]{43})$/m;

function tokenIn(run: Run): string {
  const match = LINK.exec(run.stdout);
  if (!match) throw new Error(`No link in: ${run.stdout}${run.stderr}`);
  return match[1]!;
}

describe('the accounts command line on the embedded database', () => {
  it(
    'creates the first administrator with a one-time link on a line of its own, lists the account, and makes the database a live instance',
    async () => {
      const dataDir = newDataDir();
      const env = { DATA_DIR: dataDir, SERVICE_URL };
      const created = await admin(env, 'create', '--email', 'Jo.Bloggs@council.example', '--name', 'Jo Bloggs');
      expect(created.code, created.stderr).toBe(0);
      const token = tokenIn(created);

      const listed = await admin(env, 'list', '--format', 'json');
      expect(listed.code, listed.stderr).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([
        { email: 'Jo.Bloggs@council.example', name: 'Jo Bloggs', roles: ['admin'], schools: [], disabled: false },
      ]);

      const again = await admin(env, 'create', '--email', 'jo.bloggs@council.example', '--name', 'Someone Else');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('An account with the email address jo.bloggs@council.example already exists');

      const connection = await connect({ dataDir });
      try {
        expect(await instanceKind(connection.db)).toBe('live');
        // Set up as the service sets up a live instance, with England's bank holidays.
        expect(await connection.db.selectFrom('bank_holidays').select('date').execute()).not.toHaveLength(0);
        const links = await connection.db
          .selectFrom('password_links')
          .select(['token_hash', 'purpose', 'created_by'])
          .execute();
        expect(links).toEqual([{ token_hash: tokenHash(token), purpose: 'set', created_by: null }]);
        const audits = await connection.db
          .selectFrom('audit_events')
          .select(['user_id', 'action', 'details'])
          .orderBy('id')
          .execute();
        expect(audits).toEqual([
          { user_id: null, action: 'create', details: { roles: ['admin'], via: 'command line' } },
          { user_id: null, action: 'issue password link', details: { purpose: 'set', via: 'command line' } },
        ]);
      } finally {
        await connection.close();
      }
    },
    SLOW,
  );

  it(
    'refuses, naming the data directory, while the service has the database open',
    async () => {
      const dataDir = newDataDir();
      const unlock = await lockDataDir(dataDir);
      try {
        const refused = await admin(
          { DATA_DIR: dataDir },
          'create',
          '--email',
          'jo@council.example',
          '--name',
          'Jo Bloggs',
        );
        expect(refused.code).toBe(1);
        expect(refused.stderr.trim().split('\n')).toHaveLength(1);
        expect(refused.stderr).toContain(`The database in ${dataDir} is in use`);
        expect(refused.stderr).toContain('stop the service first');
        expect(refused.stdout).toBe('');
      } finally {
        await unlock();
      }
    },
    SLOW,
  );

  it(
    'answers bad arguments with the problem and the usage, exit status 2, before opening the database',
    async () => {
      // The data directory is held: a command that got as far as the database would say so (status 1) instead.
      const dataDir = newDataDir();
      const unlock = await lockDataDir(dataDir);
      for (const [args, problem] of [
        [['create', '--email', 'jo@council.example'], '--name is missing'],
        [
          ['create', '--email', 'jo@council.example', '--name', 'Jo', '--role', 'headteacher'],
          'There is no role "headteacher"',
        ],
        [
          ['create', '--email', 'jo@council.example', '--name', 'Jo', '--role', 'school_user'],
          '--school: Select the school this person works at',
        ],
        [['remove', '--email', 'jo@council.example'], 'There is no command "remove"'],
      ] as const) {
        const run = await admin({ DATA_DIR: dataDir }, ...args);
        expect(run.code, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(problem);
        expect(run.stderr).toContain('Usage:');
      }
      await unlock();
    },
    SLOW,
  );
});

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('the accounts command line on PostgreSQL', () => {
  it(
    'creates an account and issues a reset link while anything else has the database open',
    async () => {
      const name = `ih_admin_cli_${randomBytes(6).toString('hex')}`;
      const server = new pg.Client({ connectionString: serverUrl });
      await server.connect();
      await server.query(`create database ${name}`);
      const url = new URL(serverUrl!);
      url.pathname = `/${name}`;
      const env = { DATABASE_URL: url.toString(), SERVICE_URL };
      // A second process (as a running service would be) holds a connection throughout.
      const service = new pg.Client({ connectionString: url.toString() });
      await service.connect();
      try {
        const created = await admin(
          env,
          'create',
          '--email',
          'sam@council.example',
          '--name',
          'Sam Patel',
          '--role',
          'triage_manager',
        );
        expect(created.code, created.stderr).toBe(0);
        const first = tokenIn(created);
        const reset = await admin(env, 'reset-password', '--email', 'SAM@council.example');
        expect(reset.code, reset.stderr).toBe(0);
        expect(tokenIn(reset)).not.toBe(first);
        const listed = await admin(env, 'list');
        expect(listed.stdout.split('\n')[0]).toMatch(/^Email\s+Name\s+Roles\s+Disabled$/);
        expect(listed.stdout).toMatch(/sam@council\.example\s+Sam Patel\s+triage_manager\s+no/);
        const { rows } = await service.query('select purpose from password_links order by id');
        expect(rows).toEqual([{ purpose: 'set' }, { purpose: 'reset' }]);
      } finally {
        await service.end();
        await server.query(`drop database if exists ${name} with (force)`);
        await server.end();
      }
    },
    SLOW,
  );
});
