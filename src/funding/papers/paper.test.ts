import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { ACADEMY, insertPaperYear, PAPER_YEAR } from '../../../test/support/funding-paper-year.ts';
import { seedDemoFunding, DEMO_FUNDING_YEAR } from '../demo.ts';
import { previousYearOf } from '../years/rules.ts';
import { appliesTo, sheetName } from './rules.ts';
import { PAPER_RECORD } from './service.ts';

const PAPER = `/funding/${PAPER_YEAR}/paper`;
/** The page's text without tags, spaces run together. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&pound;/g, '£')
    .replace(/\s+/g, ' ');

describe('the forum paper', () => {
  let t: TestApp;
  let finance: Agent;

  beforeAll(async () => {
    ({ t, agent: finance } = await appSignedInAs('finance_officer'));
    await insertPaperYear(t.services.db);
  });
  afterAll(() => t.close());

  it('names the year before and the phases a service applies to as the paper does (Havering schools forum report 2024-25)', () => {
    expect(previousYearOf('2024-25')).toBe('2023-24');
    expect(previousYearOf('2000-01')).toBe('1999-00');
    expect(appliesTo(['primary'])).toBe('LA maintained primary schools');
    expect(appliesTo(['primary', 'special'])).toBe('LA maintained primary and special schools');
  });

  it('names each worksheet within Excel’s rules: 31 characters, no []:*?/\\, none twice', () => {
    const taken = new Set<string>(['schools']);
    expect(sheetName('Contingency for schools in financial difficulty', taken)).toBe('Contingency for schools in fina');
    expect(sheetName('Contingency for schools in financial difficulty', taken)).toBe('Contingency for schools in fi 2');
    expect(sheetName('EAL: support / bilingual [A*]?', taken)).toBe('EAL support bilingual A');
    expect(sheetName('Schools', taken)).toBe('Schools 2');
  });

  it('shows each service’s table as the paper lays it out: factor, rate, total, previous year’s rate, with the total', async () => {
    const page = await finance.get(PAPER);
    expect(page.status).toBe(200);
    expect(page.text).toContain('De-delegation of funding for central services 2031-32');
    const text = textOf(page.text);
    // Behaviour support: AWPU 700 pupils × £5.00 = £3,500; FSM Ever 6 60.5 × £2.00 = £121; total £3,621.
    expect(text).toContain('Behaviour support service');
    expect(text).toMatch(
      /Formula factor AWPU FSM Ever 6 Total Rate £5\.00 £2\.00 Total £3,500 £121 £3,621 2030-31 rate £5\.00 £2\.00/,
    );
    // Statutory duties: one column per phase, as the paper prints Primary and Special side by side.
    expect(text).toMatch(
      /2031-32 Primary Special Formula factor AWPU Place Rate £19\.31 £45\.00 Total £13,517 £4,500 2030-31 rate £18\.88 £44\.00/,
    );
    expect(text).toContain('Education function, applicable to LA maintained primary and special schools.');
  });

  it('shows the lowest, median and highest per maintained school and the forum’s decision per phase', async () => {
    const text = textOf((await finance.get(PAPER)).text);
    // £500 (Delta), £1,020 (Alpha), £2,101 (Broadford); the academy’s £1,540 is never counted.
    expect(text).toMatch(/Primary 3 £3,621 £3,621 £500 £1,020 £2,101 Agreed 4 December 2031/);
    expect(text).toContain('Agreed by primary representatives');
    expect(text).toMatch(/Primary 3 £13,517 £13,216 £1,931 £3,862 £7,724 Proposed/);
    expect(text).toMatch(/Special 1 £4,500 £4,400 £4,500 £4,500 £4,500 Proposed/);
  });

  it('is the printable version itself: a print stylesheet class, without the header and footer in print', async () => {
    const page = await finance.get(PAPER);
    expect(page.text).toMatch(/<body class="[^"]*app-forum-paper/);
    expect(page.text).toContain('use your browser’s print');
    const css = await finance.get('/assets/app.css');
    expect(css.text).toMatch(/@media print \{\s*\.app-forum-paper \.govuk-header,/);
    expect(css.text).toContain('.app-forum-paper .govuk-footer');
  });

  it('exports an Excel workbook with a sheet per service and one for the schools, audited', async () => {
    const response = await finance.get(`${PAPER}.xlsx`).responseType('blob');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toBe('attachment; filename="de-delegation-2031-32.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Behaviour support service',
      'Statutory and regulatory duties',
      'Schools',
    ]);
    const behaviour = workbook.getWorksheet('Behaviour support service')!;
    expect((behaviour.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Phase',
      'Formula factor',
      'Rate (£)',
      'Units',
      'Total (£)',
      '2030-31 rate (£)',
    ]);
    expect((behaviour.getRow(2).values as unknown[]).slice(1)).toEqual(['Primary', 'AWPU', 5, 700, 3500, 5]);
    expect((behaviour.getRow(3).values as unknown[]).slice(1)).toEqual(['Primary', 'FSM Ever 6', 2, 60.5, 121, 2]);
    const rows = behaviour.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((row) => row[2] === 'Service total')!;
    expect(total[5]).toBe(3621);
    expect(rows.find((row) => row[2] === 'Median per school')![5]).toBe(1020);
    expect(rows.some((row) => row[2] === 'Forum decision: Agreed (2031-12-04)')).toBe(true);
    const schools = workbook.getWorksheet('Schools')!;
    expect((schools.getRow(1).values as unknown[]).slice(1)).toEqual([
      'URN',
      'School',
      'Phase',
      'Status',
      'Basis',
      'Behaviour support service (£)',
      'Statutory and regulatory duties (£)',
      'Total (£)',
    ]);
    const academy = (schools.getSheetValues().filter(Boolean) as unknown[][]).find((row) => row[1] === ACADEMY)!;
    expect(academy.slice(2)).toEqual([
      'Beta Academy',
      'Primary',
      'Academy',
      'Buy-back price (academy, not de-delegated)',
      1540,
      5793,
      7333,
    ]);
    const audits = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'details'])
      .where('record_type', '=', PAPER_RECORD)
      .execute();
    expect(audits).toContainEqual({ action: 'export', record_id: PAPER_YEAR, details: { format: 'xlsx', schools: 5 } });
  });

  it('exports every school’s amounts as CSV, academies marked as buy-back, audited', async () => {
    const response = await finance.get(`${PAPER}.csv`);
    expect(response.status).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="de-delegation-2031-32-schools.csv"');
    const lines = response.text.trim().split('\n');
    expect(lines[0]).toBe(
      'URN,School,Phase,Status,Basis,Behaviour support service (£),Statutory and regulatory duties (£),Total (£)',
    );
    expect(lines).toContain('900001,Alpha Primary School,Primary,Maintained,De-delegated,1020,3862,4882');
    expect(lines).toContain(
      '900002,Beta Academy,Primary,Academy,"Buy-back price (academy, not de-delegated)",1540,5793,7333',
    );
    expect(lines).toContain('900003,Gamma Special School,Special,Maintained,De-delegated,,4500,4500');
    expect(lines).toHaveLength(6);
    const audits = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', PAPER_RECORD)
      .execute();
    expect(audits.map((row) => (row.details as { format: string }).format)).toContain('csv');
  });

  it('answers 404 for a year that does not exist or is not a year', async () => {
    expect((await finance.get('/funding/2040-41/paper')).status).toBe(404);
    expect((await finance.get('/funding/nonsense/paper')).status).toBe(404);
    expect((await finance.get('/funding/2040-41/paper.xlsx')).status).toBe(404);
  });

  it('shows an empty state, and offers no downloads, when the year has no school data set or no rates', async () => {
    await insertPaperYear(t.services.db, '2032-33', { schools: false });
    await insertPaperYear(t.services.db, '2033-34', { rates: false });
    const noSchools = await finance.get('/funding/2032-33/paper');
    expect(noSchools.status).toBe(200);
    expect(noSchools.text).toContain('There is no school data set for 2032-33 yet');
    expect(noSchools.text).not.toContain('paper.xlsx');
    expect((await finance.get('/funding/2033-34/paper')).text).toContain('No rates have been entered for 2033-34 yet');
    const download = await finance.get('/funding/2032-33/paper.csv');
    expect(download.status).toBe(302);
    expect(download.headers.location).toBe('/funding/2032-33/paper');
  });

  it('is for finance officers, administrators and analysts only', async () => {
    for (const role of ['admin', 'analyst'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(PAPER)).status, role).toBe(200);
      expect((await agent.get(`${PAPER}.csv`)).status, role).toBe(200);
    }
    for (const role of ['school_user', 'team_manager', 'attendance_officer'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(PAPER)).status, role).toBe(403);
      expect((await agent.get(`${PAPER}.xlsx`)).status, role).toBe(403);
    }
  });

  it('reproduces the behaviour support table of the Havering schools forum report 2024-25 from the demo year 2024-25', async () => {
    await seedDemoFunding(t.services.db);
    const text = textOf((await finance.get(`/funding/${DEMO_FUNDING_YEAR}/paper`)).text);
    // Havering schools forum report 2024-25, 5. Behaviour support service: AWPU £5.00 £86,420, FSM Ever 6 £2.00 £6,640, IDACI E £14.08 £31,111, D £22.08 £27,757,
    // C £12.05 £6,859, B £7.71 £4,598, A £10.07 £1,240, low attainment £5.00 £25,603, total £190,228 (the factors in the authority's order, A to E).
    expect(text).toMatch(
      /Formula factor AWPU FSM Ever 6 IDACI A IDACI B IDACI C IDACI D IDACI E Low prior attainment Total Rate £5\.00 £2\.00 £10\.07 £7\.71 £12\.05 £22\.08 £14\.08 £5\.00 Total £86,420 £6,640 £1,240 £4,598 £6,859 £27,757 £31,111 £25,603 £190,228 2023-24 rate £5\.00 £2\.00 £10\.07 £7\.71 £12\.05 £22\.08 £14\.08 £5\.00/,
    );
    // Havering schools forum report 2024-25, 4. EAL service: lowest / median / highest per school £518 / £2,394 / £5,639.
    expect(text).toMatch(
      /EAL service: de-delegated from individual schools, and the forum’s decision Phase Maintained schools Total At 2023-24 rates Lowest Median Highest Decision Primary \d+ £107,000 £107,000 £518 £2,394 £5,639/,
    );
  });
});
