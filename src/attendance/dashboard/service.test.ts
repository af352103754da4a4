import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { attendanceQueries, combine } from '../measures/repository.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { londonDate } from '../../platform/london-time.ts';

let t: TestApp;
let officer: Agent;

beforeAll(async () => ({ t, agent: officer } = await appSignedInAs('attendance_officer')));
afterAll(() => t.close());

describe('the attendance dashboard (Portsmouth school attendance strategy targets)', () => {
  it('the demo borough has this school year’s marks for every school, around each school’s real absence rate', async () => {
    const startYear = schoolYearOf(londonDate(new Date(t.clock.now().getTime() - 86_400_000))).start;
    const rows = await attendanceQueries(t.connection.db, t.clock).bySchool({
      startYear,
      from: `${startYear}-08-01`,
      to: `${startYear + 1}-07-31`,
    });
    expect(rows.length).toBe(
      await t.connection.db
        .selectFrom('schools')
        .select('urn')
        .execute()
        .then((schools) => schools.length),
    );
    const total = combine(rows);
    expect(total.pupils).toBeGreaterThan(20_000);
    expect(total.overall_absence_pct).toBeGreaterThan(2);
    expect(total.overall_absence_pct).toBeLessThan(12);
    expect(total.severe_absentees).toBeGreaterThan(0);
  });

  it('shows the measures by phase with the baseline and target, the weekly trend and every school', async () => {
    const page = await officer.get('/attendance');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Measures by phase, against the targets');
    expect(page.text).toContain('Baseline 4.1% (2018/19), target 3.5% (2023/24)');
    expect(page.text).toContain('Baseline 17.9% (2018/19), target 13.5% (2023/24)');
    expect(page.text).toContain('Overall absence by week');
    expect(page.text).toContain('Suspensions this school year, against the targets');
    expect(page.text).toContain('Baseline 1.08 (2018/19), target 0.6 (2023/24)');
    expect(page.text).toContain('Baseline 7.47 (2018/19), target 5.5 (2023/24)');
    expect(page.text).toMatch(
      /Reduced timetables in place now: <strong>\d+<\/strong> \(baseline 125 in 2018\/19, target 70 by 2023\/24\)/,
    );
    expect(page.text).toContain('Broadford Primary School');
  });

  it('sets each measure beside the national comparators imported for the year or before (RBKC Early Help Family Support: England)', async () => {
    const page = await officer.get('/attendance');
    const overall = /<th scope="row" class="govuk-table__header">Overall absence<\/th>([\s\S]*?)<\/tr>/.exec(
      page.text,
    )![1]!;
    const cells = overall.split('</td>');
    expect(cells[0]).toContain('England 3.9% (2017 to 2018)');
    expect(cells[1]).toContain('England 5.0% (2017 to 2018)');
    expect(page.text).toContain('England 9.40 per 100 pupils (2016 to 2017)');
  });

  it('splits the measures by year group and characteristic from the roll', async () => {
    const page = await officer.get('/attendance/groups');
    expect(page.status).toBe(200);
    for (const caption of [
      'By year group',
      'By special educational needs',
      'By free school meals',
      'By first language',
    ])
      expect(page.text).toContain(caption);
    expect(page.text).toContain('Reception');
    expect(page.text).toContain('Education, health and care plan');
    const rate = (group: string) =>
      Number(new RegExp(`${group}</th>\\s*<td[^>]*>[\\d,]+</td>\\s*<td[^>]*>([\\d.]+)%`).exec(page.text)![1]);
    // The demo, like the national figures, has pupils on free school meals missing more school.
    expect(rate('Free school meals')).toBeGreaterThan(rate('Not free school meals'));
  });

  it('a school user sees only their own school, and cannot choose another', async () => {
    const school = await t.signIn('school_user');
    const page = await school.get('/attendance');
    expect(page.status).toBe(200);
    expect(page.text).toContain('1 school with marks in the period');
    expect(page.text).not.toContain('name="urn"');
    expect(page.text).toContain('<span class="govuk-caption-l">Broadford Primary School</span>');
    const other = await t.connection.db
      .selectFrom('schools')
      .select(['urn', 'name'])
      .where('name', '=', 'Hacton Primary School')
      .executeTakeFirstOrThrow();
    const asked = await school.get(`/attendance?urn=${other.urn}`);
    expect(asked.text).not.toContain('Hacton Primary School');
    expect(asked.text).toContain('1 school with marks in the period');
    const csv = await school.get(`/attendance/schools.csv?urn=${other.urn}`);
    expect(csv.text.trim().split('\n')).toHaveLength(2);
    expect(csv.text).toContain('Broadford Primary School');
  });

  it('an authority user can see one school’s dashboard, with its own weekly trend (school dashboards)', async () => {
    const other = await t.connection.db
      .selectFrom('schools')
      .select('urn')
      .where('name', '=', 'Broadford Primary School')
      .executeTakeFirstOrThrow();
    const all = await officer.get('/attendance');
    const one = await officer.get(`/attendance?urn=${other.urn}`);
    expect(one.status).toBe(200);
    expect(one.text).toContain('<span class="govuk-caption-l">Broadford Primary School</span>');
    expect(one.text).toContain('1 school with marks in the period');
    expect(one.text).toContain('Overall absence by week');
    const firstWeek = (text: string) =>
      /Overall absence by week[\s\S]*?<td class="govuk-table__cell govuk-table__cell--numeric">([\d,]+)<\/td>/.exec(
        text,
      )![1];
    expect(Number(firstWeek(one.text).replace(/,/g, ''))).toBeLessThan(Number(firstWeek(all.text).replace(/,/g, '')));
    expect(all.text).toContain(`href="/attendance?year=`);
  });

  it('shows how many chronically absent pupils have a lead professional and a plan, against 44% → 100% (Portsmouth school attendance strategy)', async () => {
    const page = await officer.get('/attendance');
    expect(page.text).toMatch(
      /with a lead professional and a plan: <strong>[\d,]+ of [\d,]+, \d+(\.\d+)?%<\/strong> \(baseline 44% in 2018\/19, target 100% by 2023\/24\)/,
    );
  });

  it('shows the measures for dates the user chooses, and names a date that is not real or not in the school year', async () => {
    const years = await attendanceQueries(t.connection.db, t.clock).years();
    const start = Number(years[0].slice(0, 4));
    const chosen = await officer.get(
      `/attendance?period=dates&from-day=1&from-month=9&from-year=${start}&to-day=30&to-month=9&to-year=${start}`,
    );
    expect(chosen.status).toBe(200);
    expect(chosen.text).toContain(`1 September ${start} to 30 September ${start}`);
    const wrong = await officer.get(
      `/attendance?period=dates&from-day=31&from-month=2&from-year=${start}&to-day=1&to-month=9&to-year=${start + 1}`,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('href="#from-day">Start date must be a real date');
    expect(wrong.text).toContain(
      `End date must be the same as or before 31 July ${start + 1} (the ${start} to ${start + 1} school year)`,
    );
    expect(wrong.text).toContain('value="31"');
    const backwards = await officer.get(
      `/attendance?period=dates&from-day=2&from-month=10&from-year=${start}&to-day=1&to-month=10&to-year=${start}`,
    );
    expect(backwards.text).toContain('End date must be the same as or after the start date');
  });

  it('downloads the schools’ figures as CSV and Excel, audited', async () => {
    const csv = await officer.get('/attendance/schools.csv?period=term');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toContain('Overall absence %');
    const xlsx = await officer.get('/attendance/schools.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audits = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'attendance-dashboard')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('is not for finance officers or administrators', async () => {
    for (const role of ['finance_officer', 'admin'] as const)
      expect((await (await t.signIn(role)).get('/attendance')).status).toBe(403);
  });
});
