import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { FIXTURE_PATH, FIXTURE_ROWS } from '../../../test/support/gias-fixture.ts';
import { giasRow, giasText, GIAS_HEADER, windows1252 } from '../../../test/support/gias-file.ts';

let t: TestApp;
let admin: Agent;

async function upload(file: Buffer | undefined, laCode?: string) {
  const token = await csrfToken(admin, '/admin/schools/import');
  let request = admin.post(`/admin/schools/import?_csrf=${encodeURIComponent(token)}`);
  if (laCode !== undefined) request = request.field('laCode', laCode);
  return file ? request.attach('file', file, 'edubasealldata20260105.csv') : request.field('nothing', '');
}

/** Follows an import to its end, as its page does, noting each progress seen. */
async function finished(location: string) {
  for (let i = 0; i < 200; i++) {
    const progress = await admin.get(`${location}/progress`);
    expect(progress.status).toBe(200);
    if (progress.body.status !== 'running') return admin.get(location);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import did not finish');
}

const setCouncilLaCode = (laCode: number | null) =>
  sql`insert into council (la_code) values (${laCode}) on conflict (one_row) do update set la_code = excluded.la_code`.execute(
    t.connection.db,
  );

beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin')));
afterAll(() => t.close());

describe('importing schools from the admin page', () => {
  it('imports the GIAS file for the council’s LA in the background, with its progress stored, then shows the counts and the schools', async () => {
    await setCouncilLaCode(938);
    const form = await admin.get('/admin/schools/import');
    expect(form.text).toContain('Schools of local authority <strong>938</strong>');
    const response = await upload(readFileSync(FIXTURE_PATH));
    expect(response.status).toBe(303);
    const location = response.headers.location!;
    expect(location).toMatch(/^\/admin\/schools\/import\/\d+$/);
    const page = await finished(location);
    expect(page.text).toContain('New schools imported');
    expect(page.text).toMatch(/New schools imported\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*9\s*</);
    expect(page.text).toMatch(
      /Independent and non-maintained schools\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2\s*</,
    );
    const stored = await t.connection.db
      .selectFrom('gias_imports')
      .selectAll()
      .where('id', '=', Number(location.split('/').at(-1)))
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'imported', la_code: 938, rows_done: 20 });
    expect(stored.bytes_done).toBe(stored.bytes_total);
    const list = await admin.get('/admin/schools');
    expect(list.text).toContain('Brontë Park Academy');
    expect(list.text).toContain('Oak, Ash and Elm Federated Infant School');
    expect(list.text).toContain('Before conversion: URN 900005');
    expect(list.text).not.toContain('Greyfriars Preparatory School');
  });

  it('asks for the LA code when the council’s settings have none, and shows a bad file’s problems in an error summary', async () => {
    await setCouncilLaCode(null);
    const noCode = await upload(readFileSync(FIXTURE_PATH));
    expect(noCode.status).toBe(400);
    expect(noCode.text).toContain('govuk-error-summary');
    expect(noCode.text).toContain('Enter the local authority’s DfE code, like 938');

    const missing = GIAS_HEADER.indexOf('URN');
    const bad = windows1252(
      giasText(
        FIXTURE_ROWS.map((row) => giasRow(row).filter((_, i) => i !== missing)),
        GIAS_HEADER.filter((_, i) => i !== missing),
      ),
    );
    const before = await t.connection.db.selectFrom('schools').selectAll().orderBy('urn').execute();
    const response = await upload(bad, '938');
    expect(response.status).toBe(303);
    const page = await finished(response.headers.location!);
    expect(page.text).toContain('govuk-error-summary');
    expect(page.text).toContain('Row 1, URN: The file must have a column named URN');
    expect(page.text).toContain('Nothing was imported');
    expect(await t.connection.db.selectFrom('schools').selectAll().orderBy('urn').execute()).toEqual(before);
  });

  it('lets one import run at a time, and takes an import left running by a stopped process as failed', async () => {
    await setCouncilLaCode(938);
    const { id } = await t.connection.db
      .insertInto('gias_imports')
      .values({ file_name: 'cut-short.csv', la_code: 938, started_at: new Date(t.clock.now().getTime() - 60_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const waiting = await upload(readFileSync(FIXTURE_PATH));
    expect(waiting.status).toBe(429);
    expect(waiting.text).toContain('Another import of schools is running');
    await t.connection.db
      .updateTable('gias_imports')
      .set({ started_at: new Date(t.clock.now().getTime() - 31 * 60_000) })
      .where('id', '=', id)
      .execute();
    const started = await upload(readFileSync(FIXTURE_PATH));
    expect(started.status).toBe(303);
    await finished(started.headers.location!);
    expect(
      await t.connection.db.selectFrom('gias_imports').select('status').where('id', '=', id).executeTakeFirstOrThrow(),
    ).toEqual({ status: 'failed' });
  });

  it('is for administrators only', async () => {
    const officer = await t.signIn('attendance_officer');
    expect((await officer.get('/admin/schools/import')).status).toBe(403);
    expect((await officer.get('/admin/schools')).status).toBe(403);
  });
});
