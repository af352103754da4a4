import { fixedClock } from '../../platform/clock.ts';
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { INTERRUPTED_BY_RESTART } from './rules.ts';
import { STOPPED_AFTER_MS, attendanceImports } from './service.ts';

let t: TestApp;
let officer: Agent;
let school: Agent;
const ids: Record<string, number> = {};
const db = () => t.connection.db;
const uploads = () => t.services.config.uploadDir;
const MB = 1024 * 1024;

/** A marks file of about `megabytes`, every row for a school no one may send marks for (so it is refused once read). */
const marksFile = (megabytes: number) =>
  Buffer.from(
    `upn,urn,date,session,code\n${'A311200120001A,999999,2025-09-08,AM,/\n'.repeat(Math.ceil((megabytes * MB) / 38))}`,
  );

async function upload(agent: Agent, file: Buffer) {
  const token = await csrfToken(agent, '/attendance/imports');
  return agent.post(`/attendance/imports?_csrf=${encodeURIComponent(token)}`).attach('file', file, 'marks.csv');
}

/** Waits for every import to finish, as their pages do. */
async function allFinished() {
  for (let i = 0; i < 300; i++) {
    const running = await db().selectFrom('attendance_imports').select('id').where('status', '=', 'running').execute();
    if (running.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('An import did not finish');
}

const importCount = async () =>
  Number(
    (
      await db()
        .selectFrom('attendance_imports')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const runningImport = async (user: string) =>
  (
    await db()
      .insertInto('attendance_imports')
      .values({ file_name: `${user}.csv`, uploaded_by: ids[user] })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  t = await createTestApp();
  [officer, school] = [await t.signIn('attendance_officer'), await t.signIn('school_user')];
  for (const role of ['attendance_officer', 'school_user', 'analyst'] as const) {
    ids[role] = (
      await db().selectFrom('users').select('id').where('email', '=', demoEmail(role)).executeTakeFirstOrThrow()
    ).id;
  }
});
afterAll(async () => {
  await allFinished();
  await t.close();
});
beforeEach(async () => {
  await allFinished();
  await db().deleteFrom('settings').execute();
});

describe('limits on marks uploads', () => {
  it('cuts off a file over the school users’ limit as it arrives, naming the limit, and keeps nothing of it', async () => {
    expect((await school.get('/attendance/imports')).text).toContain('The file must be smaller than 60 MB.');
    await db()
      .insertInto('settings')
      .values({ key: 'marks-upload-school-mb', value: JSON.stringify(1) })
      .execute();
    const before = await importCount();
    const page = await school.get('/attendance/imports');
    expect(page.text).toContain('The file must be smaller than 1 MB.');
    const response = await upload(school, marksFile(3));
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('The selected file must be smaller than 1 MB');
    expect(response.text).toContain('href="#file"');
    expect(await importCount()).toBe(before);
    expect(readdirSync(uploads())).toEqual([]);
    // The authority's staff have their own, larger limit (600 MB unless changed).
    expect((await officer.get('/attendance/imports')).text).toContain('The file must be smaller than 600 MB.');
    expect((await upload(officer, marksFile(3))).status).toBe(303);
  });

  it('runs one import at a time for each person, saying to try again when it has finished, and stores nothing meanwhile', async () => {
    const mine = await runningImport('attendance_officer');
    const before = await importCount();
    const response = await upload(officer, marksFile(0.01));
    expect(response.status).toBe(429);
    expect(response.text).toContain('An import you started is already running. Try again when it has finished');
    expect(await importCount()).toBe(before);
    expect(readdirSync(uploads())).toEqual([]);
    // Someone else may still start one.
    expect((await upload(school, marksFile(0.01))).status).toBe(303);
    await db().updateTable('attendance_imports').set({ status: 'failed' }).where('id', '=', mine).execute();
  });

  it('runs two imports at a time in all, and a start that finds no room removes the file it was given', async () => {
    const running = [await runningImport('attendance_officer'), await runningImport('analyst')];
    const response = await upload(school, marksFile(0.01));
    expect(response.status).toBe(429);
    expect(response.text).toContain(
      '2 imports are already running, as many as the service runs at once. Try again when one has finished',
    );
    // Two starts at the same moment for the last place: one goes ahead, the other is refused and its file removed.
    await db().updateTable('attendance_imports').set({ status: 'failed' }).where('id', '=', running[1]!).execute();
    const user = {
      id: ids.school_user,
      name: 'School',
      email: 'school@x',
      roles: ['school_user'],
      schoolUrns: [],
    } as unknown as CurrentUser;
    const files = ['a.csv', 'b.csv'].map((name) => join(uploads(), name));
    for (const path of files) writeFileSync(path, marksFile(0.01));
    const starts = await Promise.all(
      files.map((path) =>
        t.services.attendanceImports.start({ userId: ids.school_user, ip: null } as never, user, {
          path,
          originalname: 'marks.csv',
        }),
      ),
    );
    expect(starts.map((start) => start.ok).sort()).toEqual([false, true]);
    expect(starts.find((start) => !start.ok)).toEqual({
      ok: false,
      message: 'An import you started is already running. Try again when it has finished',
    });
    await Promise.all(starts.map((start) => (start.ok ? start.done : undefined)));
    expect(readdirSync(uploads())).toEqual([]);
    await db().updateTable('attendance_imports').set({ status: 'failed' }).where('id', '=', running[0]!).execute();
  });

  it('at start, marks imports a restart cut short as failed, telling the uploader to send the file again, and removes the files left behind', async () => {
    const cutShort = await runningImport('attendance_officer');
    const finished = await db()
      .insertInto('attendance_imports')
      .values({ file_name: 'done.csv', uploaded_by: ids.attendance_officer, status: 'imported' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const restartedAt = new Date('2026-03-02T09:30:00Z');
    const leftAt = new Date(restartedAt.getTime() - STOPPED_AFTER_MS - 1000);
    for (const name of ['import-file', 'half-uploaded']) {
      writeFileSync(join(uploads(), name), 'upn,urn,date,session,code\n');
      utimesSync(join(uploads(), name), leftAt, leftAt);
    }
    const recovered = await attendanceImports(db(), {
      uploadsFolder: uploads(),
      clock: fixedClock(restartedAt),
    }).recoverInterrupted();
    expect(recovered).toBe(1);
    expect(readdirSync(uploads())).toEqual([]);
    const rows = await db()
      .selectFrom('attendance_imports')
      .select(['id', 'status', 'finished_at', 'notes'])
      .where('id', 'in', [cutShort, finished.id])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      { id: cutShort, status: 'failed', finished_at: restartedAt, notes: [INTERRUPTED_BY_RESTART] },
      { id: finished.id, status: 'imported', finished_at: null, notes: [] },
    ]);
    const page = await officer.get(`/attendance/imports/${cutShort}`);
    expect(page.text).toContain(
      'The import stopped because the service restarted. Nothing from this file was imported. Upload it again.',
    );
    // Nothing is running any more, so the officer may import again.
    expect((await upload(officer, marksFile(0.01))).status).toBe(303);
  });

  it('at start beside another process, leaves that process’s running import and its file alone, and takes an import whose process went silent as cut short', async () => {
    const now = new Date('2026-03-02T09:30:00Z');
    const other = join(uploads(), 'other-process-file');
    writeFileSync(other, 'upn,urn,date,session,code\n');
    const arriving = join(uploads(), 'still-arriving');
    writeFileSync(arriving, 'upn,urn');
    utimesSync(arriving, now, now);
    const alive = await db()
      .insertInto('attendance_imports')
      .values({
        file_name: 'alive.csv',
        uploaded_by: ids.attendance_officer,
        heartbeat_at: new Date(now.getTime() - 30_000),
        upload_path: other,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const silent = await db()
      .insertInto('attendance_imports')
      .values({
        file_name: 'silent.csv',
        uploaded_by: ids.analyst,
        heartbeat_at: new Date(now.getTime() - STOPPED_AFTER_MS - 1000),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    try {
      expect(
        await attendanceImports(db(), { uploadsFolder: uploads(), clock: fixedClock(now) }).recoverInterrupted(),
      ).toBe(1);
      const rows = await db()
        .selectFrom('attendance_imports')
        .select(['id', 'status'])
        .where('id', 'in', [alive.id, silent.id])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: alive.id, status: 'running' },
        { id: silent.id, status: 'failed' },
      ]);
      expect(readdirSync(uploads()).sort()).toEqual(['other-process-file', 'still-arriving']);
    } finally {
      await db().updateTable('attendance_imports').set({ status: 'failed' }).where('id', '=', alive.id).execute();
      for (const path of [other, arriving]) utimesSync(path, 0, 0);
      await attendanceImports(db(), { uploadsFolder: uploads(), clock: fixedClock(now) }).recoverInterrupted();
    }
  });
});
