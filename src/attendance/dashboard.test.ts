import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../test/support/app.ts';
import { attendanceQueries, combine } from './queries.ts';
import { schoolYearStartOf } from './sessions.ts';
import { londonDate } from '../referrals/london-time.ts';

let t: TestApp;
let officer: Agent;

beforeAll(async () => ({ t, agent: officer } = await appSignedInAs('attendance_officer')));
afterAll(() => t.close());

describe('the attendance dashboard (SYSTEM.md §5; seed 004 targets)', () => {
  it('the demo borough has this school year’s marks for every school, around each school’s real absence rate', async () => {
    const startYear = schoolYearStartOf(londonDate(new Date(Date.now() - 86_400_000)));
    const rows = await attendanceQueries(t.connection.db).bySchool({ startYear, from: `${startYear}-08-01`, to: `${startYear + 1}-07-31` });
    expect(rows.length).toBe(await t.connection.db.selectFrom('schools').select('urn').execute().then((schools) => schools.length));
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
    expect(page.text).toMatch(/Reduced timetables in place now: <strong>\d+<\/strong> \(baseline 125 in 2018\/19, target 70 by 2023\/24\)/);
    expect(page.text).toContain('Broadford Primary School');
  });

  it('splits the measures by year group and characteristic from the roll (SYSTEM.md §5)', async () => {
    const page = await officer.get('/attendance/groups');
    expect(page.status).toBe(200);
    for (const caption of ['By year group', 'By special educational needs', 'By free school meals', 'By first language']) expect(page.text).toContain(caption);
    expect(page.text).toContain('Reception');
    expect(page.text).toContain('Education, health and care plan');
    const rate = (group: string) => Number(new RegExp(`${group}</th>\\s*<td[^>]*>[\\d,]+</td>\\s*<td[^>]*>([\\d.]+)%`).exec(page.text)![1]);
    // The demo, like the national figures, has pupils on free school meals missing more school.
    expect(rate('Free school meals')).toBeGreaterThan(rate('Not free school meals'));
  });

  it('a school user sees only their own school', async () => {
    const school = await t.signIn('school_user');
    const page = await school.get('/attendance');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Attendance: your school');
    expect(page.text).toContain('1 school with marks in the period');
    const csv = await school.get('/attendance/schools.csv');
    expect(csv.text.trim().split('\n')).toHaveLength(2);
  });

  it('downloads the schools’ figures as CSV and Excel, audited', async () => {
    const csv = await officer.get('/attendance/schools.csv?period=term');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\n')[0]).toContain('Overall absence %');
    const xlsx = await officer.get('/attendance/schools.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const audits = await t.connection.db.selectFrom('audit_events').select('action').where('record_type', '=', 'attendance-dashboard').execute();
    expect(audits.length).toBeGreaterThanOrEqual(2);
  });

  it('is not for finance officers or administrators', async () => {
    for (const role of ['finance_officer', 'admin'] as const) expect((await (await t.signIn(role)).get('/attendance')).status).toBe(403);
  });
});
