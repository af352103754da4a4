import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { systemClock } from '../../platform/clock.ts';
import { schoolYearNamed } from '../../platform/school-year.ts';

let t: TestApp;
let manager: Agent;
// The test app runs on the real time, so this school year.
const year = systemClock.schoolYear().key;
const form = {
  year,
  capacity: 200,
  coreOffer: 1,
  groupShare: 0,
  scope: 'maintained-primary',
  smallGroupsBy: 'topPercent',
  smallGroups: 10,
};
const query = (values: Record<string, unknown>) =>
  new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)])).toString();

async function save(agent: Agent, values: Record<string, unknown> = form) {
  return agent
    .post('/allocation/plan')
    .type('form')
    .send({ ...values, _csrf: await csrfToken(agent) });
}
const plansInDb = () => t.connection.db.selectFrom('allocation_plans').selectAll().orderBy('version').execute();
const planAudits = () =>
  t.connection.db
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'allocation-plan')
    .orderBy('id')
    .execute();

beforeAll(async () => ({ t, agent: manager } = await appSignedInAs('team_manager', { marks: false })));
afterAll(() => t.close());

describe('the demo borough', () => {
  it('has this year’s plan approved by the team manager, with quotas adding up to 200 families (Havering SEMH Team proposal)', async () => {
    const [plan] = await plansInDb();
    expect(plan).toMatchObject({ academic_year: year, version: 1, status: 'approved', capacity: 200, core_offer: 1 });
    const rows = plan.rows as unknown as { total: number }[];
    expect(rows.reduce((sum, row) => sum + row.total, 0)).toBe(200);
    // The rest of this file starts from a year with no plan saved.
    await t.connection.db.deleteFrom('allocation_plans').execute();
    await t.connection.db.deleteFrom('audit_events').where('record_type', '=', 'allocation-plan').execute();
  });
});

