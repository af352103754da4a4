import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { systemClock } from '../../platform/clock.ts';
import { methodFor } from './service.ts';
import { DEFAULT_METHOD } from '../vulnerability/rules.ts';
import { schoolYearNamed } from '../../platform/school-year.ts';

let t: TestApp;
let manager: Agent;
// The test app runs on the real time, so this school year.
const year = systemClock.schoolYear().key;
const editPath = `/allocation/vulnerability/method/edit?year=${encodeURIComponent(year)}`;
const defaultWeights = {
  'weight-sen': '1',
  'weight-lac': '1',
  'weight-mobility': '1',
  'weight-eal': '1',
  'weight-fsm': '0',
};

async function post(agent: Agent, path: string, values: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ year, ...values, _csrf: await csrfToken(agent) });
}
const saveForm = (agent: Agent, values: Record<string, string>) =>
  post(agent, editPath, { basis: 'volume', normalisation: 'min-max', ...defaultWeights, ...values });
const methodRows = () => t.connection.db.selectFrom('vulnerability_methods').selectAll().execute();
const methodAudits = () =>
  t.connection.db
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'vulnerability-method')
    .orderBy('id')
    .execute();
const ranks = async () => (await t.services.vulnerability.table(year)).rows.map((row) => row.urn);

beforeAll(async () => ({ t, agent: manager } = await appSignedInAs('team_manager')));
afterAll(() => t.close());

