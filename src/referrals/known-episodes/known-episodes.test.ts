import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { findMatches } from '../matches/rules.ts';
import { EMPTY_FILE, MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, TOO_LARGE, problemLines } from '../../platform/csv-import.ts';
import { parseDateOfBirth } from '../../platform/date-of-birth.ts';
import { parseKnownEpisodesCsv, parseService, parseStatus, parseUpn, type ImportResult } from './rules.ts';
import { openKnownEpisodes } from './repository.ts';

const TODAY = '2026-06-01';
const HEADER = 'upn,first_name,last_name,date_of_birth,service,status';
const SAMPLE = readFileSync(new URL('./fixtures/sample.csv', import.meta.url));
const PATH = '/admin/known-episodes';

function rowsOf(result: ImportResult) {
  if (!result.ok) throw new Error(`Expected the file to be read, got: ${JSON.stringify(result.problems)}`);
  return result.rows;
}

function problemsOf(result: ImportResult) {
  if (result.ok) throw new Error('Expected the file to be refused');
  return problemLines(result.problems);
}

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');

describe('reading a known-episodes CSV', () => {
  it('reads the sample export: byte order mark, CRLF, header in any case, quoted values, DD/MM/YYYY and service names', () => {
    const rows = rowsOf(parseKnownEpisodesCsv(SAMPLE, TODAY));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({
      upn: 'W311999818001',
      firstName: 'Aaliyah',
      lastName: 'Barnes',
      dateOfBirth: '2017-03-27',
      service: 'early_help',
      status: 'open',
    });
    expect(rows[1]).toEqual({
      upn: null,
      firstName: 'Mary "Molly"',
      lastName: 'Smith-Jones',
      dateOfBirth: '2016-11-04',
      service: 'early_help',
      status: 'closed',
    });
    expect(rows[2].lastName).toBe('Okoye, Jr');
    expect(rows[3]).toMatchObject({ dateOfBirth: '2015-06-15', service: 'social_care' });
  });

  it('takes the columns in any order, ignores other columns and reads "First name" as first_name', () => {
    const text =
      'Status,Service,Date of birth,Last name,First name,Case worker\nopen,social_care,2018-01-02,Cooper,Kai,Someone';
    expect(rowsOf(parseKnownEpisodesCsv(text, TODAY))).toEqual([
      {
        upn: null,
        firstName: 'Kai',
        lastName: 'Cooper',
        dateOfBirth: '2018-01-02',
        service: 'social_care',
        status: 'open',
      },
    ]);
  });

  it('reads a file with or without a trailing newline, and skips blank rows', () => {
    const line = ',Kai,Cooper,2018-01-02,early_help,open';
    expect(rowsOf(parseKnownEpisodesCsv(csv(line), TODAY))).toHaveLength(1);
    expect(rowsOf(parseKnownEpisodesCsv(`${csv(line)}\r\n`, TODAY))).toHaveLength(1);
    expect(rowsOf(parseKnownEpisodesCsv(`${csv(line, '', ',,,,,', line)}\n\n`, TODAY))).toHaveLength(2);
  });

  it('numbers rows as a spreadsheet does: a quoted value over two lines is one row', () => {
    const result = parseKnownEpisodesCsv(
      csv(',"Kai\nJunior",Cooper,2018-01-02,early_help,open', ',Lacey,Mills,2018-13-02,early_help,open'),
      TODAY,
    );
    expect(problemsOf(result)).toEqual(['Row 3, date_of_birth: enter a real date, like 2017-03-27']);
  });

  it('stores a UPN in capitals without spaces, and accepts a blank one', () => {
    expect(parseUpn('w311999818001')).toEqual({ ok: true, value: 'W311999818001' });
    expect(parseUpn('W311 9998 18001')).toEqual({ ok: true, value: 'W311999818001' });
    expect(parseUpn('')).toEqual({ ok: true, value: null });
    expect(parseUpn('A311999818001').ok).toBe(false);
  });

  it('accepts dates of birth as YYYY-MM-DD or DD/MM/YYYY that are real and not in the future', () => {
    expect(parseDateOfBirth('2017-03-27', TODAY)).toEqual({ ok: true, value: '2017-03-27' });
    expect(parseDateOfBirth('27/03/2017', TODAY)).toEqual({ ok: true, value: '2017-03-27' });
    expect(parseDateOfBirth('7/3/2017', TODAY)).toEqual({ ok: true, value: '2017-03-07' });
    expect(parseDateOfBirth('29/02/2016', TODAY)).toEqual({ ok: true, value: '2016-02-29' });
    expect(parseDateOfBirth('29/02/2017', TODAY)).toMatchObject({
      ok: false,
      message: 'enter a real date, like 2017-03-27',
    });
    expect(parseDateOfBirth('03/27/2017', TODAY)).toMatchObject({
      ok: false,
      message: 'enter a real date, like 2017-03-27',
    });
    expect(parseDateOfBirth('27 March 2017', TODAY)).toMatchObject({
      ok: false,
      message: 'enter the date as YYYY-MM-DD or DD/MM/YYYY, like 2017-03-27',
    });
    expect(parseDateOfBirth('2026-06-02', TODAY)).toMatchObject({
      ok: false,
      message: 'the date of birth must be in the past',
    });
    expect(parseDateOfBirth('', TODAY)).toMatchObject({ ok: false, message: 'enter a date of birth' });
  });

  it('accepts the services and statuses in either spelling and any case', () => {
    expect(
      ['early_help', 'Early Help', 'EARLY HELP', 'social_care', 'Social Care'].map((value) => parseService(value).ok),
    ).toEqual([true, true, true, true, true]);
    expect(parseService('Youth Justice')).toMatchObject({ ok: false, message: 'enter early_help or social_care' });
    expect(parseStatus('Open')).toEqual({ ok: true, value: 'open' });
    expect(parseStatus('pending')).toMatchObject({ ok: false, message: 'enter open or closed' });
  });

  it('names the row and column of every problem', () => {
    const result = parseKnownEpisodesCsv(
      csv(
        ',Kai,Cooper,2018-01-02,early_help,open',
        'A311999818001,,Mills,31/02/2017,youth_justice,open',
        ',Lacey,Mills,2018-01-02,social_care,maybe',
      ),
      TODAY,
    );
    expect(problemsOf(result)).toEqual([
      'Row 3, upn: enter a real UPN (13 characters with a correct check letter) or leave it blank',
      'Row 3, first_name: enter a first name',
      'Row 3, date_of_birth: enter a real date, like 2017-03-27',
      'Row 3, service: enter early_help or social_care',
      'Row 4, status: enter open or closed',
    ]);
  });

  it('lists the first 50 problems, then how many more', () => {
    const bad = Array.from({ length: 60 }, () => ',Kai,Cooper,not a date,early_help,open');
    const lines = problemsOf(parseKnownEpisodesCsv(csv(...bad), TODAY));
    expect(lines).toHaveLength(51);
    expect(lines[49]).toBe('Row 51, date_of_birth: enter the date as YYYY-MM-DD or DD/MM/YYYY, like 2017-03-27');
    expect(lines[50]).toBe('And 10 more problems');
  });

  it('refuses a file without a required column, naming the column, in one error', () => {
    const result = parseKnownEpisodesCsv('upn,first_name,last_name,service,status\n,Kai,Cooper,early_help,open', TODAY);
    expect(problemsOf(result)).toEqual(['Row 1: the file must have a column named date_of_birth']);
    expect(problemsOf(parseKnownEpisodesCsv('first_name,last_name,status\nKai,Cooper,open', TODAY))).toEqual([
      'Row 1: the file must have columns named date_of_birth and service',
    ]);
  });

  it('refuses a file whose first row is not the column names, or that names a column twice', () => {
    expect(problemsOf(parseKnownEpisodesCsv(',Kai,Cooper,2018-01-02,early_help,open', TODAY))).toEqual([
      'Row 1: the first row must name the columns: upn, first_name, last_name, date_of_birth, service, status',
    ]);
    expect(
      problemsOf(parseKnownEpisodesCsv(`${HEADER},Status\n,Kai,Cooper,2018-01-02,early_help,open,open`, TODAY)),
    ).toEqual(['Row 1, status: the column status appears more than once']);
  });

  it('refuses an empty file, and one with only the column names', () => {
    expect(problemsOf(parseKnownEpisodesCsv(Buffer.alloc(0), TODAY))).toEqual([EMPTY_FILE]);
    expect(problemsOf(parseKnownEpisodesCsv('\uFEFF\r\n  \r\n', TODAY))).toEqual([EMPTY_FILE]);
    expect(problemsOf(parseKnownEpisodesCsv(`${HEADER}\r\n`, TODAY))).toEqual([
      'The file has no rows after the column names',
    ]);
  });

  it('refuses something that is not a CSV: binary, not UTF-8, or quotes that do not close', () => {
    const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]);
    expect(problemsOf(parseKnownEpisodesCsv(zip, TODAY))).toEqual([NOT_A_CSV]);
    expect(
      problemsOf(
        parseKnownEpisodesCsv(Buffer.from(`${HEADER}\n,Zo\xeb,Cooper,2018-01-02,early_help,open`, 'latin1'), TODAY),
      ),
    ).toEqual([NOT_A_CSV]);
    expect(problemsOf(parseKnownEpisodesCsv(csv(',"Kai,Cooper,2018-01-02,early_help,open'), TODAY))[0]).toMatch(
      /^The file is not a readable CSV: a quoted value .* line 2/,
    );
  });

  it(`refuses a file over ${MAX_FILE_BYTES / 1024 / 1024} MB or over ${MAX_ROWS} rows`, () => {
    expect(problemsOf(parseKnownEpisodesCsv(Buffer.alloc(MAX_FILE_BYTES + 1, 'a'), TODAY))).toEqual([TOO_LARGE]);
    const many = csv(...Array.from({ length: MAX_ROWS + 1 }, () => ',Kai,Cooper,2018-01-02,early_help,open'));
    expect(problemsOf(parseKnownEpisodesCsv(many, TODAY))).toEqual([
      'The file must have 50,000 rows or fewer; it has 50,001',
    ]);
  });
});

