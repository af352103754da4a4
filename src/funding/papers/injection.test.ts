import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { insertPaperYear } from '../../../test/support/funding-paper-year.ts';
import { SCHOOL_COLUMNS as SCHOOL_DATA_COLUMNS } from '../school-data/rules.ts';

// A year of its own, so no other test's data set meets this one.
const YEAR = '2043-44';
const NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3'];
const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;

let t: TestApp;
let finance: Agent;

beforeAll(async () => {
  ({ t, agent: finance } = await appSignedInAs('finance_officer', { marks: false }));
  await insertPaperYear(t.services.db, YEAR, { schools: false });
  const lines = NAMES.map((name, i) => `${910001 + i},${quoted(name)},primary,maintained,100,0,10,0,0,0,0,0,0,0,0,0`);
  const file = [SCHOOL_DATA_COLUMNS.join(','), ...lines].join('\r\n');
  const token = await csrfToken(finance);
  const imported = await finance
    .post(`/funding/${YEAR}/schools-data?_csrf=${encodeURIComponent(token)}`)
    .attach('file', Buffer.from(file), 'schools.csv');
  expect(imported.status).toBe(302);
});
afterAll(() => t.close());

describe('the forum paper as CSV and Excel (OWASP CSV Injection)', () => {
  it('neutralises imported school names that a spreadsheet would run as formulas, and keeps amounts as numbers', async () => {
    const response = await finance.get(`/funding/${YEAR}/paper.csv`);
    expect(response.status).toBe(200);
    const [header, ...rows] = parse(response.text) as string[][];
    const names = rows.map((row) => row[header!.indexOf('School')]);
    expect(names.sort()).toEqual(NAMES.map((name) => `'${name}`).sort());
    expect(response.text).not.toMatch(/(^|,)"?=HYPERLINK/m);
    const total = rows[0]![header!.indexOf('Total (£)')]!;
    expect(total).toMatch(/^\d+(\.\d+)?$/);
  });

  it('writes the same names to the workbook as text, never as formulas', async () => {
    const response = await finance.get(`/funding/${YEAR}/paper.xlsx`).responseType('blob');
    expect(response.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const cells = workbook.worksheets.flatMap((sheet) =>
      sheet
        .getSheetValues()
        .flatMap((row, r) => (Array.isArray(row) ? row.map((_, c) => sheet.getRow(r).getCell(c)) : [])),
    );
    const named = cells.filter((cell) => NAMES.includes(String(cell.value)));
    expect(named.length).toBeGreaterThanOrEqual(NAMES.length);
    for (const cell of named) expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cells.some((cell) => cell.type === ExcelJS.ValueType.Formula)).toBe(false);
  });
});
