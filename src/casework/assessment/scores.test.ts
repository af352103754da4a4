import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../../test/support/app.ts';
import { ASSESSMENT_CHANGED } from './service.ts';
import {
  assessmentRow,
  auditsOf,
  eventsOf,
  fullScores,
  postForm,
  practitionerOnOwnCase,
} from '../../../test/support/assessment.ts';

let t: TestApp;
let agent: Agent;
let caseId: number;

beforeAll(async () => ({ t, agent, caseId } = await practitionerOnOwnCase()));
afterAll(() => t.close());

const path = (by: string) => `/cases/${caseId}/assessment/scores?by=${by}`;
const save = (by: string, body: Record<string, string>) => postForm(agent, path(by), body);

describe('the parent or carer’s and the child’s scores (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('shows the ten aspects to score, with the version the form is filled in against', async () => {
    const page = await agent.get(path('parent'));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Parent or carer’s scores');
    expect(page.text).toContain('name="version" value="0"');
    expect(page.text.match(/How well are things going\?/g)?.length).toBe(10);
    expect((await agent.get(path('nobody'))).status).toBe(404);
  });

  it('saves each aspect’s score, what is working well, what could be better and the practitioner’s view, creating the assessment (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const body = {
      ...fullScores(0),
      'workingWell-education': 'Goes in most days',
      'couldBeBetter-education': 'Mornings are hard',
    };
    const response = await save('parent', {
      ...body,
      view: 'partly-agree',
      viewReason: 'Safety is lower than the family think',
    });
    expect(response.status).toBe(302);
    const row = await assessmentRow(t, caseId);
    expect(row?.version).toBe(1);
    expect(row?.parent_scores).toMatchObject({
      education: { score: 0, workingWell: 'Goes in most days', couldBeBetter: 'Mornings are hard' },
      'pregnancy-early-years': { score: null, notApplicableReason: 'No young children in the family' },
      offending: { score: 9 },
    });
    expect(row?.practitioner_view).toEqual({
      parent: { view: 'partly-agree', reason: 'Safety is lower than the family think' },
    });
    expect(await eventsOf(t, caseId, 'assessment-saved')).toEqual([
      { kind: 'assessment-saved', message: 'Parent or carer’s scores saved' },
    ]);
    expect(await auditsOf(t, caseId, 'save assessment')).toHaveLength(1);
  });

  it('refuses a score of 11, naming the aspect, and saves nothing (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const before = await assessmentRow(t, caseId);
    const response = await save('parent', { ...fullScores(1), 'score-safety': '11' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The score for Safety must be a whole number from 0 to 10');
    expect(response.text).toContain('href="#score-safety"');
    expect(await assessmentRow(t, caseId)).toEqual(before);
  });

  it('refuses not applicable on education: only pregnancy and early years may be not applicable (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await save('parent', { ...fullScores(1), 'score-education': 'na' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Education cannot be marked not applicable');
  });

  it('needs a reason when pregnancy and early years is not applicable, keeping what was typed (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await save('parent', {
      ...fullScores(1),
      'reason-pregnancy-early-years': '',
      'workingWell-health': 'Sleeping better',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Enter why pregnancy and early years is not applicable');
    expect(response.text).toContain('Sleeping better');
  });

  it('the child may leave aspects blank: saves the child’s scores with some not scored (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await save('child', { version: '1', 'score-education': '4', 'score-safety': '7', view: 'agree' });
    expect(response.status).toBe(302);
    const row = await assessmentRow(t, caseId);
    expect(row?.version).toBe(2);
    expect(row?.child_scores).toEqual({
      education: { score: 4, notApplicableReason: null, workingWell: null, couldBeBetter: null },
      safety: { score: 7, notApplicableReason: null, workingWell: null, couldBeBetter: null },
    });
    expect(row?.practitioner_view).toMatchObject({
      parent: { view: 'partly-agree' },
      child: { view: 'agree', reason: null },
    });
    expect((await agent.get(path('child'))).text).toContain('name="version" value="2"');
  });
});

describe('two people editing the assessment at once', () => {
  it('refuses the second of two saves made against the same version, keeping the first (409)', async () => {
    const version = (await assessmentRow(t, caseId))!.version;
    const colleague = await t.signIn('team_manager');
    const first = await postForm(
      colleague,
      path('parent'),
      fullScores(version, () => '6'),
    );
    expect(first.status).toBe(302);
    const second = await save(
      'parent',
      fullScores(version, () => '1'),
    );
    expect(second.status).toBe(409);
    expect(second.text).toContain(ASSESSMENT_CHANGED);
    expect(second.text).toContain(`name="version" value="${version + 1}"`);
    const row = await assessmentRow(t, caseId);
    expect(row?.version).toBe(version + 1);
    expect(row?.parent_scores).toMatchObject({ education: { score: 6 }, safety: { score: 6 } });
  });

  it('refuses a save with no version', async () => {
    const body: Record<string, string> = fullScores(0);
    delete body.version;
    expect((await save('parent', body)).status).toBe(409);
  });
});

describe('the child’s voice and the school’s input (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('saves both, moving the assessment on a version', async () => {
    const page = await agent.get(`/cases/${caseId}/assessment/voices`);
    const version = (await assessmentRow(t, caseId))!.version;
    expect(page.text).toContain(`name="version" value="${version}"`);
    const response = await postForm(agent, `/cases/${caseId}/assessment/voices`, {
      version: String(version),
      childVoice: 'I like art club',
      schoolInput: 'Attendance 82%',
    });
    expect(response.status).toBe(302);
    expect(await assessmentRow(t, caseId)).toMatchObject({
      version: version + 1,
      child_voice: 'I like art club',
      school_input: 'Attendance 82%',
    });
    const overview = await agent.get(`/cases/${caseId}/assessment`);
    expect(overview.text).toContain('I like art club');
    expect(overview.text).toContain('Attendance 82%');
  });

  it('refuses a stale voices form without overwriting', async () => {
    const response = await postForm(agent, `/cases/${caseId}/assessment/voices`, {
      version: '0',
      childVoice: 'Old text',
    });
    expect(response.status).toBe(409);
    expect((await assessmentRow(t, caseId))?.child_voice).toBe('I like art club');
  });
});
