import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startService } from '../src/start.ts';
import { verifyPassword } from '../src/platform/auth/passwords.ts';
import { demoEmail } from '../src/demo/accounts.ts';

// Start-up on the embedded database with its own data directory (not the test template).
const embedded = inject('template').kind === 'pglite';
const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(embedded)('starting the service on the embedded database', () => {
  const config = () => ({
    ...loadConfig({ NODE_ENV: 'test', DATA_DIR: join(dir, 'pglite'), UPLOAD_DIR: join(dir, 'uploads') }),
    port: 0,
  });

  it('creates the demo borough on first start, with a random password stored only as a hash', async () => {
    const running = await startService(config());
    try {
      expect(running.seeded?.password).toMatch(/^[\w-]{12}$/);
      const health = await fetch(`${running.url}/health`);
      expect(health.status).toBe(200);
      const admin = await running.connection.db
        .selectFrom('users')
        .select('password_hash')
        .where('email', '=', demoEmail('admin'))
        .executeTakeFirstOrThrow();
      expect(admin.password_hash).not.toContain(running.seeded!.password!);
      expect(await verifyPassword(admin.password_hash, running.seeded!.password!)).toBe(true);
      const schools = await running.connection.db
        .selectFrom('schools')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(schools.n)).toBe(83);
      // The year of attendance marks is made just after the service is ready.
      expect(await running.demoMarks).toBe('made');
      const roll = await running.connection.db
        .selectFrom('pupil_roll')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(roll.n)).toBeGreaterThan(0);
    } finally {
      await running.stop();
    }
  }, 180_000); // the first start seeds the whole demo borough (and then its attendance marks), slower while other test files run

  it('keeps the data and does not seed again on the next start', async () => {
    const running = await startService(config());
    try {
      expect(running.seeded).toBeUndefined();
      expect(await running.demoMarks).toBe('present');
      const users = await running.connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(users.n)).toBeGreaterThanOrEqual(9);
    } finally {
      await running.stop();
    }
  });

  it('starts although a lock file left by an older version names a process that is running', async () => {
    writeFileSync(join(dir, 'pglite.lock'), String(process.ppid));
    const running = await startService(config());
    await running.stop();
  });

  it('refuses to open a data directory another running server is using', async () => {
    const first = await startService(config());
    try {
      await expect(startService(config())).rejects.toThrow(/is in use by another Inclusion Hub/);
    } finally {
      await first.stop();
    }
  });
});

describe.runIf(embedded)('starting a council’s service in production', () => {
  it('refuses to create the demo in production, naming every problem in one line each, and stores nothing', async () => {
    const dataDir = join(dir, 'production');
    const config = {
      ...loadConfig({
        NODE_ENV: 'production',
        ALLOW_EMBEDDED_IN_PRODUCTION: 'true',
        SESSION_SECRET: 'too-short',
        SERVICE_URL: 'https://inclusion.anytown.example',
        DATA_DIR: dataDir,
        UPLOAD_DIR: join(dir, 'uploads'),
        LOG_LEVEL: 'silent',
      }),
      port: 0,
    };
    const refused = await startService(config).then(
      (running) => running.stop().then(() => undefined),
      (error: Error) => error,
    );
    expect(refused?.message.split('\n')).toEqual([
      'Inclusion Hub cannot start:',
      '- SESSION_SECRET is too short: use a random value of at least 32 characters.',
      '- SECURE_COOKIES is not true: in production the service is reached over HTTPS, and its cookies must only travel over HTTPS.',
      '- This database is the demo borough, with fictional people and demo accounts whose password was printed: it cannot run with NODE_ENV=production. Start a live instance on a new, empty database with DEMO=off.',
    ]);
    // Started again as a live instance, it runs with no demo data.
    const live = await startService({
      ...config,
      demo: false,
      sessionSecret: 'x'.repeat(32),
      secureCookies: true,
      trustProxy: 1,
    });
    try {
      expect(live.kind).toBe('live');
      expect(live.seeded).toBeUndefined();
      const users = await live.connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(users.n)).toBe(0);
      const page = await fetch(`${live.url}/sign-in`);
      expect(await page.text()).not.toContain('Demo — all people are fictional');
    } finally {
      await live.stop();
    }
  }, 90_000);
});
