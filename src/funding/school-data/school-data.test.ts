import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { bombWorkbook } from '../../../test/support/workbooks.ts';
import { problemLines, readCsvRecords } from '../../platform/csv-import.ts';
import { SCHOOL_COLUMNS as SCHOOL_DATA_COLUMNS, SCHOOLS_PAGE_SIZE, parseSchoolDataFile } from './rules.ts';
import { readSchoolRecords } from './rules.ts';

// A year far from any demo year, so the demo's own data set never meets these tests.
const YEAR = '2040-41';
const HEADER = SCHOOL_DATA_COLUMNS.join(',');
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');
const school = (urn: number, status = 'maintained', nor = '400') =>
  `${urn},School ${urn},primary,${status},${nor},30,40.5,20,1,2,3,4,5,6,7.25,0`;

let t: TestApp;
let finance: Agent;
let csrf: string;

beforeAll(async () => {
  ({ t, agent: finance } = await appSignedInAs('finance_officer', { marks: false }));
  csrf = await csrfToken(finance);
  await t.services.db.insertInto('funding_years').values({ label: YEAR }).execute();
});
afterAll(() => t.close());

const upload = (agent: Agent, body: Buffer | string, name = 'schools.csv', token = csrf) =>
  agent
    .post(`/funding/${YEAR}/schools-data?_csrf=${encodeURIComponent(token)}`)
    .attach('file', Buffer.from(body), name);
const stored = async () =>
  Number(
    (
      await t.services.db
        .selectFrom('funding_schools')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('year', '=', YEAR)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('reading a school data set', () => {
  it('reads every school with its phase, status and decimal units', async () => {
    const result = await parseSchoolDataFile(
      Buffer.from(csv(school(100001), '100002,Hill Academy,Secondary,Academy,900,1,2,3,0,0,0,0,0,0,4,0')),
    );
    expect(
      result.ok && result.rows.map((row) => [row.urn, row.phase, row.status, row.units.fsm6, row.units.low_attainment]),
    ).toEqual([
      [100001, 'primary', 'maintained', 40.5, 7.25],
      [100002, 'secondary', 'academy', 2, 4],
    ]);
  });

  it('names the row and column of every problem', () => {
    const records = readCsvRecords(csv(school(100001), '100001,,middle,free,-3,x,1,1,1,1,1,1,1,1,1,1'));
    const result = records.ok ? readSchoolRecords(records.records) : records;
    const lines = result.ok ? [] : problemLines(result.problems);
    expect(lines).toHaveLength(6);
    for (const column of ['urn', 'name', 'phase', 'status', 'nor', 'fsm'])
      expect(lines.some((line) => line.startsWith(`Row 3, ${column}:`))).toBe(true);
  });

  it('needs exactly the data set’s columns', () => {
    const records = readCsvRecords(`${HEADER},notes\r\n${school(100001)},x`);
    expect(records.ok && readSchoolRecords(records.records).ok).toBe(false);
  });
});

describe('importing the school data set', () => {
  it('imports a CSV file, replacing the year’s data set, audited with counts only', async () => {
    expect((await upload(finance, csv(school(100009)))).status).toBe(302);
    const response = await upload(finance, csv(school(100001), school(100002, 'academy', '200.5')));
    expect(response.status).toBe(302);
    expect(await stored()).toBe(2);
    const page = await finance.get(response.headers.location);
    expect(page.text).toContain(`Imported 2 schools for ${YEAR}: 1 maintained, 1 academy`);
    expect(page.text).toContain('600.5'); // AWPU units over both schools
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'details'])
      .where('record_type', '=', 'funding-school-data')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      action: 'import',
      record_id: YEAR,
      details: { schools: 2, maintained: 1, academies: 1, replaced: 1 },
    });
  });

  it('imports an Excel workbook the same way', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Schools');
    sheet.addRow([...SCHOOL_DATA_COLUMNS]);
    for (const urn of [100011, 100012, 100013])
      sheet.addRow(
        school(urn)
          .split(',')
          .map((value, index) => (index >= 4 ? Number(value) : value)),
      );
    const response = await upload(finance, Buffer.from(await workbook.xlsx.writeBuffer()), 'schools.xlsx');
    expect(response.status).toBe(302);
    expect(await stored()).toBe(3);
  });

  it('refuses a bad file, naming the row and column in the error summary, and changes nothing', async () => {
    const response = await upload(
      finance,
      csv(school(100021), '100022,Bad School,primary,maintained,12,-1,0,0,0,0,0,0,0,0,0,0'),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toMatch(/Row 3, fsm: units cannot be negative/);
    expect(response.text).toContain('Nothing was imported');
    expect(await stored()).toBe(3);
  });

  it('refuses a workbook whose parts grow far beyond their size once unzipped (a zip bomb), and changes nothing', async () => {
    const response = await upload(finance, await bombWorkbook(200, { declaredSize: 1000 }), 'schools.xlsx');
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'The file cannot be read safely: part of it grows to more than 100 times its size once unzipped',
    );
    expect(await stored()).toBe(3);
  }, 60_000);

  it('asks for a file', async () => {
    const response = await finance
      .post(`/funding/${YEAR}/schools-data?_csrf=${encodeURIComponent(csrf)}`)
      .field('x', '1');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select a CSV file or an Excel workbook');
  });

  it('shows the schools 50 a page', async () => {
    const many = Array.from({ length: SCHOOLS_PAGE_SIZE + 5 }, (_, index) => school(200000 + index));
    expect((await upload(finance, csv(...many))).status).toBe(302);
    const first = await finance.get(`/funding/${YEAR}/schools-data`);
    expect(first.text).toContain(`Schools 1 to 50 of 55`);
    expect(first.text).toContain(`/funding/${YEAR}/schools-data?page=2`);
    const second = await finance.get(`/funding/${YEAR}/schools-data?page=2`);
    expect(second.text).toContain('Schools 51 to 55 of 55');
    expect(second.text).toContain('School 200054');
  });

  it('gives a template with exactly the columns', async () => {
    const response = await finance.get(`/funding/${YEAR}/schools-data/template.csv`);
    expect(response.text).toBe(`${HEADER}\r\n`);
  });

  it('lets an analyst read the data set but not import, refuses a school user, and refuses an import without the CSRF token', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(`/funding/${YEAR}/schools-data`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Import school data set');
    expect((await upload(analyst, csv(school(100031)), 'schools.csv', await csrfToken(analyst))).status).toBe(403);
    const schoolUser = await t.signIn('school_user');
    expect((await schoolUser.get(`/funding/${YEAR}/schools-data`)).status).toBe(403);
    expect(
      (
        await finance
          .post(`/funding/${YEAR}/schools-data`)
          .attach('file', Buffer.from(csv(school(100031))), 'schools.csv')
      ).status,
    ).toBe(403);
    expect(await stored()).toBe(SCHOOLS_PAGE_SIZE + 5);
  });
});
