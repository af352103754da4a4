import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import {
  ACADEMY,
  ALPHA,
  insertPaperYear,
  OWN_SCHOOL,
  PAPER_YEAR,
  SPECIAL,
} from '../../../test/support/funding-paper-year.ts';
import { maySeeStatement, statementUrns } from './rules.ts';
import { STATEMENT_RECORD } from './service.ts';

const SCHOOLS = `/funding/${PAPER_YEAR}/schools`;
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('per-school statements', () => {
  let t: TestApp;
  let finance: Agent;
  let schoolUser: Agent;

  beforeAll(async () => {
    ({ t, agent: finance } = await appSignedInAs('finance_officer'));
    await insertPaperYear(t.services.db);
    schoolUser = await t.signIn('school_user');
  });
  afterAll(() => t.close());

  it('lets funding readers see every school and a school user only their own', () => {
    expect(statementUrns({ roles: ['analyst'], schoolUrns: [] })).toBeUndefined();
    expect(statementUrns({ roles: ['school_user'], schoolUrns: [OWN_SCHOOL] })).toEqual([OWN_SCHOOL]);
    expect(maySeeStatement({ roles: ['school_user'], schoolUrns: [OWN_SCHOOL] }, ALPHA)).toBe(false);
    expect(maySeeStatement({ roles: ['school_user', 'finance_officer'], schoolUrns: [OWN_SCHOOL] }, ALPHA)).toBe(true);
  });

  it('offers a finance officer every school of the year’s data set to choose from', async () => {
    const page = await finance.get(SCHOOLS);
    expect(page.status).toBe(200);
    expect(page.text).toContain('5 schools');
    for (const urn of [OWN_SCHOOL, ALPHA, ACADEMY, SPECIAL]) expect(page.text).toContain(`href="${SCHOOLS}/${urn}"`);
  });

  it('shows a maintained school every service’s amount, the factors behind it and the total de-delegated, beside the previous year’s', async () => {
    const page = await finance.get(`${SCHOOLS}/${OWN_SCHOOL}`);
    expect(page.status).toBe(200);
    const text = textOf(page.text);
    expect(text).toContain('Broadford Primary School');
    // Behaviour support: 400 × £5.00 + 50.5 × £2.00 = £2,101.00; statutory duties 400 × £19.31 = £7,724.00 (400 × £18.88 = £7,552.00).
    expect(text).toMatch(/Behaviour support service Agreed £2,101\.00 £2,101\.00/);
    expect(text).toMatch(/Statutory and regulatory duties Proposed £7,724\.00 £7,552\.00/);
    expect(text).toMatch(/Total de-delegated £9,825\.00 £9,653\.00/);
    expect(text).toMatch(/AWPU 400 £5\.00 £2,000\.00 FSM Ever 6 50\.5 £2\.00 £101\.00/);
    expect(text).not.toContain('buy back');
  });

  it('shows an academy the same figures as a buy-back price, clearly labelled, never as de-delegated', async () => {
    const text = textOf((await finance.get(`${SCHOOLS}/${ACADEMY}`)).text);
    expect(text).toContain('Academies are not de-delegated; this is what the service would cost to buy back.');
    expect(text).toMatch(/Behaviour support service £1,540\.00/);
    expect(text).toMatch(/Total buy-back price £7,333\.00/);
    expect(text).not.toContain('Total de-delegated');
  });

  it('records who looked at which school’s statement', async () => {
    await finance.get(`${SCHOOLS}/${SPECIAL}`);
    const rows = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'details'])
      .where('record_type', '=', STATEMENT_RECORD)
      .where('record_id', '=', String(SPECIAL))
      .execute();
    expect(rows).toEqual([{ action: 'view', record_id: String(SPECIAL), details: { year: PAPER_YEAR } }]);
  });

  it('takes a school user with one school straight to its statement', async () => {
    const response = await schoolUser.get(SCHOOLS);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${SCHOOLS}/${OWN_SCHOOL}`);
    const page = await schoolUser.get(`${SCHOOLS}/${OWN_SCHOOL}`);
    expect(page.status).toBe(200);
    expect(textOf(page.text)).toMatch(/Total de-delegated £9,825\.00/);
  });

  it('answers 404, not 403, when a school user asks for another school’s statement, and records nothing', async () => {
    const before = await t.services.db
      .selectFrom('audit_events')
      .select('id')
      .where('record_type', '=', STATEMENT_RECORD)
      .execute();
    for (const urn of [ALPHA, ACADEMY, 999999])
      expect((await schoolUser.get(`${SCHOOLS}/${urn}`)).status, String(urn)).toBe(404);
    const after = await t.services.db
      .selectFrom('audit_events')
      .select('id')
      .where('record_type', '=', STATEMENT_RECORD)
      .execute();
    expect(after).toHaveLength(before.length);
  });

  it('answers 404 for a school not in the year’s data set, an unknown year, or a URN that is not a number', async () => {
    expect((await finance.get(`${SCHOOLS}/999999`)).status).toBe(404);
    expect((await finance.get(`/funding/2040-41/schools/${ALPHA}`)).status).toBe(404);
    expect((await finance.get(`${SCHOOLS}/abc`)).status).toBe(404);
    expect((await finance.get('/funding/2040-41/schools')).status).toBe(404);
  });

  it('tells a school user when none of their schools is in the data set', async () => {
    await insertPaperYear(t.services.db, '2034-35', { schools: false });
    const page = await schoolUser.get('/funding/2034-35/schools');
    expect(page.status).toBe(200);
    expect(page.text).toContain('There is no school data set for 2034-35 yet');
  });

  it('is for funding readers and school users only', async () => {
    const analyst = await t.signIn('analyst');
    expect((await analyst.get(`${SCHOOLS}/${ALPHA}`)).status).toBe(200);
    for (const role of ['practitioner', 'attendance_officer'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get(SCHOOLS)).status, role).toBe(403);
      expect((await agent.get(`${SCHOOLS}/${ALPHA}`)).status, role).toBe(403);
    }
  });
});
