import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.ts';
import { configProblems } from './config-check.ts';
import { startService } from './start.ts';

describe('settings checked before the service starts', () => {
  it('refuses Secure cookies without a trusted proxy, since nobody could then sign in', () => {
    expect(configProblems(loadConfig({ SECURE_COOKIES: 'true' }))).toEqual([
      'SECURE_COOKIES is true but TRUST_PROXY is not set: the service only sees plain HTTP, so it would set no session cookie and nobody could sign in. Set TRUST_PROXY to the number of proxies in front of the service (usually 1).',
    ]);
    expect(configProblems(loadConfig({ SECURE_COOKIES: 'true', TRUST_PROXY: '1' }))).toEqual([]);
    expect(configProblems(loadConfig({}))).toEqual([]);
  });

  it('gives one line for each setting that cannot be read', () => {
    const problems = configProblems(
      loadConfig({ TRUST_PROXY: 'yes', SIGN_IN_LIMIT_PER_ACCOUNT: 'five', IDLE_TIMEOUT_MINUTES: '0' }),
    );
    expect(problems).toEqual([
      'TRUST_PROXY must be the number of proxies in front of the service (0, 1, 2 …), true or false.',
      'IDLE_TIMEOUT_MINUTES must be a number of minutes greater than 0.',
      'SIGN_IN_LIMIT_PER_ACCOUNT must be a whole number greater than 0.',
    ]);
  });

  it('stops the service before it opens the database, with the problem in one line', async () => {
    const dataDir = join(tmpdir(), `inclusion-hub-config-${process.pid}`);
    const config = { ...loadConfig({ NODE_ENV: 'test', SECURE_COOKIES: 'true', DATA_DIR: dataDir }), port: 0 };
    const refused = await startService(config).then(
      (running) => running.stop().then(() => undefined),
      (error: Error) => error,
    );
    expect(refused?.message.split('\n')).toEqual(['Inclusion Hub cannot start:', `- ${configProblems(config)[0]}`]);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('settings checked before a production service starts', () => {
  const production = (env: Record<string, string>) =>
    configProblems(loadConfig({ NODE_ENV: 'production', TRUST_PROXY: '1', ...env }));
  const safe = {
    SESSION_SECRET: 'a'.repeat(32),
    SECURE_COOKIES: 'true',
    DATABASE_URL: 'postgres://inclusion@db/inclusion',
    SERVICE_URL: 'https://inclusion.anytown.example',
  };

  it('refuses production without a session secret, its https address, Secure cookies or a PostgreSQL server, one line each', () => {
    const problems = production({});
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^SESSION_SECRET is not set/);
    expect(problems[1]).toMatch(/^SERVICE_URL must be the https:\/\/ address people use/);
    expect(problems[2]).toMatch(/^SECURE_COOKIES is not true/);
    expect(problems[3]).toMatch(/^DATABASE_URL is not set: the embedded database is for one machine and trials/);
    expect(production(safe)).toEqual([]);
  });

  it('refuses a short session secret in production', () => {
    expect(production({ ...safe, SESSION_SECRET: 'short-secret' })).toEqual([
      'SESSION_SECRET is too short: use a random value of at least 32 characters.',
    ]);
  });

  it('allows the embedded database in production only when told to', () => {
    const embedded = { ...safe, DATABASE_URL: '' };
    expect(production(embedded)).toHaveLength(1);
    expect(production({ ...embedded, ALLOW_EMBEDDED_IN_PRODUCTION: 'true' })).toEqual([]);
  });

  it('refuses a fixed clock (NOW) in production: real records need the real time', () => {
    expect(production({ ...safe, NOW: '2027-03-10T10:00' })).toEqual([
      'NOW is set: a fixed clock is for the demo and tests. In production the service runs on the real time.',
    ]);
    expect(configProblems(loadConfig({ NOW: '2027-03-10T10:00' }))).toEqual([]);
  });

  it('refuses a NOW it cannot read, naming the form it takes', () => {
    expect(configProblems(loadConfig({ NOW: '10/03/2027' }))).toEqual([
      'NOW must be a date and time in London, like 2027-03-10T10:00 (or a date, like 2027-03-10).',
    ]);
    expect(configProblems(loadConfig({ NOW: '2027-02-30' }))).toHaveLength(1);
  });

  it('checks nothing of this outside production', () => {
    expect(configProblems(loadConfig({}))).toEqual([]);
  });
});
