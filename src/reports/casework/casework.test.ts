import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let manager: Agent;

const db = () => t.connection.db;
const current = () => t.services.clock.schoolYear();
const reports = () =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'report')
    .where('record_id', '=', 'casework')
    .orderBy('id')
    .execute();

beforeAll(async () => {
  ({ t, agent: manager } = await appSignedInAs('team_manager', { marks: false }));
});
afterAll(() => t.close());

describe('the casework report', () => {
  it('shows the current academic year’s figures by month to a team manager, with the demo’s cases', async () => {
    const page = await manager.get('/reports/casework');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1 class="govuk-heading-l">Casework report</h1>');
    expect(page.text).toContain(`Total for ${current().label}`);
    for (const caption of ['Cases by month', 'Timeliness by month', 'School place kept'])
      expect(page.text).toContain(caption);
    expect(page.text).toMatch(/\d+ of \d+ \(\d+%\)/);
    expect(page.text).not.toContain('No cases yet');
  });

  it('counts every case allocated since 1 August, as the caseload does', async () => {
    const start = current().start;
    const allocated = await db()
      .selectFrom('cases')
      .select('id')
      .where('allocated_at', '>=', new Date(`${start}-08-01T00:00:00+01:00`))
      .execute();
    const open = await db().selectFrom('cases').select('id').where('status', '!=', 'closed').execute();
    const { report } = await t.services.caseworkReport.report();
    expect(report.total.allocated).toBe(allocated.length);
    expect(report.total.allocated).toBeGreaterThan(20);
    expect(report.total.openAtEnd).toBe(open.length);
  });

  it('shows a chosen year written 2026/27, and says when it has no cases', async () => {
    const page = await manager.get('/reports/casework?year=2020/21');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No cases yet in 2020 to 2021.');
    expect(page.text).not.toContain('Download the figures');
  });

  it('shows the current year for a year it cannot read', async () => {
    const page = await manager.get('/reports/casework?year=not-a-year');
    expect(page.text).toContain(`Total for ${current().label}`);
  });

  it('exports the figures by month as CSV and audits the export', async () => {
    const before = (await reports()).length;
    const file = await manager.get(`/reports/casework.csv?year=${encodeURIComponent(current().key)}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    expect(file.headers['content-disposition']).toContain(`casework-report-${current().key.replace('/', '-')}.csv`);
    const lines = file.text.trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^Month,Cases allocated,Cases closed,/);
    expect(lines.at(-1)).toContain(`Total for ${current().label}`);
    const audits = await reports();
    expect(audits).toHaveLength(before + 1);
    expect(audits.at(-1)).toMatchObject({
      action: 'export',
      details: expect.objectContaining({ academicYear: current().key }),
    });
  });

  it('is for senior practitioners and analysts too', async () => {
    for (const role of ['senior_practitioner', 'analyst'] as const)
      expect((await (await t.signIn(role)).get('/reports/casework')).status).toBe(200);
  });

  it('is forbidden to a school user and a practitioner', async () => {
    for (const role of ['school_user', 'practitioner'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get('/reports/casework')).status).toBe(403);
      expect((await agent.get('/reports/casework.csv')).status).toBe(403);
    }
  });

  it('is linked from the home page and the front door report for a team manager', async () => {
    expect((await manager.get('/')).text).toContain('href="/reports/casework"');
    expect((await manager.get('/reports/front-door')).text).toContain('href="/reports/casework"');
  });
});
