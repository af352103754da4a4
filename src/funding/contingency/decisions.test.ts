import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { DEMO_FUND_PENCE, seedContingencyDemo } from './demo.ts';
import { APPLICATION_RECORD, FUND_RECORD } from './service.ts';
import {
  emptyYear,
  insertApplications,
  otherMaintainedPrimaries,
  pathOf,
  postForm,
} from '../../../test/support/funding-contingency.ts';

const YEAR = '2023-24';

describe('the finance officer’s contingency fund: its size, decisions and conversions to academies', () => {
  let t: TestApp;
  let officer: Agent;
  let ids: number[];
  const row = (id: number) =>
    t.services.db
      .selectFrom('funding_contingency_applications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const fund = async () =>
    (
      await t.services.db
        .selectFrom('funding_contingency_funds')
        .select('fund_pence')
        .where('year', '=', YEAR)
        .executeTakeFirst()
    )?.fund_pence;
  const decide = (id: number, form: Record<string, string>) =>
    postForm(officer, pathOf(YEAR, `/applications/${id}/decision`), form);

  beforeAll(async () => {
    ({ t, agent: officer } = await appSignedInAs('finance_officer', { marks: false }));
    await emptyYear(t, YEAR);
    // Deficits £100,000, £200,000, £300,000 and £400,000 (the second asks for only £5,000), and Broadford's £250,000.
    const [a, b, c, d] = await otherMaintainedPrimaries(t, 4);
    ids = await insertApplications(t, YEAR, [
      [a.urn, 10_000_000, 10_000_000],
      [b.urn, 20_000_000, 500_000],
      [c.urn, 30_000_000, 30_000_000],
      [d.urn, 40_000_000, 40_000_000],
      [DEMO_SCHOOL_URN, 25_000_000, 25_000_000],
    ]);
  });
  afterAll(() => t.close());

  it('sets the size of the fund in pounds, validated and audited', async () => {
    const page = await officer.get(pathOf(YEAR));
    expect(page.text).toContain('The size of the fund has not been set.');
    const bad = await postForm(officer, pathOf(YEAR, '/fund'), { fund: '190 grand' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('href="#fund">The size of the fund must be an amount in pounds, like £190,000</a>');
    expect(await fund()).toBeUndefined();
    const saved = await postForm(officer, pathOf(YEAR, '/fund'), { fund: '£100,000' });
    expect(saved.status).toBe(302);
    expect(await fund()).toBe(10_000_000);
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'details'])
      .where('record_type', '=', FUND_RECORD)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'set', record_id: YEAR, details: { fundPence: 10_000_000, previousPence: null } });
  });

  it('proposes every waiting application the same share of its deficit, within the fund', async () => {
    // £100,000 over £1,250,000 of deficits is 8%; the school asking £5,000 (less than its £16,000) gets
    // £5,000 and the other £95,000 is shared over £1,050,000: 9.05% each.
    const page = await officer.get(pathOf(YEAR));
    expect(page.text).toContain('£100,000.00');
    expect(page.text).toContain('9.05% of each deficit');
    expect(page.text).toContain(`href="${pathOf(YEAR, '/fund')}">`);
    expect(page.text).toContain('£5,000.00 <span class="govuk-body-s">proposed</span>');
    expect(page.text).toContain('£9,047.61 <span class="govuk-body-s">proposed</span>');
    expect(page.text).toContain('£36,190.47 <span class="govuk-body-s">proposed</span>');
    const audited = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', APPLICATION_RECORD)
      .where('action', '=', 'view list')
      .execute();
    expect(audited.at(-1)?.details).toEqual({ year: YEAR, shown: 5 });
  });

  it('agrees the proposed allocation, and refuses a second decision on the same application', async () => {
    const page = await officer.get(pathOf(YEAR, `/applications/${ids[0]}`));
    expect(page.text).toContain('Agree the proposed allocation of £9,047.61 (9.05% of the deficit)');
    const response = await decide(ids[0], { decision: 'proposed' });
    expect(response.status).toBe(302);
    expect(await row(ids[0])).toMatchObject({ status: 'agreed', allocated_pence: 904_761 });
    const again = await decide(ids[0], { decision: 'decline', reason: 'Changed our minds' });
    expect(again.status).toBe(400);
    expect(again.text).toContain('A decision has already been recorded for this application');
    expect((await row(ids[0])).status).toBe('agreed');
  });

  it('refuses an allocation over the school’s deficit or over what is left of the fund, and changes nothing', async () => {
    const overDeficit = await decide(ids[1], { decision: 'different', amount: '£200,000.01' });
    expect(overDeficit.status).toBe(400);
    expect(overDeficit.text).toContain(
      'href="#amount">The allocation cannot be more than the school’s deficit of £200,000.00</a>',
    );
    const overFund = await decide(ids[3], { decision: 'different', amount: '£90,952.40' });
    expect(overFund.status).toBe(400);
    expect(overFund.text).toContain('The allocation cannot be more than the £90,952.39 left in the fund');
    const blank = await decide(ids[3], { decision: 'different', amount: '' });
    expect(blank.text).toContain('href="#amount">Enter the amount to agree</a>');
    const none = await decide(ids[3], {});
    expect(none.text).toContain('href="#decision">Select a decision</a>');
    expect(await row(ids[1])).toMatchObject({ status: 'submitted', allocated_pence: null });
    expect(await row(ids[3])).toMatchObject({ status: 'submitted', allocated_pence: null });
  });

  it('agrees a different amount within the limits, and declines with a reason', async () => {
    expect((await decide(ids[3], { decision: 'different', amount: '30,000' })).status).toBe(302);
    expect(await row(ids[3])).toMatchObject({ status: 'agreed', allocated_pence: 3_000_000 });
    const noReason = await decide(ids[2], { decision: 'decline', reason: '' });
    expect(noReason.text).toContain('href="#reason">Enter the reason for declining the application</a>');
    expect(
      (await decide(ids[2], { decision: 'decline', reason: 'Balanced budget set after the academy trust’s offer.' }))
        .status,
    ).toBe(302);
    expect(await row(ids[2])).toMatchObject({
      status: 'declined',
      allocated_pence: null,
      decision_note: 'Balanced budget set after the academy trust’s offer.',
    });
    const actions = await t.services.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', APPLICATION_RECORD)
      .where('action', 'in', ['agree', 'decline'])
      .execute();
    expect(actions.map((entry) => entry.action)).toEqual(['agree', 'agree', 'decline']);
  });

  it('shows a school user their own school’s decision only', async () => {
    await decide(ids[4], { decision: 'different', amount: '20000' });
    const school = await t.signIn('school_user');
    const page = await school.get(pathOf(YEAR));
    expect(page.text).toContain('Broadford Primary School');
    expect(page.text).toContain('£20,000.00');
    expect(page.text).not.toContain('£9,047.61');
    expect(page.text).not.toContain('Agreed and proposed');
    expect((await school.get(pathOf(YEAR, `/applications/${ids[2]}`))).status).toBe(404);
  });

  it('refuses a fund smaller than the allocations already agreed', async () => {
    const response = await postForm(officer, pathOf(YEAR, '/fund'), { fund: '59,047.60' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The fund cannot be less than the £59,047.61 already agreed');
    expect(await fund()).toBe(10_000_000);
  });

  it('keeps an agreed allocation when the school becomes an academy, and when the fund is recalculated later (Havering schools forum report 2024-25)', async () => {
    // Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty': "that agreement should be honoured if the school converts to an academy at any point in the year".
    const outside = await postForm(officer, pathOf(YEAR, `/applications/${ids[0]}/academy`), {
      'convertedOn-day': '1',
      'convertedOn-month': '4',
      'convertedOn-year': '2024',
    });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain('Date the school became an academy must be the same as or before 31 March 2024');
    const response = await postForm(officer, pathOf(YEAR, `/applications/${ids[0]}/academy`), {
      'convertedOn-day': '1',
      'convertedOn-month': '9',
      'convertedOn-year': '2023',
    });
    expect(response.status).toBe(302);
    const page = await officer.get(response.headers.location);
    expect(page.text).toContain('became an academy: its agreed allocation stands');
    expect(page.text).toContain('Its agreed allocation of £9,047.61 stands');
    await postForm(officer, pathOf(YEAR, '/fund'), { fund: '£150,000' });
    const [late] = await otherMaintainedPrimaries(t, 5).then((schools) => schools.slice(4));
    await insertApplications(t, YEAR, [[late.urn, 50_000_000, 50_000_000]]);
    expect(await row(ids[0])).toMatchObject({
      status: 'agreed',
      allocated_pence: 904_761,
      converted_to_academy_on: '2023-09-01',
    });
    const index = await officer.get(pathOf(YEAR));
    expect(index.text).toContain('Became an academy on 1 September 2023');
    expect(index.text).toContain('£9,047.61</td>');
  });

  it('reproduces the Havering schools forum report 2024-25: 16 schools at 11% of each deficit, from £2,114 to £29,912', async () => {
    // Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty': "16 schools were supported through this fund receiving amounts that ranged from £2,114 to £29,912 … just 11% of the budget deficit brought forward by each school".
    const reportYear = '2021-22';
    await emptyYear(t, reportYear);
    const deficits = [
      1_921_819, 3_500_000, 4_250_050, 5_000_000, 6_123_403, 7_000_000, 8_000_000, 9_100_000, 10_000_000, 11_250_000,
      12_500_000, 14_000_000, 16_000_000, 18_750_000, 22_000_000, 27_192_728,
    ];
    const schools = await otherMaintainedPrimaries(t, 16);
    await insertApplications(
      t,
      reportYear,
      deficits.map((deficit, index) => [schools[index].urn, deficit, deficit]),
    );
    const fundPounds = ((deficits.reduce((a, b) => a + b, 0) * 11) / 100 / 100).toFixed(2);
    expect((await postForm(officer, pathOf(reportYear, '/fund'), { fund: fundPounds })).status).toBe(302);
    const page = await officer.get(pathOf(reportYear));
    expect(page.text).toContain('11% of each deficit');
    expect(page.text).toContain('£2,114.00 <span class="govuk-body-s">proposed</span>');
    expect(page.text).toContain('£29,912.00 <span class="govuk-body-s">proposed</span>');
    expect(page.text.match(/>11%<\/td>/g)).toHaveLength(16);
  });

  it('builds the demo year: a £190,000 fund, six applications from maintained primaries, two agreed within the fund, one declined, one academy', async () => {
    const db = t.services.db;
    await emptyYear(t, '2024-25');
    await db.transaction().execute((trx) => seedContingencyDemo(trx, { year: '2024-25' }));
    expect(
      (
        await db
          .selectFrom('funding_contingency_funds')
          .select('fund_pence')
          .where('year', '=', '2024-25')
          .executeTakeFirstOrThrow()
      ).fund_pence,
    ).toBe(DEMO_FUND_PENCE);
    const rows = await db
      .selectFrom('funding_contingency_applications')
      .selectAll()
      .where('year', '=', '2024-25')
      .orderBy('urn')
      .execute();
    const primaries = await db
      .selectFrom('schools')
      .select('urn')
      .where('maintained', '=', true)
      .where('phase', '=', 'Primary')
      .orderBy('urn')
      .limit(6)
      .execute();
    expect(rows.map((each) => each.urn)).toEqual(primaries.map((each) => each.urn));
    expect(rows.map((each) => each.status)).toEqual([
      'agreed',
      'agreed',
      'declined',
      'submitted',
      'submitted',
      'submitted',
    ]);
    expect(rows.map((each) => each.allocated_pence)).toEqual([3_711_524, 1_000_000, null, null, null, null]);
    expect(rows[0].converted_to_academy_on).toBe('2024-09-01');
    const page = await officer.get(pathOf('2024-25'));
    expect(page.text).toContain('£190,000.00');
    expect(page.text).toContain('Became an academy on 1 September 2024');
  });
});
