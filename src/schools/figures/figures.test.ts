import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { bombWorkbook } from '../../../test/support/workbooks.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { currentAcademicYear } from '../../demo/demo.ts';
import { EMPTY_FILE, problemLines, readCsvRecords } from '../../platform/csv-import.ts';
import { NOT_A_WORKBOOK } from '../../platform/xlsx-import.ts';
import { schoolYearNamed, schoolYearOf, schoolYearStarting } from '../../platform/school-year.ts';
import { parseAcademicYear, parseCensusFile, parseFigure, readCensusRecords, type CensusResult } from './forms.ts';
import { academicYears, figuresForYear } from './repository.ts';
import { DEMO_FIELDS } from './demo.ts';
import { importMessage } from './service.ts';

const HEADER = 'urn,number_on_roll,sen_support,ehcp,looked_after,mobility,eal,fsm';
const PATH = '/schools/figures';
const DEMO_YEAR = schoolYearStarting(currentAcademicYear()).key;
/** Three of the demo borough's schools (Broadford Primary is the first). */
const URNS = [DEMO_SCHOOL_URN, 102322, 102319];
const AUTHORITY = new Set(URNS);

const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const parse = (text: string, urns: ReadonlySet<number> = AUTHORITY) => parseCensusFile(Buffer.from(text), urns);

function rowsOf(result: CensusResult) {
  if (!result.ok) throw new Error(`Expected the file to be read, got: ${JSON.stringify(result.problems)}`);
  return result;
}
function problemsOf(result: CensusResult) {
  if (result.ok) throw new Error('Expected the file to be refused');
  return problemLines(result.problems);
}

