import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { inDays, practitionerCases, withoutDemoCasework } from '../../../test/support/casework.ts';
import { dateInputValues } from '../../platform/date-input.ts';

let t: TestApp;
let practitioner: Agent;
let manager: Agent;
let me: number;
let caseId: number;
let othersCase: number;

const db = () => t.connection.db;
const GUIDANCE = 'Supporting Families guidance 2022–25';

async function post(path: string, fields: Record<string, string>, agent = practitioner) {
  return agent
    .post(path)
    .type('form')
    .send({ _csrf: await csrfToken(agent), ...fields });
}

const identify = (id: number, outcome: string, identifiedOn = inDays(-400), agent = practitioner) =>
  post(
    `/cases/${id}/supporting-families/identify`,
    {
      outcome,
      evidence: `Evidence of ${outcome} need from the assessment`,
      ...dateInputValues('identifiedOn', identifiedOn),
    },
    agent,
  );

const needsOf = (id: number) =>
  db().selectFrom('case_supporting_families').selectAll().where('case_id', '=', id).orderBy('id').execute();

const page = (id = caseId, agent = practitioner) => agent.get(`/cases/${id}/supporting-families`);

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  manager = await t.signIn('team_manager');
  await withoutDemoCasework(db());
  await db().deleteFrom('case_supporting_families').execute();
  const cases = await practitionerCases(db());
  ({ me } = cases);
  caseId = cases.own[0];
  othersCase = cases.others;
  // The parent scored housing 3 and money 4; the child scored education 7.
  await db()
    .insertInto('case_assessments')
    .values({
      case_id: caseId,
      parent_scores: JSON.stringify({ housing: { score: 3 }, money: { score: 4 }, education: { score: 6 } }),
      child_scores: JSON.stringify({ education: { score: 7 } }),
    })
    .execute();
});
afterAll(() => t.close());

