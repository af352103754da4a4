import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { APPLICATION_RECORD } from './service.ts';
import {
  emptyYear,
  insertApplications,
  otherMaintainedPrimaries,
  pathOf,
  postForm,
} from '../../../test/support/funding-contingency.ts';

const YEAR = '2023-24';
const good = {
  urn: String(DEMO_SCHOOL_URN),
  deficit: '£19,218.19',
  asked: '19218.19',
  evidence: 'Budget plan shows a deficit <b>brought forward</b>;\nrecovery plan attached.',
};

describe('contingency fund applications', () => {
  let t: TestApp;
  let school: Agent;
  let other: { urn: number; name: string };
  let otherId: number;
  const applications = () =>
    t.services.db
      .selectFrom('funding_contingency_applications')
      .selectAll()
      .where('year', '=', YEAR)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    ({ t, agent: school } = await appSignedInAs('school_user', { marks: false }));
    await emptyYear(t, YEAR);
    [other] = await otherMaintainedPrimaries(t, 1);
    [otherId] = await insertApplications(t, YEAR, [[other.urn, 5_000_000, 1_000_000]]);
  });
  afterAll(() => t.close());

  it('is not found for a funding year that does not exist', async () => {
    expect((await school.get(pathOf('2040-41'))).status).toBe(404);
    expect((await school.get(pathOf('not-a-year'))).status).toBe(404);
    expect((await postForm(school, pathOf('2040-41', '/apply'), good)).status).toBe(404);
  });

  it('offers a school user their own school only, and hides other schools’ applications', async () => {
    const page = await school.get(pathOf(YEAR));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Apply to the fund');
    expect(page.text).not.toContain(other.name);
    expect(page.text).toContain(`There are no applications for ${YEAR} yet.`);
    const form = await school.get(pathOf(YEAR, '/apply'));
    expect(form.text).toContain('Broadford Primary School');
    expect(form.text).not.toContain(other.name);
    expect((await school.get(pathOf(YEAR, `/applications/${otherId}`))).status).toBe(404);
  });

  it('refuses an application, naming each field, and saves nothing', async () => {
    const before = await applications();
    const blank = await postForm(school, pathOf(YEAR, '/apply'), {
      urn: '',
      deficit: '',
      asked: 'lots',
      evidence: ' ',
    });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('There is a problem');
    for (const [field, message] of [
      ['urn', 'Select the school'],
      ['deficit', 'Enter the deficit brought forward'],
      ['asked', 'The amount asked for must be an amount in pounds, like £5,000'],
      ['evidence', 'Enter the evidence of the school’s financial difficulty'],
    ]) {
      expect(blank.text).toContain(`href="#${field}">${message}</a>`);
    }
    const tooMuch = await postForm(school, pathOf(YEAR, '/apply'), { ...good, asked: '£20,000' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.text).toContain(
      'href="#asked">The amount asked for cannot be more than the deficit brought forward</a>',
    );
    const missing = await postForm(school, pathOf(YEAR, '/apply'), {});
    expect(missing.text).toContain('href="#deficit">Enter the deficit brought forward</a>');
    const zero = await postForm(school, pathOf(YEAR, '/apply'), { ...good, deficit: '0', asked: '0' });
    expect(zero.text).toContain('The deficit brought forward must be more than £0');
    expect(await applications()).toEqual(before);
  });

  it('refuses an application for another school’s URN and saves nothing', async () => {
    const before = await applications();
    const response = await postForm(school, pathOf(YEAR, '/apply'), { ...good, urn: String(other.urn) });
    expect(response.status).toBe(403);
    expect(response.text).toContain('You can only apply for your own school');
    expect(await applications()).toEqual(before);
  });

  it('takes a school user’s application for their own school, audited, and shows it waiting for a decision', async () => {
    const response = await postForm(school, pathOf(YEAR, '/apply'), good);
    expect(response.status).toBe(302);
    const saved = (await applications()).find((row) => row.urn === DEMO_SCHOOL_URN)!;
    expect(response.headers.location).toBe(pathOf(YEAR, `/applications/${saved.id}`));
    expect(saved).toMatchObject({
      deficit_pence: 1_921_819,
      asked_pence: 1_921_819,
      status: 'submitted',
      allocated_pence: null,
      evidence: good.evidence,
    });
    const page = await school.get(response.headers.location);
    expect(page.text).toContain('Your application has been sent');
    expect(page.text).toContain('£19,218.19');
    expect(page.text).toContain('Waiting for a decision');
    expect(page.text).toContain('Budget plan shows a deficit &lt;b&gt;brought forward&lt;/b&gt;;<br />');
    expect(page.text).not.toContain('Record the decision');
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', APPLICATION_RECORD)
      .where('action', '=', 'apply')
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ year: YEAR, urn: DEMO_SCHOOL_URN, deficitPence: 1_921_819, askedPence: 1_921_819 });
    const index = await school.get(pathOf(YEAR));
    expect(index.text).toContain('Broadford Primary School');
    expect(index.text).not.toContain('Apply to the fund');
  });

  it('takes one application per school per year', async () => {
    const before = await applications();
    const again = await postForm(school, pathOf(YEAR, '/apply'), good);
    expect(again.status).toBe(400);
    expect(again.text).toContain(`This school has already applied for ${YEAR}`);
    expect(await applications()).toEqual(before);
  });

  it('refuses an application without the CSRF token and saves nothing', async () => {
    await emptyYear(t, '2022-23');
    const response = await school
      .post(pathOf('2022-23', '/apply'))
      .type('form')
      .send({ ...good, _csrf: 'wrong' });
    expect(response.status).toBe(403);
    expect((await school.post(pathOf('2022-23', '/apply')).type('form').send(good)).status).toBe(403);
    expect(
      await t.services.db
        .selectFrom('funding_contingency_applications')
        .select('id')
        .where('year', '=', '2022-23')
        .execute(),
    ).toEqual([]);
  });

  it('lets only school users apply, only finance officers and administrators change the fund, and analysts read', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get(pathOf(YEAR));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Broadford Primary School');
    expect(page.text).toContain(other.name);
    expect(page.text).not.toContain('Set the size of the fund');
    expect((await analyst.get(pathOf(YEAR, `/applications/${otherId}`))).text).not.toContain('Record the decision');
    expect((await analyst.get(pathOf(YEAR, '/fund'))).status).toBe(403);
    expect((await postForm(analyst, pathOf(YEAR, '/fund'), { fund: '1000' })).status).toBe(403);
    expect(
      (
        await postForm(analyst, pathOf(YEAR, `/applications/${otherId}/decision`), {
          decision: 'decline',
          reason: 'No',
        })
      ).status,
    ).toBe(403);
    expect((await postForm(analyst, pathOf(YEAR, '/apply'), good)).status).toBe(403);
    expect((await school.get(pathOf(YEAR, '/fund'))).status).toBe(403);
    expect((await postForm(school, pathOf(YEAR, '/fund'), { fund: '1000' })).status).toBe(403);
    expect(
      (
        await postForm(school, pathOf(YEAR, `/applications/${otherId}/academy`), {
          'convertedOn-day': '1',
          'convertedOn-month': '9',
          'convertedOn-year': '2023',
        })
      ).status,
    ).toBe(403);
    const officer = await t.signIn('finance_officer');
    expect((await postForm(officer, pathOf(YEAR, '/apply'), good)).status).toBe(403);
    const triage = await t.signIn('triage_manager');
    expect((await triage.get(pathOf(YEAR))).status).toBe(403);
    const row = await t.services.db
      .selectFrom('funding_contingency_applications')
      .select('status')
      .where('id', '=', otherId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('submitted');
    expect(
      await t.services.db.selectFrom('funding_contingency_funds').select('year').where('year', '=', YEAR).execute(),
    ).toEqual([]);
  });

  it('sends a visitor who is not signed in to sign in', async () => {
    const { default: request } = await import('supertest');
    const response = await request(t.app).get(pathOf(YEAR));
    expect(response.status).toBe(302);
    expect(response.headers.location).toContain('/sign-in');
  });
});