/** An Excel workbook built as a spreadsheet program would save it; null is an empty row. */
async function workbook(rows: (ExcelJS.CellValue[] | null)[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Census');
  rows.forEach((row, index) => {
    if (row) sheet.getRow(index + 1).values = row;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe('reading a census file', () => {
  it('reads a CSV with a byte order mark, CRLF, quoted values, headers in any case and 1,234 written with a comma', async () => {
    const text =
      '\uFEFFURN,Number on roll,SEN Support,EHCP,Looked-after,Mobility,EAL,FSM\r\n"102317","1,234",40,12,3,"25",300,"150"\r\n';
    const result = rowsOf(await parse(text.replace('Looked-after', 'looked_after')));
    expect(result.rows).toEqual([
      {
        urn: 102317,
        number_on_roll: 1234,
        sen_support: 40,
        ehcp: 12,
        looked_after: 3,
        mobility: 25,
        eal: 300,
        fsm: 150,
      },
    ]);
    expect(result.unknownFigures).toBe(0);
  });

  it('reads suppressed or missing figures (x, c, SUPP, NA, low, blank) as unknown, never as zero, and counts them', async () => {
    expect(['x', 'C', 'SUPP', 'na', 'low', '', ' z '].map((value) => parseFigure(value))).toEqual(
      Array(7).fill({ ok: true, value: null }),
    );
    expect(parseFigure('0')).toEqual({ ok: true, value: 0 });
    const result = rowsOf(await parse(csv('102317,250,x,c,SUPP,NA,,7', '102322,300,10,0,0,0,0,0')));
    expect(result.rows[0]).toEqual({
      urn: 102317,
      number_on_roll: 250,
      sen_support: null,
      ehcp: null,
      looked_after: null,
      mobility: null,
      eal: null,
      fsm: 7,
    });
    expect(result.rows[1].ehcp).toBe(0);
    expect(result.unknownFigures).toBe(5);
  });

  it('reads the DfE census names (NOR, TSENELK, TSENELSE, NUMEAL, NUMFSM) and, without looked-after and mobility columns, says they are unknown', async () => {
    const result = rowsOf(
      await parse('URN,LA,NOR,TSENELK,TSENELSE,NUMEAL,NUMFSM\n102317,311,250,20,5,30,40\n102322,311,300,NA,NA,NA,NA'),
    );
    expect(result.absentColumns).toEqual(['looked_after', 'mobility']);
    expect(result.rows[0]).toMatchObject({
      number_on_roll: 250,
      sen_support: 20,
      ehcp: 5,
      looked_after: null,
      mobility: null,
    });
    expect(result.unknownFigures).toBe(2 + 6);
  });

  it('reads an Excel workbook built with exceljs: numbers, text, formulas and rows numbered as Excel shows them', async () => {
    const file = await workbook([
      ['URN', 'Number on roll', 'SEN support', 'EHCP', 'Looked after', 'Mobility', 'EAL', 'FSM'],
      [102317, 250, 20, { formula: '2+3', result: 5 }, 'x', { richText: [{ text: '1' }, { text: '2' }] }, 30, 'c'],
      null,
      [102322, 300, 10.5, 0, 0, 0, 0, 0],
    ]);
    expect(problemsOf(await parseCensusFile(file, AUTHORITY))).toEqual([
      'Row 4, sen_support: enter a whole number of 0 or more, or x or c if suppressed',
    ]);
    const good = await workbook([
      [...HEADER.split(',')],
      [102317, 250, 20, { formula: '2+3', result: 5 }, 'x', 12, 30, 'c'],
    ]);
    expect(rowsOf(await parseCensusFile(good, AUTHORITY)).rows).toEqual([
      {
        urn: 102317,
        number_on_roll: 250,
        sen_support: 20,
        ehcp: 5,
        looked_after: null,
        mobility: 12,
        eal: 30,
        fsm: null,
      },
    ]);
  });

  it('names the row and column of every bad figure', async () => {
    const result = await parse(
      csv('102317,250,-1,2.5,three,,,', '102322,x,1,1,1,1,1,1', '102319,100,101,0,0,0,0,0', '102317,100,60,50,0,0,0,0'),
    );
    expect(problemsOf(result)).toEqual([
      'Row 2, sen_support: enter a whole number of 0 or more, or x or c if suppressed',
      'Row 2, ehcp: enter a whole number of 0 or more, or x or c if suppressed',
      'Row 2, looked_after: enter a whole number of 0 or more, or x or c if suppressed',
      'Row 3, number_on_roll: enter the number of pupils on roll; it cannot be unknown',
      'Row 4, sen_support: must not be more than the number on roll (100)',
      'Row 5, urn: URN 102317 appears more than once in the file (also in row 2)',
      'Row 5, ehcp: SEN support and EHC plans together must not be more than the number on roll (100)',
    ]);
  });

  it('refuses a URN that is not one of the authority’s schools, or is not 6 digits', async () => {
    expect(problemsOf(await parse(csv('123456,100,1,1,1,1,1,1', '10231,100,1,1,1,1,1,1')))).toEqual([
      'Row 2, urn: no school with URN 123456 in this authority',
      'Row 3, urn: enter the school’s 6-digit URN',
    ]);
  });

  it('refuses a file without a required column, an empty file and one that is neither CSV nor Excel', async () => {
    expect(problemsOf(await parse('urn,number_on_roll,sen_support,ehcp,eal\n102317,1,1,1,1'))).toEqual([
      'Row 1: the file must have a column named fsm',
    ]);
    expect(problemsOf(await parse(''))).toEqual([EMPTY_FILE]);
    expect(
      problemsOf(await parseCensusFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x00]), AUTHORITY)),
    ).toEqual([NOT_A_WORKBOOK]);
    expect(
      problemsOf(await parseCensusFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), AUTHORITY)),
    ).toEqual([NOT_A_WORKBOOK]);
  });

  it('reads the same records whether they came from a CSV or a workbook', async () => {
    const text = csv('102317,250,20,5,1,2,30,40');
    const fromCsv = readCsvRecords(text);
    if (!fromCsv.ok) throw new Error('unreadable');
    expect(readCensusRecords(fromCsv.records, AUTHORITY)).toEqual(await parse(text));
  });

  it('takes the academic year as 2026/27, 2026-27 or 2026/2027, and knows which year a date is in', () => {
    expect(['2026/27', '2026-27', '2026/2027', ' 2026 to 2027 '].map((value) => parseAcademicYear(value))).toEqual(
      Array(4).fill({ ok: true, value: '2026/27' }),
    );
    expect(parseAcademicYear('2099/00')).toEqual({ ok: true, value: '2099/00' });
    expect(parseAcademicYear('2026/28')).toMatchObject({
      ok: false,
      message: 'The academic year must be 2 years in a row, like 2026/27',
    });
    expect(parseAcademicYear('26/27')).toMatchObject({ ok: false, message: 'Enter the academic year like 2026/27' });
    // One school year for the whole service, from 1 August (src/platform/school-year.ts).
    expect([schoolYearOf('2026-07-31').key, schoolYearOf('2026-08-01').key]).toEqual(['2025/26', '2026/27']);
  });

  it('tells the importer how many figures are unknown, which columns were missing and which schools have no figures', () => {
    const summary = { year: '2026/27', schools: 83, unknownFigures: 12, absentColumns: [], withoutFigures: [] };
    expect(importMessage(summary)).toBe(
      'Imported 83 schools for 2026 to 2027; 12 figures were suppressed or missing and are shown as unknown.',
    );
    expect(importMessage({ ...summary, schools: 1, unknownFigures: 0 })).toBe('Imported 1 school for 2026 to 2027.');
    expect(
      importMessage({
        ...summary,
        unknownFigures: 1,
        absentColumns: ['looked_after', 'mobility'],
        withoutFigures: ['A School', 'B School'],
      }),
    ).toBe(
      'Imported 83 schools for 2026 to 2027; 1 figure was suppressed or missing and is shown as unknown. The file did not have the looked_after and mobility columns, so those figures are unknown for every school. 2 schools have no figures for 2026 to 2027: A School and B School.',
    );
    const many = Array.from({ length: 12 }, (_, i) => `School ${i + 1}`);
    expect(importMessage({ ...summary, withoutFigures: many })).toMatch(
      /12 schools have no figures for 2026 to 2027: School 1, .*, School 10 and 2 others\.$/,
    );
  });
});