describe(`a family's Supporting Families page (${GUIDANCE})`, () => {
  it('before anything is identified: not yet eligible, the needs the assessment suggests, and that nothing may be shared without consent', async () => {
    const response = await page();
    expect(response.status).toBe(200);
    expect(response.text).toContain('Not yet: 0 needs identified, 3 needed');
    expect(response.text).toContain('No needs have been identified yet.');
    expect(response.text).toContain('Secure housing</strong> – Housing and home environment: parent 3');
    expect(response.text).toContain('Financial stability</strong> – Money and employment: parent 4');
    expect(response.text).not.toContain('Getting a good education</strong>');
    expect(response.text).toContain('must not be shared with the programme');
    expect(response.text).toContain('Not ready to claim');
  });

  it('refuses a need without a choice or evidence, naming the fields and keeping what was typed', async () => {
    const response = await post(`/cases/${caseId}/supporting-families/identify`, {
      evidence: 'Rent arrears letter',
      ...dateInputValues('identifiedOn', inDays(1)),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Select the need you have identified');
    expect(response.text).toContain('href="#outcome"');
    expect(response.text).toContain('Date the need was identified must be today or in the past');
    expect(response.text).toContain('Rent arrears letter');
    expect(await needsOf(caseId)).toHaveLength(0);
  });

  it(`a family with three or more needs is eligible (${GUIDANCE})`, async () => {
    for (const outcome of ['housing', 'financial-stability'])
      expect((await identify(caseId, outcome)).status).toBe(302);
    expect((await page()).text).toContain('Not yet: 2 needs identified, 3 needed');
    const form = await practitioner.get(`/cases/${caseId}/supporting-families/identify`);
    expect(form.text).not.toContain('value="housing"');
    expect(form.text).toContain('value="education"');
    expect((await identify(caseId, 'housing')).status).toBe(400);
    expect((await identify(caseId, 'education')).status).toBe(302);
    const response = await page();
    expect(response.text).toContain('Meets the Supporting Families criteria: 3 of 10 needs');
    expect(response.text).toContain('Getting a good education: no outcome achieved yet');
    const audit = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'identify supporting families need')
      .where('record_id', '=', String(caseId))
      .execute();
    expect(audit).toHaveLength(3);
    expect(JSON.stringify(audit)).not.toContain('Evidence of');
    const events = await db()
      .selectFrom('case_events')
      .select('message')
      .where('case_id', '=', caseId)
      .where('kind', '=', 'supporting-families')
      .execute();
    expect(events.map((e) => e.message)).toContain('Supporting Families need identified: Secure housing');
  });

  it('refuses an outcome achieved before the need was identified or in the future, and records one with its evidence', async () => {
    const [housing] = await needsOf(caseId);
    const path = `/cases/${caseId}/supporting-families/${housing.id}/achieved`;
    const early = await post(path, { ...dateInputValues('achievedOn', inDays(-401)), evidence: 'Tenancy signed' });
    expect(early.status).toBe(400);
    expect(early.text).toContain(
      'Date the outcome was achieved must be the same as or after the date the need was identified',
    );
    const future = await post(path, { ...dateInputValues('achievedOn', inDays(2)), evidence: '' });
    expect(future.status).toBe(400);
    expect(future.text).toContain('Date the outcome was achieved must be today or in the past');
    expect(future.text).toContain('Enter the evidence that the outcome was achieved');
    expect(
      (
        await post(path, {
          ...dateInputValues('achievedOn', inDays(-10)),
          evidence: 'Secure tenancy signed with the housing association',
        })
      ).status,
    ).toBe(302);
    const response = await page();
    expect(response.text).toContain('Secure tenancy signed with the housing association');
    expect(response.text).toContain('Not yet sustained');
    expect(response.text).toMatch(/Secure housing: achieved on \d+ \w+ \d{4}, sustained until \d+ \w+ \d{4}/);
  });

  it('is ready to claim only when every outcome is sustained, with consent, a complete assessment and a plan', async () => {
    for (const need of await needsOf(caseId)) {
      expect(
        (
          await post(`/cases/${caseId}/supporting-families/${need.id}/achieved`, {
            ...dateInputValues('achievedOn', inDays(-250)),
            evidence: 'Sustained change',
          })
        ).status,
      ).toBe(302);
    }
    let text = (await page()).text;
    expect(text).toContain('The whole-family assessment is not complete');
    expect(text).toContain('The family has no plan yet');
    expect(text).toContain(
      'The family has not consented to share their information with the Supporting Families programme',
    );
    await db()
      .insertInto('case_consents')
      .values({
        case_id: caseId,
        kind: 'supporting-families',
        agreed: true,
        given_by: 'Parent',
        given_by_role: 'parent-carer',
        given_on: inDays(-300),
        recorded_by: me,
      })
      .execute();
    await db()
      .updateTable('cases')
      .set({ assessment_completed_on: inDays(-300) })
      .where('id', '=', caseId)
      .execute();
    await db()
      .insertInto('case_actions')
      .values({ case_id: caseId, aspect: 'housing', action: 'Apply for a secure tenancy', created_by: me })
      .execute();
    text = (await page()).text;
    expect(text).toContain('Ready to claim');
    expect(text).not.toContain('must not be shared with the programme');
  });

  it(`is never ready once the family withdraws consent to share with the programme (${GUIDANCE}; Portsmouth early help assessment, plan, review and closure guidance)`, async () => {
    await db()
      .updateTable('case_consents')
      .set({ withdrawn_on: inDays(0), withdrawal_reason: 'Changed their mind' })
      .where('case_id', '=', caseId)
      .where('kind', '=', 'supporting-families')
      .execute();
    const text = (await page()).text;
    expect(text).toContain('Not ready to claim');
    expect(text).toContain('The family withdrew consent to share with the Supporting Families programme on');
    expect(text).toContain('must not be shared with the programme');
  });
});

describe('the team’s Supporting Families list (team manager and senior practitioners)', () => {
  it('lists families meeting the criteria with their outcomes, and downloads only those who consented', async () => {
    for (const outcome of ['health', 'crime', 'domestic-abuse'])
      expect((await identify(othersCase, outcome, inDays(-30), manager)).status).toBe(302);
    await db()
      .insertInto('case_consents')
      .values({
        case_id: othersCase,
        kind: 'supporting-families',
        agreed: true,
        given_by: 'Parent',
        given_by_role: 'parent-carer',
        given_on: inDays(-30),
        recorded_by: me,
      })
      .execute();
    const list = await manager.get('/cases/supporting-families');
    expect(list.status).toBe(200);
    expect(list.text).toContain('2 families meet the criteria');
    expect(list.text).toContain(`/cases/${caseId}/supporting-families`);
    expect(list.text).toContain('3 of 3');
    expect(list.text).toContain('Withdrawn');
    expect((await manager.get('/cases')).text).toContain('href="/cases/supporting-families"');
    const csv = await manager.get('/cases/supporting-families.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const references = await db()
      .selectFrom('cases')
      .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
      .select(['cases.id', 'referrals.reference'])
      .where('cases.id', 'in', [caseId, othersCase])
      .execute();
    const ref = (id: number) => references.find((r) => r.id === id)!.reference;
    expect(csv.text).toContain(ref(othersCase));
    expect(csv.text).not.toContain(ref(caseId));
    expect(csv.text).toContain(
      'Improved mental and physical health; Families diverted from crime; Safe from domestic abuse',
    );
    expect(
      await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'export')
        .where('record_type', '=', 'supporting-families')
        .execute(),
    ).toHaveLength(1);
  });

  it('is not for practitioners', async () => {
    expect((await practitioner.get('/cases/supporting-families')).status).toBe(403);
    expect((await practitioner.get('/cases/supporting-families.csv')).status).toBe(403);
    expect((await practitioner.get('/cases')).text).not.toContain('href="/cases/supporting-families"');
  });
});

describe('changing a family’s Supporting Families record', () => {
  it('removes a need identified in error, which takes the family below the criteria', async () => {
    const crime = (await needsOf(othersCase)).find((need) => need.outcome === 'crime')!;
    expect((await post(`/cases/${othersCase}/supporting-families/${crime.id}/remove`, {}, manager)).status).toBe(302);
    expect((await page(othersCase, manager)).text).toContain('Not yet: 2 needs identified, 3 needed');
    expect(
      await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'remove supporting families need')
        .execute(),
    ).toHaveLength(1);
    expect((await post(`/cases/${othersCase}/supporting-families/${crime.id}/remove`, {}, manager)).status).toBe(404);
  });

  it('does not let a practitioner reach another practitioner’s case, nor school users any', async () => {
    expect((await page(othersCase)).status).toBe(404);
    expect((await identify(othersCase, 'housing')).status).toBe(404);
    const school = await t.signIn('school_user');
    expect((await page(caseId, school)).status).toBe(403);
  });

  it('refuses changes to a closed case, with a clear message', async () => {
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', othersCase).execute();
    const response = await identify(othersCase, 'housing', inDays(-1), manager);
    expect(response.status).toBe(409);
    expect(response.text).toContain('This case is closed, so its Supporting Families record cannot be changed.');
    const [need] = await needsOf(othersCase);
    expect((await post(`/cases/${othersCase}/supporting-families/${need.id}/remove`, {}, manager)).status).toBe(409);
    expect(await needsOf(othersCase)).toHaveLength(2);
    await db().updateTable('cases').set({ status: 'open' }).where('id', '=', othersCase).execute();
  });
});
