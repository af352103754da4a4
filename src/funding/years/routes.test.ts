import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';

// Years far from any demo year, so the demo's own funding data never meets these tests.
const YEAR = '2040-41';
const NEXT = '2041-42';

let t: TestApp;
let finance: Agent;
let csrf: string;

beforeAll(async () => {
  ({ t, agent: finance } = await appSignedInAs('finance_officer', { marks: false }));
  csrf = await csrfToken(finance);
});
afterAll(() => t.close());

const post = (agent: Agent, path: string, form: Record<string, string | string[]>, token = csrf) =>
  agent
    .post(path)
    .type('form')
    .send({ _csrf: token, ...form });
const db = () => t.services.db;
const serviceId = async (year: string, key: string) =>
  (
    await db()
      .selectFrom('funding_services')
      .select('id')
      .where('year', '=', year)
      .where('key', '=', key)
      .executeTakeFirstOrThrow()
  ).id;
const ratesOf = async (id: number) =>
  db()
    .selectFrom('funding_rates')
    .select(['phase', 'factor', 'rate_pence', 'previous_rate_pence'])
    .where('service_id', '=', id)
    .orderBy('phase')
    .orderBy('factor')
    .execute();
const lastAudit = async (recordType: string) =>
  db()
    .selectFrom('audit_events')
    .select(['action', 'record_id', 'details'])
    .where('record_type', '=', recordType)
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();

