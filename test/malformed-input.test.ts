// Bad input changes nothing and is named: what fuzzing found answering 500, each case by the
// rule it breaks (GOV.UK Service Manual: Validation; GOV.UK Design System: Error summary).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from './support/app.ts';
import { multipart, type FuzzFile } from './support/multipart.ts';
import { makeUpn } from '../src/children/rules.ts';
import { BAD_FILE_NAME } from '../src/platform/upload.ts';

let t: TestApp;
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['senior_practitioner', 'admin', 'attendance_officer', 'school_user'] as const)
    agents[role] = await t.signIn(role);
});
afterAll(() => t.close());

const auditCount = async () =>
  Number(
    (
      await t.connection.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function upload(agent: Agent, path: string, file: FuzzFile, fields: [string, string][] = []) {
  const token = await csrfToken(agent);
  const { body, contentType } = multipart(fields, file);
  return agent
    .post(`${path}?_csrf=${encodeURIComponent(token)}`)
    .set('Content-Type', contentType)
    .send(body);
}

/** A CSV file; a name with a control character is sent percent-encoded (`filename*`), as only that way can it arrive. */
const csv = (text: string, name = 'upload.csv'): FuzzFile => ({
  name,
  contentType: 'text/csv',
  content: Buffer.from(text, 'utf8'),
  encodeName: true,
});
const knownEpisodes = () => t.connection.db.selectFrom('known_episodes').selectAll().execute();

describe('bad input changes nothing and is named', () => {
  it('refuses a control character in any form field, naming the field', async () => {
    const agent = agents.senior_practitioner!;
    const before = await auditCount();
    const response = await agent
      .post('/groups/clusters/new')
      .type('form')
      .send({ _csrf: await csrfToken(agent), year: '2026/27', name: 'North\u0000' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Name must not contain control characters');
    expect(response.text).toContain('Nothing has been changed');
    expect(await auditCount()).toBe(before);
  });

  it('refuses a NUL in a referral’s answers, naming the field, and keeps the draft as it was', async () => {
    const agent = agents.school_user!;
    const csrf = await csrfToken(agent);
    const draft = await agent.post('/referrals/new').type('form').send({ _csrf: csrf });
    const id = Number(/\/referrals\/(\d+)\//.exec(draft.headers.location ?? '')![1]);
    const answers = async () =>
      (await t.connection.db.selectFrom('referrals').select('answers').where('id', '=', id).executeTakeFirstOrThrow())
        .answers;
    const before = await answers();
    const response = await agent
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ _csrf: csrf, firstName: 'Am\u0000ara', lastName: 'Okafor' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('First name must not contain control characters');
    expect(await answers()).toEqual(before);
  });

  it('refuses a control character in a search, naming the field', async () => {
    const response = await agents.senior_practitioner!.get('/children?search=Amara%00');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Search must not contain control characters');
  });

  it('refuses a JSON object where a form sends text, naming the field', async () => {
    const agent = agents.senior_practitioner!;
    const before = await auditCount();
    const response = await agent
      .post('/groups/clusters/new')
      .type('json')
      .send({ _csrf: await csrfToken(agent), year: '2026/27', name: { a: 1 } });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Name must be text');
    expect(await auditCount()).toBe(before);
  });

  it('answers an id too large for the database as a page not found', async () => {
    expect((await agents.senior_practitioner!.get('/cases/99999999999999999999/plan')).status).toBe(404);
    expect((await agents.senior_practitioner!.get('/children/2147483648')).status).toBe(404);
  });

  it('answers a child id that is not a number, sent from the school roll, as not found', async () => {
    const agent = agents.school_user!;
    const csrf = await csrfToken(agent);
    const draft = await agent.post('/referrals/new').type('form').send({ _csrf: csrf });
    const id = /\/referrals\/(\d+)\//.exec(draft.headers.location ?? '')![1];
    const response = await agent
      .post(`/referrals/${id}/from-roll`)
      .type('form')
      .send({ _csrf: csrf, childId: 'not-a-number' });
    expect(response.status).toBe(404);
  });
});

describe('uploads: bad file names and broken forms are named, and nothing is kept', () => {
  it('refuses a file whose name has a control character', async () => {
    const before = await knownEpisodes();
    const response = await upload(
      agents.admin!,
      '/admin/known-episodes',
      csv('first_name,last_name,date_of_birth,service,status\r\n', 'episodes\u0000.csv'),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain(BAD_FILE_NAME);
    expect(await knownEpisodes()).toEqual(before);
  });

  it('refuses a marks file whose name has a control character, starting no import', async () => {
    const imports = await t.connection.db.selectFrom('attendance_imports').select('id').execute();
    const response = await upload(
      agents.attendance_officer!,
      '/attendance/imports',
      csv('upn,urn,date,session,code\r\n', 'marks\u0000.csv'),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('must not contain control characters');
    expect(await t.connection.db.selectFrom('attendance_imports').select('id').execute()).toEqual(imports);
  });

  it('answers a multipart form with a malformed part header (a NUL in the file name as sent) with the upload’s own message', async () => {
    const response = await upload(agents.admin!, '/admin/known-episodes', {
      name: 'episodes\u0000.csv',
      contentType: 'text/csv',
      content: Buffer.from('a,b\r\n'),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The selected file must be a CSV file saved as UTF-8 text');
  });
});

describe('imported files name the line and column of what is wrong', () => {
  it('names the line and column of a quote inside an unquoted CSV field', async () => {
    const before = await knownEpisodes();
    const response = await upload(
      agents.admin!,
      '/admin/known-episodes',
      csv('first_name,last_name,date_of_birth,service,status\r\nKai,Coo"per,2018-01-02,early_help,open\r\n'),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('line 2, column 2 has a quote mark inside a value that is not in quotes');
    expect(await knownEpisodes()).toEqual(before);
  });

  it('names the line of a NUL in a marks file, and imports nothing', async () => {
    const agent = agents.attendance_officer!;
    const marks = await t.connection.db.selectFrom('attendance_marks').selectAll().execute();
    const upn = makeUpn(311, '2001', 20, 7);
    const response = await upload(
      agent,
      '/attendance/imports',
      csv(`upn,urn,date,session,code\r\n${upn},102317,2025-09-08,AM,/\r\n${upn},102317,2025-09-08,P\u0000M,/\r\n`),
    );
    expect(response.status).toBe(303);
    const location = response.headers.location!;
    for (let tries = 0; (await agent.get(`${location}/progress`)).body.status === 'running'; tries++) {
      if (tries > 100) throw new Error('The import did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const page = await agent.get(location);
    expect(page.text).toContain('Nothing was imported: the file has 1 problem');
    expect(page.text).toContain('Line 3, column session: The line has a control character (such as NUL) in it');
    expect(await t.connection.db.selectFrom('attendance_marks').selectAll().execute()).toEqual(marks);
  });
});
