import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DELTA, fundingSnapshot, insertPaperYear, PAPER_YEAR } from '../../../test/support/funding-paper-year.ts';
import { readWhatIf, startingValues } from './forms.ts';

const WHAT_IF = `/funding/${PAPER_YEAR}/what-if`;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const AWPU = 'rate-behaviour-support-primary-nor';

describe('what if', () => {
  let t: TestApp;
  let finance: Agent;
  let csrf: string;

  beforeAll(async () => {
    ({ t, agent: finance } = await appSignedInAs('finance_officer', { marks: false }));
    await insertPaperYear(t.services.db);
    csrf = await csrfToken(finance, WHAT_IF);
  });
  afterAll(() => t.close());

  const post = async (changes: Record<string, string>, as = finance, token = csrf) => {
    const { year } = await t.services.fundingPapers.calculated(PAPER_YEAR);
    return as
      .post(WHAT_IF)
      .type('form')
      .send({ ...startingValues(year), ...changes, _csrf: token });
  };

  it('shows every rate in pounds in a form, and says nothing is saved', async () => {
    const page = await finance.get(WHAT_IF);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`id="${AWPU}" name="${AWPU}" type="text"[^>]*value="5.00"`));
    expect(page.text).toMatch(/id="rate-statutory-duties-special-special_places"[^>]*value="45.00"/);
    expect(page.text).toContain('Nothing on this page is saved');
    expect(page.text).toContain('name="_csrf"');
  });

  it('moves every total, the lowest, median and highest, and the changed school’s amounts, saving nothing', async () => {
    const before = await fundingSnapshot(t.services.db);
    const page = await post({ [AWPU]: '6', urn: String(DELTA), factor: 'nor', units: '150' });
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    // AWPU £5.00 → £6.00, Delta’s pupils 100 → 150: Broadford £2,501.00, Alpha £1,220.00, Delta £900.00.
    expect(text).toMatch(/Behaviour support service: primary AWPU rate £5\.00 £6\.00/);
    expect(text).toMatch(
      /Behaviour support service Primary £3,621\.00 → £4,621\.00 \+£1,000\.00 £500\.00 → £900\.00 £1,020\.00 → £1,220\.00 £2,101\.00 → £2,501\.00/,
    );
    // Statutory duties primary: Delta 150 × £19.31 = £2,896.50; the special phase does not move.
    expect(text).toMatch(/Statutory and regulatory duties Primary £13,517\.00 → £14,482\.50 \+£965\.50/);
    expect(text).toMatch(/Statutory and regulatory duties Special £4,500\.00 No change/);
    expect(text).toContain('Delta Primary School: AWPU units 100 → 150');
    expect(text).toMatch(/Behaviour support service £500\.00 £900\.00 \+£400\.00/);
    expect(text).toMatch(/Total £2,431\.00 £3,796\.50 \+£1,365\.50/);
    expect(page.text).toMatch(new RegExp(`id="${AWPU}"[^>]*value="6"`));
    expect(await fundingSnapshot(t.services.db)).toEqual(before);
    expect((await finance.get(`/funding/${PAPER_YEAR}/paper`)).text).toContain('£3,621');
  });

  it('works out the figures as they are when nothing is changed', async () => {
    const text = textOf((await post({})).text);
    expect(text).toContain('You have not changed any rate or school');
    expect(text).toMatch(/Behaviour support service Primary £3,621\.00 No change/);
  });

  it('names every problem in an error summary and keeps what was typed', async () => {
    const before = await fundingSnapshot(t.services.db);
    const page = await post({
      [AWPU]: '5.555',
      'rate-statutory-duties-primary-nor': '',
      urn: String(DELTA),
      factor: '',
      units: 'lots',
    });
    expect(page.status).toBe(400);
    expect(page.text).toContain('govuk-error-summary');
    expect(page.text).toContain(`href="#${AWPU}"`);
    expect(page.text).toContain(
      'The Behaviour support service: primary AWPU rate must be an amount in pounds with at most 2 decimal places, like 14.08',
    );
    expect(page.text).toContain('Enter the Statutory and regulatory duties: primary AWPU rate in pounds, like 5.00');
    expect(page.text).toContain('Select the factor whose units to change');
    expect(page.text).toContain('Units must be a number, 0 or more, with at most 4 decimal places, like 12.5');
    expect(page.text).toMatch(new RegExp(`id="${AWPU}"[^>]*value="5.555"`));
    expect(page.text).toMatch(/id="units"[^>]*value="lots"/);
    expect(page.text).toMatch(new RegExp(`<option value="${DELTA}" selected>`));
    expect(page.text).toMatch(/<title>Error: /);
    expect(await fundingSnapshot(t.services.db)).toEqual(before);
  });

  it('asks for the school when a factor or units are given without one, and refuses negative rates', async () => {
    const { year } = await t.services.fundingPapers.calculated(PAPER_YEAR);
    const checked = readWhatIf(year, { ...startingValues(year), [AWPU]: '-1', factor: 'nor', units: '3' });
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.errors.map((error) => error.text)).toEqual([
      'The Behaviour support service: primary AWPU rate must be £0 or more',
      'Select the school whose units to change, or clear the factor and units',
    ]);
    const unknown = readWhatIf(year, { ...startingValues(year), urn: '123', factor: 'nope', units: '1' });
    expect(unknown.ok ? [] : unknown.errors.map((error) => error.href)).toEqual(['#urn', '#factor']);
  });

  it('needs the form’s CSRF token', async () => {
    expect((await post({ [AWPU]: '6' }, finance, 'wrong')).status).toBe(403);
  });

  it('is for finance officers and administrators only', async () => {
    const admin = await t.signIn('admin');
    expect((await admin.get(WHAT_IF)).status).toBe(200);
    expect((await post({ [AWPU]: '7' }, admin, await csrfToken(admin, WHAT_IF))).status).toBe(200);
    for (const role of ['analyst', 'school_user'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(WHAT_IF)).status, role).toBe(403);
      expect((await post({ [AWPU]: '7' }, agent, await csrfToken(agent))).status, role).toBe(403);
    }
    expect((await finance.get('/funding/2040-41/what-if')).status).toBe(404);
  });
});