describe('funding years', () => {
  it('adds a year, audited, and lists the years newest first', async () => {
    const response = await post(finance, '/funding', { year: YEAR });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/funding/${YEAR}`);
    expect(await lastAudit('funding-year')).toMatchObject({ action: 'add', record_id: YEAR });
    await post(finance, '/funding', { year: '2039-40' });
    const page = await finance.get('/funding');
    expect(page.text.indexOf(`>${YEAR}</a>`)).toBeLessThan(page.text.indexOf('>2039-40</a>'));
  });

  it('refuses a year that is not two years in a row, or already there, naming the field and adding nothing', async () => {
    const before = await db().selectFrom('funding_years').select('label').execute();
    const wrong = await post(finance, '/funding', { year: '2040-42' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('There is a problem');
    expect(wrong.text).toContain('href="#year"');
    expect(wrong.text).toContain('The funding year must be two years in a row, like 2025-26');
    const twice = await post(finance, '/funding', { year: YEAR });
    expect(twice.status).toBe(400);
    expect(twice.text).toContain(`The funding year ${YEAR} already exists`);
    expect(await db().selectFrom('funding_years').select('label').execute()).toEqual(before);
  });

  it('shows an empty state when there are no years', async () => {
    const { t: empty, agent } = await appSignedInAs('analyst', { marks: false });
    try {
      await empty.services.db.deleteFrom('funding_years').execute();
      const page = await agent.get('/funding');
      expect(page.text).toContain('There are no funding years yet.');
      expect(page.text).not.toContain('Add a funding year');
    } finally {
      await empty.close();
    }
  }, 60_000); // builds a database of its own
});

describe('services of a year', () => {
  it('adds a service with its key from the name, and lists it with its phases as proposed', async () => {
    const response = await post(finance, `/funding/${YEAR}/services/new`, {
      name: 'Behaviour support service',
      description: 'Family practitioners',
      kind: 'service',
      phases: 'primary',
    });
    expect(response.status).toBe(302);
    const id = await serviceId(YEAR, 'behaviour-support-service');
    expect(response.headers.location).toBe(`/funding/${YEAR}/services/${id}/rates`);
    const page = await finance.get(`/funding/${YEAR}`);
    expect(page.text).toContain('Behaviour support service');
    expect(page.text).toContain('Proposed');
    for (const link of ['paper', 'check', 'schools-data', 'contingency'])
      expect(page.text).toContain(`href="/funding/${YEAR}/${link}"`);
    expect(page.text).toContain(`href="/funding/${YEAR}/services/${id}"`);
  });

  it('allows special schools only for an education function (Havering schools forum report 2024-25), and changes nothing when refused', async () => {
    const refused = await post(finance, `/funding/${YEAR}/services/new`, {
      name: 'Insurance',
      kind: 'service',
      phases: ['primary', 'special'],
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('href="#phases"');
    expect(refused.text).toContain('Only an education function can apply to special schools');
    expect(
      await db()
        .selectFrom('funding_services')
        .select('id')
        .where('year', '=', YEAR)
        .where('key', '=', 'insurance')
        .executeTakeFirst(),
    ).toBeUndefined();
    const added = await post(finance, `/funding/${YEAR}/services/new`, {
      name: 'Statutory and regulatory duties',
      kind: 'education-function',
      phases: ['primary', 'special'],
    });
    expect(added.status).toBe(302);
  });

  it('asks for a name, a kind and a phase', async () => {
    const response = await post(finance, `/funding/${YEAR}/services/new`, {});
    expect(response.status).toBe(400);
    for (const message of [
      'Enter the name of the service',
      'Select whether it is a centrally provided service or an education function',
      'Select the phases it is proposed for',
    ]) {
      expect(response.text).toContain(message);
    }
  });

  it('changes a service but keeps its key', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    const response = await post(finance, `/funding/${YEAR}/services/${id}`, {
      name: 'Behaviour support',
      kind: 'service',
      phases: ['primary', 'secondary'],
    });
    expect(response.status).toBe(302);
    const row = await db()
      .selectFrom('funding_services')
      .select(['key', 'name', 'phases'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      key: 'behaviour-support-service',
      name: 'Behaviour support',
      phases: ['primary', 'secondary'],
    });
    expect(await lastAudit('funding-service')).toMatchObject({ action: 'change', record_id: String(id) });
  });
});

describe('rates', () => {
  it('adds a factor to the form, keeping what was typed, then saves every rate in pence in one go, audited', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    const added = await post(finance, `/funding/${YEAR}/services/${id}/rates`, { action: 'add-factor', add: 'nor' });
    expect(added.status).toBe(200);
    expect(added.text).toContain('id="rate-primary-nor"');
    expect(added.text).toContain('id="rate-secondary-nor"');
    const saved = await post(finance, `/funding/${YEAR}/services/${id}/rates`, {
      action: 'save',
      factors: ['nor', 'idaci_e'],
      'rate-primary-nor': '5.00',
      'previous-primary-nor': '5',
      'rate-primary-idaci_e': '£14.08',
      'previous-primary-idaci_e': '',
    });
    expect(saved.status).toBe(302);
    expect(await ratesOf(id)).toEqual([
      { phase: 'primary', factor: 'idaci_e', rate_pence: 1408, previous_rate_pence: null },
      { phase: 'primary', factor: 'nor', rate_pence: 500, previous_rate_pence: 500 },
    ]);
    expect(await lastAudit('funding-service')).toMatchObject({ action: 'change-rates', record_id: String(id) });
    const page = await finance.get(`/funding/${YEAR}`);
    expect(page.text).toContain('IDACI E: £14.08');
    expect(page.text).toContain('AWPU: £5.00 (previous year £5.00)');
  });

  it('refuses a negative rate or more than 2 decimal places, naming the box, and keeps the saved rates', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    const before = await ratesOf(id);
    const response = await post(finance, `/funding/${YEAR}/services/${id}/rates`, {
      action: 'save',
      factors: 'nor',
      'rate-primary-nor': '-1',
      'rate-secondary-nor': '2.345',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('href="#rate-primary-nor"');
    expect(response.text).toContain('The Primary AWPU rate must be £0 or more');
    expect(response.text).toContain(
      'The Secondary AWPU rate must be an amount in pounds with at most 2 decimal places, like 14.08',
    );
    expect(await ratesOf(id)).toEqual(before);
  });

  it('deletes a service only while it has no rates', async () => {
    const withRates = await serviceId(YEAR, 'behaviour-support-service');
    const refused = await post(finance, `/funding/${YEAR}/services/${withRates}/delete`, {});
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('has rates, so it cannot be deleted');
    const without = await serviceId(YEAR, 'statutory-and-regulatory-duties');
    expect((await post(finance, `/funding/${YEAR}/services/${without}/delete`, {})).status).toBe(302);
    expect(
      await db().selectFrom('funding_services').select('id').where('id', '=', without).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('a new year copies the services and rates, each rate carried into the previous rate', async () => {
    const response = await post(finance, '/funding', { year: NEXT, copy: 'yes' });
    expect(response.status).toBe(302);
    expect(await lastAudit('funding-year')).toMatchObject({
      record_id: NEXT,
      details: { copiedFrom: YEAR, services: 1, rates: 2 },
    });
    expect(await ratesOf(await serviceId(NEXT, 'behaviour-support-service'))).toEqual([
      { phase: 'primary', factor: 'idaci_e', rate_pence: 1408, previous_rate_pence: 1408 },
      { phase: 'primary', factor: 'nor', rate_pence: 500, previous_rate_pence: 500 },
    ]);
  });
});

describe('the forms', () => {
  it('shows the service form, the rates with the previous rate beside each, and the add-a-factor list', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    expect((await finance.get(`/funding/${YEAR}/services/new`)).text).toContain('Add a service to 2040-41');
    const change = await finance.get(`/funding/${YEAR}/services/${id}`);
    expect(change.text).toContain('value="Behaviour support"');
    expect(change.text).toContain('A service can be deleted only while it has no rates');
    const rates = await finance.get(`/funding/${YEAR}/services/${id}/rates`);
    expect(rates.text).toMatch(/id="rate-primary-idaci_e"[^>]*value="14.08"/);
    expect(rates.text).toMatch(/id="previous-primary-nor"[^>]*value="5.00"/);
    expect(rates.text).toContain('<option value="fsm">FSM eligible pupils</option>');
  });
});

describe('forum decisions', () => {
  it('records a decision with its date and note, audited, and shows it', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    const form = await finance.get(`/funding/${YEAR}/services/${id}/decisions/primary`);
    expect(form.text).toContain('Only the representatives of maintained primary schools vote');
    const response = await post(finance, `/funding/${YEAR}/services/${id}/decisions/primary`, {
      decision: 'agreed',
      'decidedOn-day': '21',
      'decidedOn-month': '9',
      'decidedOn-year': '2040',
      note: 'Agreed unanimously',
    });
    expect(response.status).toBe(302);
    const page = await finance.get(`/funding/${YEAR}`);
    expect(page.text).toContain('Agreed');
    expect(page.text).toContain('21 September 2040');
    expect(await lastAudit('funding-service')).toMatchObject({
      action: 'decide',
      details: { phase: 'primary', decision: 'agreed', decidedOn: '2040-09-21' },
    });
  });

  it('needs a date unless the service is only proposed, and changes nothing without one', async () => {
    const id = await serviceId(YEAR, 'behaviour-support-service');
    const response = await post(finance, `/funding/${YEAR}/services/${id}/decisions/primary`, {
      decision: 'not-agreed',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('href="#decidedOn-day"');
    expect(response.text).toContain('Enter the date of the decision');
    const stored = await db()
      .selectFrom('funding_decisions')
      .select(['decision'])
      .where('service_id', '=', id)
      .where('phase', '=', 'primary')
      .executeTakeFirstOrThrow();
    expect(stored.decision).toBe('agreed');
    expect(
      (await post(finance, `/funding/${YEAR}/services/${id}/decisions/secondary`, { decision: 'proposed' })).status,
    ).toBe(302);
  });
});

describe('every year', () => {
  it('opens the page, the school data set and every service’s forms of every funding year, the demo’s included', async () => {
    for (const { label } of await db().selectFrom('funding_years').select('label').execute()) {
      expect((await finance.get(`/funding/${label}`)).status, label).toBe(200);
      expect((await finance.get(`/funding/${label}/schools-data`)).status, label).toBe(200);
      for (const service of await db()
        .selectFrom('funding_services')
        .select(['id', 'phases'])
        .where('year', '=', label)
        .execute()) {
        for (const path of ['', '/rates', `/decisions/${service.phases[0]}`]) {
          expect(
            (await finance.get(`/funding/${label}/services/${service.id}${path}`)).status,
            `${label} ${service.id}${path}`,
          ).toBe(200);
        }
      }
    }
  });
});

describe('who may change funding data', () => {
  it('a school user sees the landing page but may not change anything or read a year', async () => {
    const school = await t.signIn('school_user');
    const token = await csrfToken(school);
    expect((await school.get('/funding')).status).toBe(200);
    expect((await school.get(`/funding/${YEAR}`)).status).toBe(403);
    expect((await post(school, '/funding', { year: '2042-43' }, token)).status).toBe(403);
    const id = await serviceId(YEAR, 'behaviour-support-service');
    expect(
      (
        await post(
          school,
          `/funding/${YEAR}/services/${id}/rates`,
          { action: 'save', factors: 'nor', 'rate-primary-nor': '1' },
          token,
        )
      ).status,
    ).toBe(403);
    expect(
      (await post(school, `/funding/${YEAR}/services/${id}/decisions/primary`, { decision: 'proposed' }, token)).status,
    ).toBe(403);
  });

  it('a school user’s landing page links to their own schools’ statements', async () => {
    await db()
      .insertInto('funding_schools')
      .values({ year: YEAR, urn: 102317, name: 'Broadford Primary School', phase: 'primary', status: 'maintained' })
      .execute();
    const school = await t.signIn('school_user');
    const page = await school.get('/funding');
    expect(page.text).toContain(`href="/funding/${YEAR}/schools/102317"`);
    expect(page.text).not.toContain('Add a funding year');
  });

  it('an analyst reads a year but sees no change links', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(`/funding/${YEAR}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Add a service');
    expect(page.text).not.toContain('Record decision');
  });

  it('refuses a change without the CSRF token', async () => {
    const response = await finance.post('/funding').type('form').send({ year: '2043-44' });
    expect(response.status).toBe(403);
    expect(
      await db().selectFrom('funding_years').select('label').where('label', '=', '2043-44').executeTakeFirst(),
    ).toBeUndefined();
  });
});