describe('the known-episodes list for administrators', () => {
  let t: TestApp;
  let admin: Agent;
  beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin')));
  afterAll(() => t.close());

  const episodes = () => t.connection.db.selectFrom('known_episodes').selectAll().orderBy('id').execute();
  const imports = () =>
    t.connection.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import')
      .where('record_type', '=', 'known-episodes')
      .execute();

  async function upload(content: Buffer | string, agent = admin, filename = 'known.csv') {
    const token = await csrfToken(agent);
    return agent.post(`${PATH}?_csrf=${encodeURIComponent(token)}`).attach('file', Buffer.from(content), filename);
  }

  /** A request that should be refused changes neither the list nor the audit log. */
  async function expectNothingChanged(send: () => Promise<unknown>) {
    const [before, auditBefore] = [await episodes(), await imports()];
    await send();
    expect(await episodes()).toEqual(before);
    expect(await imports()).toHaveLength(auditBefore.length);
  }

  describe('the demo list', () => {
    it('holds open episodes that match demo children at the demo school, by UPN and by name and date of birth (Havering SEMH Team proposal)', async () => {
      const open = await openKnownEpisodes(t.connection.db);
      expect(open.length).toBeGreaterThan(10);
      expect(Object.keys(open[0]).sort()).toEqual(['dateOfBirth', 'firstName', 'id', 'lastName', 'service', 'upn']);
      const children = await t.connection.db
        .selectFrom('children')
        .selectAll()
        .where('school_urn', '=', DEMO_SCHOOL_URN)
        .orderBy('id')
        .execute();
      const kinds = children.map(
        (child) =>
          findMatches(
            {
              upn: child.upn,
              firstName: child.first_name,
              lastName: child.last_name,
              dateOfBirth: child.date_of_birth,
            },
            open,
          )[0]?.kind,
      );
      expect(kinds.slice(0, 4)).toEqual(['upn', 'name-and-date-of-birth', 'name-and-date-of-birth', undefined]);
    });

    it('shows the summary, who imported it, the first page of episodes and the upload form', async () => {
      const page = await admin.get(PATH);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Episodes by service');
      expect(page.text).toMatch(/Last imported on .* by Sam Patel/);
      expect(page.text).toMatch(/action="\/admin\/known-episodes\?_csrf=[^"]+" enctype="multipart\/form-data"/);
      expect(page.text).toContain('href="/admin/known-episodes/template.csv"');
      expect((page.text.match(/<tr class="govuk-table__row">/g) ?? []).length).toBe(3 + 1 + 25);
      expect(page.text).toContain('govuk-pagination');
      expect((await admin.get('/')).text).toContain('href="/admin/known-episodes"');
    });

    it('finds an episode by part of the name or by the whole UPN', async () => {
      const [first] = await episodes();
      const byName = await admin.get(PATH).query({ search: first.last_name.slice(0, 4).toLowerCase() });
      expect(byName.text).toContain(`${first.first_name} ${first.last_name}`);
      const byUpn = await admin.get(PATH).query({ search: first.upn!.toLowerCase() });
      expect(byUpn.text).toMatch(/1 episode matching your search/);
    });

    it('offers a template CSV with the column names', async () => {
      const response = await admin.get(`${PATH}/template.csv`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="?known-episodes-template.csv/);
      expect(response.text.trim()).toBe(HEADER);
    });
  });

  it('lets only administrators see or import the list', async () => {
    for (const role of ['triage_manager', 'school_user'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(PATH)).status).toBe(403);
      expect((await agent.get(`${PATH}/template.csv`)).status).toBe(403);
      await expectNothingChanged(async () => expect((await upload(SAMPLE, agent)).status).toBe(403));
    }
  });

  it('refuses an upload without the CSRF token, or with it in the query string of a form that is not a file upload', async () => {
    await expectNothingChanged(async () => {
      expect((await admin.post(PATH).attach('file', SAMPLE, 'known.csv')).status).toBe(403);
      expect((await admin.post(`${PATH}?_csrf=wrong`).attach('file', SAMPLE, 'known.csv')).status).toBe(403);
      const token = await csrfToken(admin);
      expect(
        (
          await admin
            .post(`${PATH}?_csrf=${encodeURIComponent(token)}`)
            .type('form')
            .send({ x: '1' })
        ).status,
      ).toBe(403);
    });
  });

  it('refuses a file with a bad row, naming the row and column, and changes nothing', async () => {
    const text = csv(
      ',Kai,Cooper,2018-01-02,early_help,open',
      ',Lacey,Mills,2018-01-02,early_help,open',
      ',Mason,Nash,31/02/2017,early_help,open',
    );
    await expectNothingChanged(async () => {
      const response = await upload(text);
      expect(response.status).toBe(400);
      expect(response.text).toContain('There is a problem');
      expect(response.text).toContain('Row 4, date_of_birth: enter a real date, like 2017-03-27');
      expect(response.text).toContain('href="#file"');
      expect(response.text).toContain('Nothing was imported');
    });
  });

  it('refuses a file without a required column, an empty file, no file and a file over the size limit', async () => {
    const cases: [Buffer | string | undefined, string][] = [
      [
        'upn,first_name,last_name,service,status\n,Kai,Cooper,early_help,open',
        'Row 1: the file must have a column named date_of_birth',
      ],
      [Buffer.alloc(0), EMPTY_FILE],
      [Buffer.alloc(MAX_FILE_BYTES + 1, 'a'), TOO_LARGE],
      [undefined, 'Select a CSV file'],
    ];
    for (const [content, message] of cases) {
      await expectNothingChanged(async () => {
        const token = await csrfToken(admin);
        const request = admin.post(`${PATH}?_csrf=${encodeURIComponent(token)}`);
        const response = await (content === undefined
          ? request.field('_csrf', token)
          : request.attach('file', Buffer.from(content), 'known.csv'));
        expect(response.status).toBe(400);
        expect(response.text).toContain(message);
      });
    }
  });

  it('replaces the whole list with a good file, and audits the import with counts but no names', async () => {
    const [admins] = await t.connection.db.selectFrom('users').select('id').where('email', 'like', 'admin@%').execute();
    const before = await episodes();
    const response = await upload(SAMPLE);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(PATH);
    expect((await admin.get(PATH)).text).toContain('Imported 5 records');

    const after = await episodes();
    expect(after).toHaveLength(5);
    expect(after.map((row) => row.first_name)).toEqual(['Aaliyah', 'Mary "Molly"', 'Darius', 'Elif', 'Frankie']);
    expect(after.every((row) => row.imported_by === admins.id)).toBe(true);
    expect(after.some((row) => before.some((old) => old.id === row.id))).toBe(false);
    expect((await openKnownEpisodes(t.connection.db)).map((row) => row.firstName)).toEqual([
      'Aaliyah',
      'Darius',
      'Elif',
    ]);

    const [entry] = await imports();
    expect(entry.user_id).toBe(admins.id);
    expect(entry.details).toEqual({
      rows: 5,
      replaced: before.length,
      counts: { early_help: { open: 1, closed: 1, total: 2 }, social_care: { open: 2, closed: 1, total: 3 } },
    });
    const audited = JSON.stringify(entry);
    for (const row of after) {
      expect(audited).not.toContain(row.first_name);
      expect(audited).not.toContain(row.last_name);
    }
  });
});
