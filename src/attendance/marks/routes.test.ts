import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { makeUpn } from '../../children/rules.ts';

let t: TestApp;
let officer: Agent;
const A = makeUpn(311, '2001', 20, 7);
const URN = 102317;

const marksCsv = (rows: string[]) => Buffer.from(['upn,urn,date,session,code', ...rows].join('\n') + '\n');

async function upload(agent: Agent, file: Buffer | undefined) {
  const token = await csrfToken(agent, '/attendance/imports');
  const request = agent.post(`/attendance/imports?_csrf=${encodeURIComponent(token)}`);
  return file ? request.attach('file', file, 'marks.csv') : request.field('nothing', '');
}

/** Follows an import to its end, as its page does. */
async function finished(agent: Agent, location: string) {
  for (let i = 0; i < 100; i++) {
    const progress = await agent.get(`${location}/progress`);
    if (progress.body.status !== 'running') return agent.get(location);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import did not finish');
}

beforeAll(async () => ({ t, agent: officer } = await appSignedInAs('attendance_officer')));
afterAll(() => t.close());

describe('the marks import pages', () => {
  it('imports a file, showing its progress and then what was imported', async () => {
    const response = await upload(officer, marksCsv([`${A},${URN},2025-09-08,AM,/`, `${A},${URN},2025-09-08,PM,J`]));
    expect(response.status).toBe(303);
    const location = response.headers.location!;
    expect(location).toMatch(/^\/attendance\/imports\/\d+$/);
    const page = await finished(officer, location);
    expect(page.text).toContain('Imported');
    expect(page.text).toContain('2025 to 2026');
    expect(page.text).toContain('1 mark with the old code J recorded as J1');
    const list = await officer.get('/attendance/imports');
    expect(list.text).toContain(`href="${location}"`);
  });

  it('lists every problem by line and column when a file is refused, and imports nothing', async () => {
    const before = await t.connection.db.selectFrom('attendance_marks').selectAll().execute();
    const response = await upload(officer, marksCsv([`${A},${URN},2025-09-09,AM,/`, `${A},${URN},2025-09-09,XX,/`]));
    const page = await finished(officer, response.headers.location!);
    expect(page.text).toContain('Nothing was imported: the file has 1 problem');
    expect(page.text).toContain('Line 3, column session: ‘XX’ is not a session: use AM or PM');
    expect(await t.connection.db.selectFrom('attendance_marks').selectAll().execute()).toEqual(before);
  });

  it('asks for a file when none was chosen', async () => {
    const response = await upload(officer, undefined);
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select a CSV file of session marks');
  });

  it('is for attendance officers and school users: others are refused, and a school user sees only their own imports', async () => {
    const analyst = await t.signIn('analyst');
    expect((await analyst.get('/attendance/imports')).status).toBe(403);
    const school = await t.signIn('school_user');
    const mine = await school.get('/attendance/imports');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('No marks have been imported yet.');
    const theirs = await t.connection.db.selectFrom('attendance_imports').select('id').executeTakeFirstOrThrow();
    expect((await school.get(`/attendance/imports/${theirs.id}`)).status).toBe(404);
  });
});
