import { systemClock } from '../src/platform/clock.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { inject } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startService, type Running } from '../src/start.ts';
import { connect, migrateToLatest } from '../src/db/connection.ts';
import { migrations } from '../src/db/migrations/index.ts';
import { demoEmail } from '../src/demo/accounts.ts';
import { enqueue } from '../src/platform/notify/outbox.ts';
import { startNotificationSender } from '../src/platform/notify/sender.ts';
import type { NotifyClient } from '../src/platform/notify/notify-client.ts';
import { createLogger } from '../src/platform/logger.ts';
import type { Role } from '../src/platform/roles.ts';
import { csrfFrom, csrfToken, type Agent } from './support/app.ts';
import { sendReferral } from './support/referrals.ts';
import { TEST_PASSWORD } from './support/constants.ts';

// Several service processes on one PostgreSQL database, as a council runs them behind one address.
const template = inject('template');
const server = template.kind === 'postgres' ? template : undefined;
const admin = server && new pg.Client({ connectionString: server.serverUrl });
const made: string[] = [];

/** A new database on the test server: a copy of the seeded template, or empty. */
async function database(from?: string): Promise<string> {
  const name = `ih_processes_${randomBytes(6).toString('hex')}`;
  await admin!.query(`create database ${name}${from ? ` template ${from}` : ''}`);
  made.push(name);
  const url = new URL(server!.serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

describe.runIf(server)('several processes on one PostgreSQL database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'inclusion-hub-processes-'));
  let url: string;
  let one: Running;
  let two: Running;

  beforeAll(async () => {
    await admin!.connect();
    url = await database(server!.database);
    const config = (name: string) => ({
      ...loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: url,
        SESSION_SECRET: 'one secret shared by every process',
        UPLOAD_DIR: join(dir, name),
      }),
      port: 0,
    });
    one = await startService(config('one'));
    two = await startService(config('two'));
  }, 60_000);

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    for (const name of made) await admin!.query(`drop database if exists ${name}`);
    await admin!.end();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A browser whose requests go to each process in turn, with one set of cookies. */
  function browser(): Agent {
    const first = request.agent(one.url);
    const second = request.agent(two.url);
    (second as unknown as { jar: unknown }).jar = (first as unknown as { jar: unknown }).jar;
    let turn = 0;
    const next = () => (turn++ % 2 === 0 ? first : second);
    return { get: (path: string) => next().get(path), post: (path: string) => next().post(path) } as unknown as Agent;
  }

  async function signIn(agent: Agent, role: Role) {
    const page = await agent.get('/sign-in');
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({ email: demoEmail(role), password: TEST_PASSWORD, _csrf: csrfFrom(page.text) });
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.location).toBe('/');
  }

  it('shares sign-in: the session started on one process is signed in on the other', async () => {
    const first = request.agent(one.url);
    await signIn(first, 'school_user');
    const second = request.agent(two.url);
    (second as unknown as { jar: unknown }).jar = (first as unknown as { jar: unknown }).jar;
    const home = await second.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Sign out');
    expect((await request(two.url).get('/')).status).toBe(302); // without the cookie: not signed in
  });

  it('walks a referral from sending to allocation, each request going to the other process', async () => {
    const school = browser();
    await signIn(school, 'school_user');
    const referralId = await sendReferral(school, await csrfToken(school));

    const triage = browser();
    await signIn(triage, 'triage_manager');
    const decided = await triage
      .post(`/triage/${referralId}/decision`)
      .type('form')
      .send({
        level: '3',
        outcome: 'intensive',
        reason: 'Intensive support from a family practitioner.',
        _csrf: await csrfToken(triage),
      });
    expect(decided.status).toBe(302);

    const manager = browser();
    await signIn(manager, 'team_manager');
    expect((await manager.get('/allocation/queue')).text).toContain(`href="/allocation/queue/${referralId}"`);
    const { id: practitionerId } = await one.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('practitioner'))
      .executeTakeFirstOrThrow();
    const allocated = await manager
      .post(`/allocation/queue/${referralId}`)
      .type('form')
      .send({
        practitionerId,
        type: 'family-practitioner',
        reason: 'Agreed with the head of service.',
        _csrf: await csrfToken(manager, `/allocation/queue/${referralId}`),
      });
    expect(allocated.status).toBe(302);
    const kase = await two.connection.db
      .selectFrom('cases')
      .select('id')
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect((await manager.get(`/cases/${kase.id}`)).status).toBe(200);
  }, 60_000);

  it('sends each message in the outbox once when two senders run at the same time', async () => {
    const db = one.connection.db;
    await db.deleteFrom('notifications').execute();
    const references = Array.from({ length: 30 }, (_, i) => `SSFP-${String(i + 1).padStart(4, '0')}`);
    for (const reference of references) {
      await enqueue(db, {
        template: 'acknowledgement',
        recipient: 'head.teacher@school.example.sch.uk',
        personalisation: {
          reference,
          school_name: 'A school',
          date_received: '6 March 2026',
          outcome_due_by: '10 March 2026',
        },
      });
    }
    const sent: string[] = [];
    const notify: NotifyClient = {
      async sendEmail(_templateId, _email, options) {
        sent.push(options.personalisation.reference);
        await new Promise((resolve) => setTimeout(resolve, 10));
      },
    };
    const senders = [one, two].map((process) =>
      startNotificationSender({
        db: process.connection.db,
        client: notify,
        clock: systemClock,
        logger: createLogger('silent'),
        templateIds: { acknowledgement: 'notify-ack' },
        batchSize: 4,
        autoStart: false,
      }),
    );
    const drain = async (sender: (typeof senders)[number]) => {
      while ((await sender.runOnce()) > 0);
    };
    await Promise.all(senders.map(drain));
    expect(sent.sort()).toEqual(references);
    const statuses = await db.selectFrom('notifications').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
  }, 30_000);

  it('runs the migrations once when three processes start together on an empty database', async () => {
    const empty = await database();
    const connections = await Promise.all([1, 2, 3].map(() => connect({ databaseUrl: empty })));
    try {
      await Promise.all(connections.map((connection) => migrateToLatest(connection.db)));
      const ran = await connections[0].db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(ran.map((row) => (row as { name: string }).name).sort()).toEqual(
        Object.keys(await migrations.getMigrations()).sort(),
      );
    } finally {
      await Promise.all(connections.map((connection) => connection.close()));
    }
  }, 60_000);
});