describe('the vulnerability method for an academic year (Havering SEMH Team proposal)', () => {
  it('is the default method (volume of SEN, LAC, mobility and EAL, weighted equally) until one is saved', async () => {
    const saved = await methodFor(t.connection.db, year);
    expect(saved).toMatchObject({ year, method: DEFAULT_METHOD, isDefault: true });
    const page = await manager.get(`/allocation/vulnerability?year=${encodeURIComponent(year)}`);
    expect(page.text).toContain('scores use the default method');
    expect(page.text).toContain(`href="${editPath}"`);
  });

  it('shows the form with the year’s method filled in', async () => {
    const page = await manager.get(editPath);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`Change the vulnerability method for ${schoolYearNamed(year)!.label}`);
    expect(page.text).toMatch(/name="basis" type="radio" value="volume" checked/);
    expect(page.text).toMatch(/name="normalisation" type="radio" value="min-max" checked/);
    expect(page.text).toMatch(/name="weight-sen" type="text"[^>]*value="1"/);
    expect(page.text).toMatch(/name="weight-fsm" type="text"[^>]*value="0"/);
  });

  it('refuses weights that are not numbers from 0 to 10, naming the field, keeping what was typed and changing nothing', async () => {
    const before = await ranks();
    const refused = await saveForm(manager, { 'weight-lac': 'lots', 'weight-eal': '11' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('There is a problem');
    expect(refused.text).toContain(
      '<a href="#weight-lac">The weight for looked-after children must be a number, 0 or more</a>',
    );
    expect(refused.text).toContain(
      '<a href="#weight-eal">The weight for pupils with English as an additional language must be 10 or less</a>',
    );
    expect(refused.text).toMatch(/name="weight-lac" type="text"[^>]*value="lots"/);
    expect(refused.text).toMatch(/name="weight-eal" type="text"[^>]*value="11"/);

    const negative = await saveForm(manager, { 'weight-sen': '-1' });
    expect(negative.status).toBe(400);
    expect(negative.text).toContain(
      'The weight for pupils with special educational needs (SEN support and EHC plans) must be a number, 0 or more',
    );

    const none = await saveForm(manager, {
      'weight-sen': '0',
      'weight-lac': '',
      'weight-mobility': '0',
      'weight-eal': '0',
    });
    expect(none.status).toBe(400);
    expect(none.text).toContain('<a href="#weight-sen">At least one factor must have a weight above 0</a>');

    expect(await methodRows()).toEqual([]);
    expect(await methodAudits()).toEqual([]);
    expect(await ranks()).toEqual(before);
  });

  it('saves a method for the year that changes the ranks, audited with what it was before and after', async () => {
    const before = await ranks();
    const saved = await saveForm(manager, {
      basis: 'rate',
      'weight-sen': '0',
      'weight-lac': '0',
      'weight-mobility': '0',
      'weight-eal': '2.5',
    });
    expect(saved.status).toBe(302);
    expect(saved.headers.location).toBe(`/allocation/vulnerability?year=${encodeURIComponent(year)}`);

    const [row] = await methodRows();
    expect(row).toMatchObject({ academic_year: year, basis: 'rate', normalisation: 'min-max', weights: { eal: 2.5 } });
    const after = await ranks();
    expect(after).not.toEqual(before);
    expect([...after].sort()).toEqual([...before].sort());

    const [entry] = await methodAudits();
    expect(entry).toMatchObject({ action: 'update', record_id: year });
    expect(entry.details).toMatchObject({
      before: { basis: 'volume', default: true },
      after: { basis: 'rate', normalisation: 'min-max', weights: { eal: 2.5 } },
    });

    const table = await manager.get(`/allocation/vulnerability?year=${encodeURIComponent(year)}`);
    expect(table.text).toContain('The vulnerability method for');
    expect(table.text).toContain('rate, scale from 0 to 1 (min-max); weights EAL 2.5');
    expect(table.text).toContain('EAL: figure, scaled, adds');
    expect(table.text).not.toContain('SEN: figure, scaled, adds');
  });

  it('describes the year’s method on the “how the score works” page', async () => {
    const page = await manager.get(`/allocation/vulnerability/method?year=${encodeURIComponent(year)}`);
    expect(page.text).toContain('for every 100 pupils on roll (the rate)');
    expect(page.text).toContain('pupils with English as an additional language.');
    expect(page.text).toContain('Change the method');
  });

  it('goes back to the default method when asked, audited', async () => {
    const response = await post(manager, '/allocation/vulnerability/method/default', {});
    expect(response.status).toBe(302);
    expect(await methodRows()).toEqual([]);
    expect((await methodFor(t.connection.db, year)).isDefault).toBe(true);
    const entry = (await methodAudits()).at(-1)!;
    expect(entry).toMatchObject({ action: 'delete', record_id: year });
    expect(entry.details).toMatchObject({ before: { basis: 'rate' }, after: { default: true } });
  });

  it('lets the analyst change the method, but not the triage manager or admin, who see no link to change it', async () => {
    const analyst = await t.signIn('analyst');
    expect((await analyst.get(editPath)).status).toBe(200);
    for (const role of ['triage_manager', 'admin'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(editPath)).status).toBe(403);
      expect((await saveForm(agent, { basis: 'rate' })).status).toBe(403);
      const table = await agent.get('/allocation/vulnerability');
      expect(table.status).toBe(200);
      expect(table.text).not.toContain('Change the method');
    }
    expect(await methodRows()).toEqual([]);
  });

  it('allows a z-score table, but an allocation plan refuses it and says why, naming the method', async () => {
    expect((await saveForm(manager, { normalisation: 'z-score' })).status).toBe(302);
    const table = await t.services.vulnerability.table(year);
    expect(table.rows.some((row) => row.score < 0)).toBe(true);

    const whatIf = await t.services.plans.whatIf(year, {
      capacity: 200,
      coreOffer: 1,
      groupShare: 0,
      scope: 'maintained-primary',
      smallGroups: { topPercent: 10 },
    });
    expect(whatIf.ok).toBe(false);
    const message = `The ${schoolYearNamed(year)!.label} vulnerability method compares schools with the average school (z-score), which gives scores below 0, so it cannot share out cases`;
    expect(!whatIf.ok && whatIf.errors[0].text).toContain(message);

    const query = new URLSearchParams({
      year,
      capacity: '200',
      coreOffer: '1',
      groupShare: '0',
      scope: 'maintained-primary',
      smallGroupsBy: 'topPercent',
      smallGroups: '10',
    });
    const page = await manager.get(`/allocation/plan/what-if?${query}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain(message);
  });
});
