import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeUpn } from '../../children/rules.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { sessionIndex } from '../rules.ts';

let t: TestApp;
const folder = mkdtempSync(join(tmpdir(), 'attendance-import-'));
const A = makeUpn(311, '2001', 20, 1);
const B = makeUpn(311, '2001', 20, 2);
const URN = 102317;
let OTHER = 0;
const db = () => t.connection.db;
const actor = { userId: null, ip: null } as never;
const officer = {
  id: 0,
  name: 'Officer',
  email: 'o@x',
  roles: ['attendance_officer'],
  schoolUrns: [],
} as unknown as CurrentUser;

let count = 0;
function upload(rows: string[]) {
  const path = join(folder, `marks-${++count}.csv`);
  writeFileSync(path, ['upn,urn,date,session,code', ...rows].join('\n') + '\n');
  return { path, originalname: `marks-${count}.csv` };
}

async function importAs(user: CurrentUser, rows: string[]) {
  const started = await t.services.attendanceImports.start(
    actor,
    { ...user, id: (await db().selectFrom('users').select('id').executeTakeFirstOrThrow()).id },
    upload(rows),
  );
  if (!started.ok) throw new Error(started.message);
  const { id, done } = started;
  await done;
  return db().selectFrom('attendance_imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

const week = (urn: number, upn: string, code: (day: number, session: string) => string) =>
  ['2025-09-08', '2025-09-09', '2025-09-10', '2025-09-11', '2025-09-12'].flatMap((date, day) =>
    ['AM', 'PM'].map((session) => `${upn},${urn},${date},${session},${code(day, session)}`),
  );

const stored = async (urn: number, upn: string) =>
  await db()
    .selectFrom('attendance_marks')
    .selectAll()
    .where('urn', '=', urn)
    .where('upn', '=', upn)
    .executeTakeFirst();

beforeAll(async () => {
  t = await createTestApp();
  OTHER = (
    await db().selectFrom('schools').select('urn').where('urn', '!=', URN).orderBy('urn').executeTakeFirstOrThrow()
  ).urn;
  await db().deleteFrom('attendance_marks').execute();
  await db().deleteFrom('attendance_school_weeks').execute();
  await db().deleteFrom('attendance_group_totals').execute();
});
afterAll(() => t.close());

describe('importing session marks', () => {
  it('saves each pupil’s marks and the year’s counts, and the school’s weekly counts', async () => {
    const result = await importAs(officer, [
      ...week(URN, A, (day) => (day === 0 ? 'I' : '/')),
      ...week(URN, B, () => 'N'),
    ]);
    expect(result).toMatchObject({
      status: 'imported',
      rows_total: 20,
      rows_done: 20,
      academic_year: '2025/26',
      schools: 1,
      pupils: 2,
      problem_count: 0,
    });
    expect(await stored(URN, A)).toMatchObject({ possible: 10, attended: 8, authorised: 2, unauthorised: 0 });
    const marks = (await stored(URN, A))!.marks;
    expect(marks.slice(sessionIndex('2025-09-08', 'AM', 2025), sessionIndex('2025-09-09', 'PM', 2025) + 1)).toBe(
      'II//',
    );
    const weeks = await db().selectFrom('attendance_school_weeks').selectAll().where('urn', '=', URN).execute();
    expect(weeks).toEqual([
      {
        academic_year: '2025/26',
        urn: URN,
        week_start: '2025-09-08',
        pupils: 2,
        possible: 20,
        attended: 8,
        authorised: 2,
        unauthorised: 10,
      },
    ]);
  });

  it('a re-import for the same school and dates replaces those marks and keeps the rest', async () => {
    const result = await importAs(
      officer,
      week(URN, A, () => '/').filter((row) => row.includes('2025-09-08')),
    );
    expect(result.status).toBe('imported');
    expect(await stored(URN, A)).toMatchObject({ possible: 10, attended: 10, authorised: 0 });
    // B had no marks on 8 September in the new file, so that day is cleared and the rest kept.
    expect(await stored(URN, B)).toMatchObject({ possible: 8, unauthorised: 8 });
  });

  it('a file with a bad row imports nothing and names the line and column', async () => {
    const before = await db().selectFrom('attendance_marks').selectAll().execute();
    const result = await importAs(officer, [...week(OTHER, A, () => 'I'), `${A},${OTHER},2025-09-15,AM,H`]);
    expect(result).toMatchObject({
      status: 'refused',
      problem_count: 1,
      problems: [{ line: 12, column: 'code', message: expect.stringContaining('‘H’ is not a 2024 attendance code') }],
    });
    expect(await db().selectFrom('attendance_marks').selectAll().execute()).toEqual(before);
  });

  it('a school user can send marks only for their own school', async () => {
    const school = { ...officer, roles: ['school_user'], schoolUrns: [URN] } as unknown as CurrentUser;
    const result = await importAs(
      school,
      week(OTHER, A, () => '/'),
    );
    expect(result).toMatchObject({ status: 'refused', problem_count: 10 });
    expect(result.problems[0]).toEqual({
      line: 2,
      column: 'urn',
      message: `You cannot send marks for school ${OTHER}: only for your own school`,
    });
    expect(await stored(OTHER, A)).toBeUndefined();
  });
});
