import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp } from '../../../test/support/app.ts';
import { londonDate } from '../../platform/london-time.ts';
import {
  assessmentRow,
  auditsOf,
  consentBody,
  eventsOf,
  fullScores,
  ownCases,
  postForm,
  someoneElsesCase,
  practitionerOnOwnCase,
} from '../../../test/support/assessment.ts';

let t: TestApp;
let agent: Agent;
let caseId: number;

beforeAll(async () => ({ t, agent, caseId } = await practitionerOnOwnCase()));
afterAll(() => t.close());

const base = () => `/cases/${caseId}/assessment`;
const complete = () => postForm(agent, `${base()}/complete`, {}, base());

describe('the assessment page (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('shows an empty assessment: both consents not recorded, no family, the ten aspects not scored, and the clock (Southend Early Help Family Support service document (2016))', async () => {
    const page = await agent.get(base());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sharing with those supporting the plan');
    expect(page.text).toContain('Sharing with the Supporting Families programme');
    expect(page.text).toContain('No family members recorded yet');
    expect(page.text.match(/Not scored/g)?.length).toBe(20);
    const due = await t.connection.db
      .selectFrom('cases')
      .select('assessment_due')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(page.text).toMatch(/Due by/);
    expect(page.text).toContain('Mark the assessment as complete');
    expect(due.assessment_due).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('another practitioner’s case is not found, and a school user may not see assessments (Havering SEMH Team proposal)', async () => {
    expect((await agent.get(`/cases/${await someoneElsesCase(t)}/assessment`)).status).toBe(404);
    const school = await t.signIn('school_user');
    expect((await school.get(base())).status).toBe(403);
    const manager = await t.signIn('team_manager');
    expect((await manager.get(`/cases/${await someoneElsesCase(t)}/assessment`)).status).toBe(200);
  });

  it('audits each view of the assessment as a view of the case', async () => {
    const before = (await auditsOf(t, caseId, 'view')).length;
    await agent.get(base());
    const after = await auditsOf(t, caseId, 'view');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.details).toEqual({ page: 'assessment' });
  });
});

describe('completing the assessment (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('an assessment can’t be completed without consent to share the plan (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await complete();
    expect(response.status).toBe(400);
    expect(response.text).toContain('an assessment can’t be completed without it');
    expect(response.text).toContain('still to score');
    expect((await assessmentRow(t, caseId))?.completed_on ?? null).toBeNull();
  });

  it('needs every parent or carer score as well as consent (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    expect((await postForm(agent, `${base()}/consent`, consentBody())).status).toBe(302);
    const response = await complete();
    expect(response.status).toBe(400);
    expect(response.text).not.toContain('an assessment can’t be completed without it');
    expect(response.text).toContain('still to score: Education');
  });

  it('highlights the lowest-scoring aspects for the plan to focus on (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    expect((await postForm(agent, `${base()}/scores?by=parent`, fullScores(0))).status).toBe(302);
    const page = await agent.get(base());
    expect(page.text).toContain('Focus the plan on these');
    expect(page.text).toContain('Education: 0 out of 10');
    expect(page.text).toContain('Health and wellbeing: 2 out of 10');
    expect(page.text).toContain('Family relationships: 3 out of 10');
    expect(page.text.match(/Focus the plan on this\s*</g)?.length).toBe(3);
    expect(page.text).toContain('Not applicable');
  });

  it('completes with consent and all ten parent or carer scores, meeting the assessment clock (Southend Early Help Family Support service document (2016); Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await complete();
    expect(response.status).toBe(302);
    const today = londonDate(new Date());
    expect((await assessmentRow(t, caseId))?.completed_on).toBe(today);
    const kase = await t.connection.db
      .selectFrom('cases')
      .select('assessment_completed_on')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase.assessment_completed_on).toBe(today);
    expect(await eventsOf(t, caseId, 'assessment-completed')).toHaveLength(1);
    expect(await auditsOf(t, caseId, 'complete assessment')).toHaveLength(1);
    const page = await agent.get(base());
    expect(page.text).toMatch(/Completed (on time|late)/);
    expect(page.text).not.toContain('Mark the assessment as complete');
  });

  it('a completed assessment is not completed again, and its scores are kept as they were', async () => {
    expect((await complete()).status).toBe(409);
    const row = await assessmentRow(t, caseId);
    const response = await postForm(
      agent,
      `${base()}/scores?by=parent`,
      fullScores(row!.version, () => '9'),
    );
    expect(response.status).toBe(409);
    expect(response.text).toContain('can no longer be changed');
    expect((await assessmentRow(t, caseId))?.parent_scores).toEqual(row!.parent_scores);
  });
});

describe('a closed case', () => {
  it('keeps its assessment as it was: changes are refused (409) and nothing is saved', async () => {
    const closed = (await ownCases(t))[1].id;
    await t.connection.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', closed).execute();
    const consent = await postForm(
      agent,
      `/cases/${closed}/assessment/consent`,
      consentBody(),
      `/cases/${closed}/assessment`,
    );
    expect(consent.status).toBe(409);
    expect(consent.text).toContain('This case is closed, so its assessment cannot be changed');
    expect(
      (
        await postForm(
          agent,
          `/cases/${closed}/assessment/scores?by=parent`,
          fullScores(0),
          `/cases/${closed}/assessment`,
        )
      ).status,
    ).toBe(409);
    expect(
      await t.connection.db.selectFrom('case_consents').select('id').where('case_id', '=', closed).execute(),
    ).toEqual([]);
    expect(await assessmentRow(t, closed)).toBeUndefined();
  });
});
