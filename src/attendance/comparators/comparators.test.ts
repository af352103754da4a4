import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { comparatorsAt } from './rules.ts';
import { COMPARATORS_RECORD, latestFor } from './service.ts';

const PATH = '/attendance/comparators';
const HEADER = 'area,academic_year,phase,measure,value';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');

describe('comparators', () => {
  let t: TestApp;
  let agent: Agent;
  const upload = async (as: Agent, text: string, name = 'comparators.csv') =>
    as.post(`${PATH}?_csrf=${encodeURIComponent(await csrfToken(as))}`).attach('file', Buffer.from(text), name);
  const stored = async () =>
    (
      await t.services.db
        .selectFrom('attendance_comparators')
        .select(['area', 'academic_year', 'phase', 'measure', 'value', 'source'])
        .orderBy('area')
        .orderBy('academic_year')
        .orderBy('phase')
        .orderBy('measure')
        .execute()
    ).map((row) => ({ ...row, value: Number(row.value) }));
  const texts = async (year: string, measure: string, phase: string) =>
    comparatorsAt(await latestFor(t.services.db, year), measure, phase).map((each) => each.text);

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('attendance_officer'));
  });
  afterAll(() => t.close());

  it('holds England’s figures from the RBKC Early Help Family Support: overall absence as 100 − attendance, and the 2016/17 exclusion rates', async () => {
    // RBKC Early Help Family Support, 'Local & National Picture - Attendance': England Primary
    // 96.1% 96.0% 96.0%, Secondary 95.0% 94.6% 94.8% (2017/18, 2016/17, 2015/16); 'Local &
    // National Picture - Exclusions' (2016/17): primary 0.03% and 1.37%, secondary 0.20% and 9.40%.
    const england = (await stored())
      .filter((row) => row.area === 'England')
      .map((row) => `${row.academic_year} ${row.phase} ${row.measure} ${row.value}`);
    expect(england.sort()).toEqual(
      [
        '2015/16 Primary overall-absence 4',
        '2015/16 Secondary overall-absence 5.2',
        '2016/17 Primary overall-absence 4',
        '2016/17 Primary permanent-exclusion-rate 0.03',
        '2016/17 Primary suspension-rate 1.37',
        '2016/17 Secondary overall-absence 5.4',
        '2016/17 Secondary permanent-exclusion-rate 0.2',
        '2016/17 Secondary suspension-rate 9.4',
        '2017/18 Primary overall-absence 3.9',
        '2017/18 Secondary overall-absence 5',
      ].sort(),
    );
  });

  it('latestFor gives the dashboard each area’s newest figure up to its school year (RBKC Early Help Family Support)', async () => {
    expect(await texts('2017/18', 'overall-absence', 'Primary')).toEqual(['England 3.9% (2017 to 2018)']);
    expect(await texts('2016/17', 'overall-absence', 'Secondary')).toEqual(['England 5.4% (2016 to 2017)']);
    expect(await texts('2026/27', 'suspension-rate', 'Secondary')).toEqual([
      'England 9.40 per 100 pupils (2016 to 2017)',
    ]);
    expect(await latestFor(t.services.db, '2014/15')).toEqual({});
    expect(await latestFor(t.services.db, 'not a year')).toEqual({});
  });

  it('shows the stored figures by area and year, with the form and template for an attendance officer', async () => {
    const page = await agent.get(PATH);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<caption class="govuk-table__caption govuk-table__caption--m">England</caption>');
    expect(page.text).toMatch(/2017 to 2018<\/th>\s*<td class="govuk-table__cell">Primary<\/td>\s*<td[^>]*>3\.9<\/td>/);
    expect(page.text).toContain('RBKC Early Help Family Support: Local &amp; National Picture - Attendance');
    expect(page.text).toContain('Import comparators');
    const template = await agent.get(`${PATH}/template.csv`);
    expect(template.text).toBe(`${HEADER},source\r\n`);
  });

  it('imports a good file: new figures added, the same area, year, phase and measure replaced, audited', async () => {
    const response = await upload(
      agent,
      csv(
        'england,2017/18,Primary,overall-absence,4.2',
        'England,2017/18,Secondary,overall-absence,5.5',
        'Outer London,2023/24,All,persistent-absence,17.9',
      ),
      'dfe-absence.csv',
    );
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(PATH);
    const page = await agent.get(PATH);
    expect(page.text).toContain('Imported 3 figures for England and Outer London (1 new, 2 replacing earlier figures)');
    const rows = await stored();
    expect(rows.filter((row) => row.academic_year === '2017/18')).toEqual([
      {
        area: 'England',
        academic_year: '2017/18',
        phase: 'Primary',
        measure: 'overall-absence',
        value: 4.2,
        source: 'Imported from dfe-absence.csv',
      },
      {
        area: 'England',
        academic_year: '2017/18',
        phase: 'Secondary',
        measure: 'overall-absence',
        value: 5.5,
        source: 'Imported from dfe-absence.csv',
      },
    ]);
    expect(rows).toHaveLength(11);
    expect(await texts('2024/25', 'persistent-absence', 'All')).toEqual(['Outer London 17.9% (2023 to 2024)']);
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', COMPARATORS_RECORD)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      action: 'import',
      details: { figures: 3, added: 1, replaced: 2, areas: ['England', 'Outer London'] },
    });
  });

  it('refuses a bad file, naming the row and column in the error summary, and changes nothing', async () => {
    const before = await stored();
    const response = await upload(
      agent,
      csv('England,2018/19,Primary,overall-absence,4.0', 'England,2018/19,Secondary,overall-absence,105'),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain(
      'Row 3, value: enter a value from 0 to 100 (a percentage or a rate per 100 pupils)',
    );
    expect(response.text).toContain('Nothing was imported');
    expect(await stored()).toEqual(before);
  });

  it('asks for a file, and refuses one that is not a CSV', async () => {
    const none = await agent.post(`${PATH}?_csrf=${encodeURIComponent(await csrfToken(agent))}`).field('other', 'x');
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select a CSV file');
    const binary = await upload(agent, '\u0000\u0001PK');
    expect(binary.status).toBe(400);
    expect(binary.text).toContain('The selected file must be a CSV file saved as UTF-8 text');
  });

  it('refuses an upload without the CSRF token and changes nothing', async () => {
    const before = await stored();
    const response = await agent
      .post(`${PATH}?_csrf=wrong`)
      .attach('file', Buffer.from(csv('Wales,2023/24,All,overall-absence,6.1')), 'comparators.csv');
    expect(response.status).toBe(403);
    expect(
      (
        await agent
          .post(PATH)
          .attach('file', Buffer.from(csv('Wales,2023/24,All,overall-absence,6.1')), 'comparators.csv')
      ).status,
    ).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('refuses a school user the page, the template and the import', async () => {
    const school = await t.signIn('school_user');
    const before = await stored();
    expect((await school.get(PATH)).status).toBe(403);
    expect((await school.get(`${PATH}/template.csv`)).status).toBe(403);
    expect((await upload(school, csv('Wales,2023/24,All,overall-absence,6.1'))).status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it('lets a team manager read the comparators but not import them, and an analyst import them', async () => {
    const manager = await t.signIn('team_manager');
    const page = await manager.get(PATH);
    expect(page.status).toBe(200);
    expect(page.text).toContain('England');
    expect(page.text).not.toContain('Import comparators');
    expect((await upload(manager, csv('Wales,2023/24,All,overall-absence,6.1'))).status).toBe(403);
    const analyst = await t.signIn('analyst');
    expect((await upload(analyst, csv('Statistical neighbours,2023/24,Secondary,severe-absence,2.85'))).status).toBe(
      302,
    );
    expect(await texts('2023/24', 'severe-absence', 'Secondary')).toEqual([
      'Statistical neighbours 2.85% (2023 to 2024)',
    ]);
  });

  it('says so when there are no comparators', async () => {
    await t.services.db.deleteFrom('attendance_comparators').execute();
    const page = await agent.get(PATH);
    expect(page.text).toContain('There are no comparators yet. Import a file of figures below.');
    expect(page.text).not.toContain('govuk-table__caption');
  });
});