describe('school census figures for admins and analysts', () => {
  let t: TestApp;
  let analyst: Agent;
  beforeAll(async () => ({ t, agent: analyst } = await appSignedInAs('analyst')));
  afterAll(() => t.close());

  const db = () => t.connection.db;
  const figures = () => db().selectFrom('school_figures').selectAll().orderBy('academic_year').orderBy('urn').execute();
  const imports = () =>
    db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import')
      .where('record_type', '=', 'school-figures')
      .orderBy('id')
      .execute();

  async function upload(content: Buffer | string, year = '2027/28', agent = analyst, filename = 'census.csv') {
    const token = await csrfToken(agent);
    return agent
      .post(`${PATH}?_csrf=${encodeURIComponent(token)}`)
      .field('year', year)
      .attach('file', Buffer.from(content), filename);
  }

  /** A request that should be refused changes neither the figures nor the audit log. */
  async function expectNothingChanged(send: () => Promise<unknown>) {
    const [before, auditBefore] = [await figures(), await imports()];
    await send();
    expect(await figures()).toEqual(before);
    expect(await imports()).toHaveLength(auditBefore.length);
  }

  it('has a demo year of real census figures, with looked-after children and mobility generated and marked as demo values', async () => {
    expect(await academicYears(db())).toEqual([DEMO_YEAR]);
    const rows = await figuresForYear(db(), DEMO_YEAR);
    expect(rows).toHaveLength(83);
    const broadford = rows.find((row) => row.urn === DEMO_SCHOOL_URN)!;
    const school = await db()
      .selectFrom('schools')
      .selectAll()
      .where('urn', '=', DEMO_SCHOOL_URN)
      .executeTakeFirstOrThrow();
    expect(broadford).toEqual({
      urn: DEMO_SCHOOL_URN,
      name: 'Broadford Primary School',
      phase: 'Primary',
      maintained: school.maintained,
      numberOnRoll: school.number_on_roll,
      sen: school.sen_support_count! + school.ehcp_count!,
      lac: expect.any(Number),
      mobility: expect.any(Number),
      eal: school.eal_count,
      fsm: school.fsm_count,
      demoFields: [...DEMO_FIELDS],
    });
    expect(
      rows.every((row) => row.lac! >= 0 && row.lac! < row.numberOnRoll * 0.1 && row.mobility! <= row.numberOnRoll),
    ).toBe(true);

    const page = await analyst.get(PATH);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Figures for ${schoolYearNamed(DEMO_YEAR)!.label}`);
    expect(page.text).toContain('83 schools with figures');
    expect((page.text.match(/>\s*Demo value\s*</g) ?? []).length).toBe(83 * 2);
    expect(page.text).toMatch(/action="\/schools\/figures\?_csrf=[^"]+" enctype="multipart\/form-data"/);
    expect((await analyst.get('/')).text).toContain('href="/schools/figures"');
  });

  it('offers a template CSV with the column names', async () => {
    const response = await analyst.get(`${PATH}/template.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="?school-census-figures-template.csv/,
    );
    expect(response.text.trim()).toBe(HEADER);
    const imported = rowsOf(await parse(`${response.text}102317,10,1,1,1,1,1,1`));
    expect(imported.rows).toHaveLength(1);
  });

  it('lets admins and analysts in, and no one else', async () => {
    expect((await (await t.signIn('admin')).get(PATH)).status).toBe(200);
    for (const role of ['school_user', 'practitioner'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(PATH)).status).toBe(403);
      expect((await agent.get(`${PATH}/template.csv`)).status).toBe(403);
      await expectNothingChanged(async () =>
        expect((await upload(csv('102317,10,1,1,1,1,1,1'), '2027/28', agent)).status).toBe(403),
      );
      expect((await agent.get('/')).text).not.toContain('href="/schools/figures"');
    }
  });

  it('refuses an upload without the CSRF token', async () => {
    await expectNothingChanged(async () => {
      expect(
        (
          await analyst
            .post(PATH)
            .field('year', '2027/28')
            .attach('file', Buffer.from(csv('102317,10,1,1,1,1,1,1')), 'census.csv')
        ).status,
      ).toBe(403);
      expect(
        (
          await analyst
            .post(`${PATH}?_csrf=wrong`)
            .field('year', '2027/28')
            .attach('file', Buffer.from(csv('102317,10,1,1,1,1,1,1')), 'census.csv')
        ).status,
      ).toBe(403);
    });
  });

  it('refuses a file with bad rows, an unknown URN or a URN twice, naming each row and column, and changes nothing', async () => {
    await expectNothingChanged(async () => {
      const response = await upload(
        csv('102317,250,20,5,1,2,30,40', '123456,100,1,1,1,1,1,1', '102317,250,20,five,1,2,30,40'),
        DEMO_YEAR,
      );
      expect(response.status).toBe(400);
      expect(response.text).toContain('There is a problem');
      expect(response.text).toContain('Row 3, urn: no school with URN 123456 in this authority');
      expect(response.text).toContain('Row 4, urn: URN 102317 appears more than once in the file (also in row 2)');
      expect(response.text).toContain('Row 4, ehcp: enter a whole number of 0 or more, or x or c if suppressed');
      expect(response.text).toContain('Nothing was imported');
      expect(response.text).toContain('href="#file"');
    });
  });

  it('refuses a workbook that unzips to hundreds of megabytes (a zip bomb), saying why, and changes nothing', async () => {
    const bomb = await bombWorkbook(200);
    await expectNothingChanged(async () => {
      const response = await upload(bomb, '2027/28', analyst, 'census.xlsx');
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        'The file is too large once unzipped: the limit is 100 MB for any one part of the workbook',
      );
      expect(response.text).toContain('href="#file"');
    });
    expect((await analyst.get('/health')).status).toBe(200);
  }, 60_000);

  it('asks for the academic year and the file, keeping what was typed', async () => {
    await expectNothingChanged(async () => {
      const badYear = await upload(csv('102317,250,20,5,1,2,30,40'), '2027/29');
      expect(badYear.status).toBe(400);
      expect(badYear.text).toContain('The academic year must be 2 years in a row, like 2026/27');
      expect(badYear.text).toContain('href="#year"');
      expect(badYear.text).toContain('value="2027/29"');
      const token = await csrfToken(analyst);
      const noFile = await analyst.post(`${PATH}?_csrf=${encodeURIComponent(token)}`).field('year', '');
      expect(noFile.status).toBe(400);
      expect(noFile.text).toContain('Enter the academic year the figures are for, like 2026/27');
      expect(noFile.text).toContain('Select a CSV or Excel file');
    });
  });

  it('imports a new year from an Excel workbook, leaving the other years alone', async () => {
    const before = await figuresForYear(db(), DEMO_YEAR);
    const file = await workbook([
      HEADER.split(','),
      [102317, 250, 20, 5, 1, 2, 30, 40],
      [102322, 300, 'x', 'c', 'x', 'x', 11, 12],
    ]);
    const response = await upload(file, '2027-28', analyst, 'census.xlsx');
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${PATH}?year=2027%2F28`);
    const page = await analyst.get(response.headers.location);
    expect(page.text).toContain(
      'Imported 2 schools for 2027 to 2028; 4 figures were suppressed or missing and are shown as unknown. 81 schools have no figures for 2027 to 2028:',
    );
    expect(page.text).toContain('81 schools have no figures for 2027 to 2028</h3>');
    expect(page.text).toContain('>Unknown<');
    expect(page.text).not.toMatch(/>\s*Demo value\s*</);
    expect(await academicYears(db())).toEqual(['2027/28', DEMO_YEAR]);
    const [row] = await db()
      .selectFrom('school_figures')
      .selectAll()
      .where('academic_year', '=', '2027/28')
      .where('urn', '=', 102322)
      .execute();
    expect(row).toMatchObject({
      sen_support: null,
      ehcp: null,
      looked_after: null,
      mobility: null,
      eal: 11,
      fsm: 12,
      demo_fields: [],
    });
    expect((await figuresForYear(db(), '2027/28')).find((school) => school.urn === 102322)!.sen).toBeNull();
    expect(await figuresForYear(db(), DEMO_YEAR)).toEqual(before);
  });

  it('replaces a year in one go on re-import, and audits it with counts and the year', async () => {
    const [analystUser] = await db().selectFrom('users').select('id').where('email', 'like', 'analyst@%').execute();
    const response = await upload(csv('102317,260,21,6,1,3,31,41', '102319,100,x,1,0,0,0,0'), DEMO_YEAR);
    expect(response.status).toBe(302);
    const year = (await figures()).filter((row) => row.academic_year === DEMO_YEAR);
    expect(year.map((row) => row.urn)).toEqual([102317, 102319]);
    expect(year.every((row) => row.imported_by === analystUser.id && row.demo_fields.length === 0)).toBe(true);
    expect((await figures()).filter((row) => row.academic_year === '2027/28')).toHaveLength(2);

    const entry = (await imports()).at(-1)!;
    expect(entry).toMatchObject({ user_id: analystUser.id, record_id: DEMO_YEAR });
    expect(entry.details).toEqual({
      schools: 2,
      replaced: 83,
      unknownFigures: 1,
      absentColumns: [],
      schoolsWithoutFigures: 81,
    });
    const children = await db().selectFrom('children').select(['first_name', 'last_name']).limit(20).execute();
    const audited = JSON.stringify(entry);
    for (const child of children) expect(audited).not.toContain(child.last_name);
  });

  it('shows 404 for a year with no figures', async () => {
    expect((await analyst.get(PATH).query({ year: '2001/02' })).status).toBe(404);
    expect((await analyst.get(PATH).query({ year: 'nonsense' })).status).toBe(404);
  });
});