describe('the annual allocation plan (Havering SEMH Team proposal)', () => {
  it('gives every maintained primary its core case and shares the rest of 200 families by vulnerability, adding up exactly', async () => {
    const maintainedPrimaries = await t.connection.db
      .selectFrom('schools')
      .select('urn')
      .where('maintained', '=', true)
      .where('phase', '=', 'Primary')
      .execute();
    const result = await t.services.plans.whatIf(year, {
      capacity: 200,
      coreOffer: 1,
      groupShare: 0,
      scope: 'maintained-primary',
      smallGroups: { topPercent: 10 },
    });
    if (!result.ok) throw new Error(result.errors.map((e) => e.text).join());
    expect(result.rows).toHaveLength(maintainedPrimaries.length);
    expect(result.rows.reduce((sum, row) => sum + row.total, 0)).toBe(200);
    expect(result.rows.every((row) => row.total >= 1)).toBe(true);
    expect(result.rows.map((row) => row.rank)).toEqual(result.rows.map((_, i) => i + 1));
    expect(result.rows[0].total).toBe(Math.max(...result.rows.map((row) => row.total)));
    expect(result.rows.filter((row) => row.smallGroup)).toHaveLength(Math.ceil(maintainedPrimaries.length / 10));
  });

  it('shows the empty state with sensible defaults before any plan is saved', async () => {
    const page = await manager.get('/allocation/plan');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`No plan saved for ${schoolYearNamed(year)!.label} yet`);
    expect(page.text).toMatch(/name="capacity"[^>]*value="200"/);
    expect(page.text).toContain('largest-remainder');
  });

  it('shows the proposed quotas on the what-if page without saving anything', async () => {
    const page = await manager.get(`/allocation/plan/what-if?${query(form)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Proposed quotas for');
    expect(page.text).toContain('Save as a new version');
    expect(await plansInDb()).toHaveLength(0);
  });

  it('refuses a capacity below the core offers, says how many schools cannot be met and saves nothing', async () => {
    const page = await manager.get(`/allocation/plan/what-if?${query({ ...form, capacity: 10 })}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toMatch(/schools cannot have their core offer/);
    expect(page.text).toContain('Schools that cannot have their core offer');
    const saved = await save(manager, { ...form, capacity: 10 });
    expect(saved.status).toBe(400);
    expect(await plansInDb()).toHaveLength(0);
  });

  it('refuses a capacity of zero or less', async () => {
    for (const capacity of [0, -5]) {
      const page = await manager.get(`/allocation/plan/what-if?${query({ ...form, capacity })}`);
      expect(page.status).toBe(400);
      expect(page.text).toContain('Capacity must be at least 1 family');
    }
  });

  it('saves version 1 as a draft, and the team manager approves it, audited', async () => {
    const response = await save(manager);
    expect(response.status).toBe(302);
    const [plan] = await plansInDb();
    expect(plan).toMatchObject({
      version: 1,
      status: 'draft',
      capacity: 200,
      core_offer: 1,
      scope: 'maintained-primary',
    });
    expect((plan.rows as { total: number }[]).reduce((sum, row) => sum + row.total, 0)).toBe(200);

    const approved = await manager
      .post(`/allocation/plan/${plan.id}/approve`)
      .type('form')
      .send({ _csrf: await csrfToken(manager) });
    expect(approved.status).toBe(302);
    const [after] = await plansInDb();
    expect(after.status).toBe('approved');
    expect(after.approved_by).not.toBeNull();
    expect((await planAudits()).map((row) => row.action)).toEqual(['create', 'approve']);

    const page = await manager.get('/allocation/plan');
    expect(page.text).toContain('Approved by');
    expect(page.text).toContain('Download as CSV');
    expect(page.text).toContain('Download as Excel');
    expect(page.text).toContain('Small groups');
  });

  it('needs a reason to change an approved plan, and audits the reason', async () => {
    const refused = await save(manager, { ...form, capacity: 180 });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Enter the reason for changing an approved plan');
    expect(await plansInDb()).toHaveLength(1);

    const reason = 'One practitioner left in October (Havering schools forum report 2024-25: 1 + 4 = about 180)';
    expect((await save(manager, { ...form, capacity: 180, reason })).status).toBe(302);
    const plans = await plansInDb();
    expect(plans.map((plan) => [plan.version, plan.status])).toEqual([
      [1, 'approved'],
      [2, 'draft'],
    ]);
    expect(plans[1].change_reason).toBe(reason);
    expect((await planAudits()).at(-1)!.details).toMatchObject({ version: 2, reason });

    const compare = await manager.get(`/allocation/plan/what-if?${query({ ...form, capacity: 180 })}`);
    expect(compare.text).toContain('Compared with version 2');

    await manager
      .post(`/allocation/plan/${plans[1].id}/approve`)
      .type('form')
      .send({ _csrf: await csrfToken(manager) });
    expect((await plansInDb()).map((plan) => plan.status)).toEqual(['superseded', 'approved']);
  });

  it('exports the saved plan as CSV and audits the export', async () => {
    const csv = await manager.get(`/allocation/plan.csv?year=${encodeURIComponent(year)}`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const [header, ...lines] = csv.text.trim().split('\n');
    expect(header).toBe('rank,urn,school,score,core,weighted,total_quota,allocated_so_far,remaining,small_groups');
    expect(lines[0].startsWith('1,')).toBe(true);
    expect((await planAudits()).at(-1)!.action).toBe('export');
  });

  it('exports the saved plan as Excel with the same columns as the CSV, and audits the export', async () => {
    const response = await manager.get(`/allocation/plan.xlsx?year=${encodeURIComponent(year)}`).responseType('blob');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/allocation-plan-\d{4}-\d{2}-v2\.xlsx/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toMatch(/^Plan \d{4}-\d{2}-v2$/);
    const header = sheet.getRow(1).values as unknown[];
    expect(header.slice(1)).toEqual([
      'rank',
      'urn',
      'school',
      'score',
      'core',
      'weighted',
      'total_quota',
      'allocated_so_far',
      'remaining',
      'small_groups',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const [plan] = (await plansInDb()).filter((p) => p.status === 'approved');
    expect(sheet.rowCount - 1).toBe((plan.rows as unknown[]).length);
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    const total = Array.from({ length: sheet.rowCount - 1 }, (_, i) =>
      Number(sheet.getRow(i + 2).getCell(7).value),
    ).reduce((a, b) => a + b, 0);
    expect(total).toBe(180);
    expect((await planAudits()).at(-1)).toMatchObject({
      action: 'export',
      details: expect.objectContaining({ format: 'xlsx' }),
    });
  });

  it('shows every school’s quota with other weights beside the saved plan, and the saved plan keeps the weights used', async () => {
    const weights = { 'weight-sen': 0, 'weight-lac': 0, 'weight-mobility': 0, 'weight-eal': 3, 'weight-fsm': 1 };
    const page = await manager.get(`/allocation/plan/what-if?${query({ ...form, capacity: 180, ...weights })}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('weights EAL 3, FSM 1');
    expect(page.text).toContain('These are not the weights of the');
    expect(page.text).toMatch(/type="hidden" name="weight-eal" value="3"/);

    const inputs = {
      capacity: 180,
      coreOffer: 1,
      groupShare: 0,
      scope: 'maintained-primary' as const,
      smallGroups: { topPercent: 10 },
    };
    const same = await t.services.plans.whatIf(year, inputs);
    const other = await t.services.plans.whatIf(year, { ...inputs, weights: { eal: 3, fsm: 1 } });
    if (!same.ok || !other.ok) throw new Error('The what-if should work');
    expect(same.rows.every((row) => row.change === 0)).toBe(true);
    expect(other.rows.some((row) => row.change !== 0)).toBe(true);
    expect(other.rows.reduce((sum, row) => sum + row.total, 0)).toBe(180);

    const reason = 'Weighting EAL and free school meals, as agreed at schools forum';
    expect((await save(manager, { ...form, capacity: 180, ...weights, reason })).status).toBe(302);
    const latest = (await plansInDb()).at(-1)!;
    expect(latest.method).toEqual({ basis: 'volume', normalisation: 'min-max', weights: { eal: 3, fsm: 1 } });
    expect((await planAudits()).at(-1)!.details).toMatchObject({ method: { weights: { eal: 3, fsm: 1 } } });
    const saved = await manager.get(`/allocation/plan?year=${encodeURIComponent(year)}`);
    expect(saved.text).toContain('Scores worked out with: volume, scale from 0 to 1 (min-max); weights EAL 3, FSM 1.');
    // The what-if form starts again from the year's method, so its changes show beside this plan.
    expect(saved.text).toMatch(/name="weight-sen" type="text"[^>]*value="1"/);
  });

  it('refuses weights that are not numbers, naming the box, and saves nothing', async () => {
    const before = (await plansInDb()).length;
    const page = await manager.get(`/allocation/plan/what-if?${query({ ...form, 'weight-lac': 'x' })}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain(
      '<a href="#weight-lac">The weight for looked-after children must be a number, 0 or more</a>',
    );
    const none = await save(manager, {
      ...form,
      'weight-sen': 0,
      'weight-lac': 0,
      'weight-mobility': 0,
      'weight-eal': 0,
      'weight-fsm': 0,
      reason: 'No weights',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('At least one factor must have a weight above 0');
    expect(await plansInDb()).toHaveLength(before);
  });

  it('lets analysts see the plan but not save or approve it', async () => {
    const analyst = await t.signIn('analyst');
    expect((await analyst.get('/allocation/plan')).status).toBe(200);
    expect((await analyst.get(`/allocation/plan/what-if?${query(form)}`)).status).toBe(200);
    expect((await save(analyst)).status).toBe(403);
    const [plan] = await plansInDb();
    expect(
      (
        await analyst
          .post(`/allocation/plan/${plan.id}/approve`)
          .type('form')
          .send({ _csrf: await csrfToken(analyst) })
      ).status,
    ).toBe(403);
  });

  it('is not for school users', async () => {
    const school = await t.signIn('school_user');
    expect((await school.get('/allocation/plan')).status).toBe(403);
    expect((await school.get('/allocation/plan.csv')).status).toBe(403);
    expect((await school.get('/allocation/plan.xlsx')).status).toBe(403);
  });
});
