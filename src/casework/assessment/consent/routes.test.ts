import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../../test/support/app.ts';
import {
  auditsOf,
  consentBody,
  eventsOf,
  ownCases,
  postForm,
  someoneElsesCase,
} from '../../../../test/support/assessment.ts';
import { withoutDemoCasework } from '../../../../test/support/casework.ts';

let t: TestApp;
let agent: Agent;
let caseId: number;
let childId: number;

beforeAll(async () => {
  ({ t, agent } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  ({ id: caseId, child_id: childId } = (await ownCases(t))[0]);
});
afterAll(() => t.close());

const path = () => `/cases/${caseId}/assessment/consent`;
const consents = () =>
  t.connection.db.selectFrom('case_consents').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const setDateOfBirth = (iso: string) =>
  t.connection.db.updateTable('children').set({ date_of_birth: iso }).where('id', '=', childId).execute();

describe('recording consent (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('shows the consent form with both consents not recorded', async () => {
    const page = await agent.get(path());
    expect(page.status).toBe(200);
    expect(page.text).toContain('Record consent');
    expect(page.text).toContain('No consent recorded yet');
  });

  it('records consent to share with those supporting the plan, on the timeline and in the audit log (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await postForm(agent, path(), consentBody());
    expect(response.status).toBe(302);
    expect(await consents()).toMatchObject([
      {
        kind: 'plan-sharing',
        agreed: true,
        given_by: 'Sam Carer',
        given_by_role: 'parent-carer',
        given_on: '2026-01-05',
        withdrawn_on: null,
      },
    ]);
    expect(await eventsOf(t, caseId, 'consent')).toHaveLength(1);
    const [audit] = await auditsOf(t, caseId, 'record consent');
    expect(audit.details).not.toHaveProperty('givenBy');
    const page = await agent.get(`/cases/${caseId}/assessment`);
    expect(page.text).toContain('Agreed by Sam Carer on 5 January 2026');
  });

  it('records "do not agree" to the Supporting Families programme separately (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    expect((await postForm(agent, path(), consentBody({ kind: 'supporting-families', agreed: 'no' }))).status).toBe(
      302,
    );
    const page = await agent.get(`/cases/${caseId}/assessment`);
    expect(page.text).toContain('Did not agree (Sam Carer, 5 January 2026)');
  });

  it('refuses a form with missing answers, saying what is missing and saving nothing', async () => {
    const before = (await consents()).length;
    const response = await postForm(agent, path(), { givenBy: 'Sam Carer' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select which consent this is');
    expect(response.text).toContain('Enter the date consent was given');
    expect(response.text).toContain('value="Sam Carer"');
    expect((await consents()).length).toBe(before);
  });

  it('a young person can give their own consent only from age 12: refused at 11, naming who gave it (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    await setDateOfBirth('2014-01-06');
    const before = (await consents()).length;
    const response = await postForm(agent, path(), consentBody({ givenBy: 'Alex', givenByRole: 'young-person' }));
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'A young person can give their own consent only from age 12 – they were 11 on the date given',
    );
    expect(response.text).toContain('href="#givenByRole"');
    expect((await consents()).length).toBe(before);
  });

  it('a young person aged 12 on the date given can give their own consent (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    await setDateOfBirth('2014-01-05');
    const response = await postForm(agent, path(), consentBody({ givenBy: 'Alex', givenByRole: 'young-person' }));
    expect(response.status).toBe(302);
    expect((await consents()).at(-1)).toMatchObject({ given_by_role: 'young-person', given_by: 'Alex' });
  });

  it('refuses a consent dated in the future', async () => {
    const response = await postForm(agent, path(), consentBody({}, '2099-01-01'));
    expect(response.status).toBe(400);
    expect(response.text).toContain('Date consent was given must be the same as or before');
  });
});

describe('withdrawing consent (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  const withdraw = (id: number, body: Record<string, string>) => postForm(agent, `${path()}/${id}/withdraw`, body);
  const on = (iso: string) => {
    const [year, month, day] = iso.split('-');
    return { 'withdrawnOn-day': day, 'withdrawnOn-month': month, 'withdrawnOn-year': year };
  };

  it('keeps the consent with the date and the reason it was withdrawn, and the plan may no longer be shared (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const consent = (await consents()).find((c) => c.given_by === 'Alex')!;
    expect((await agent.get(`${path()}/${consent.id}/withdraw`)).status).toBe(200);
    const response = await withdraw(consent.id, { ...on('2026-02-01'), reason: 'Family no longer wish to share' });
    expect(response.status).toBe(302);
    expect(await consents()).toContainEqual(
      expect.objectContaining({
        id: consent.id,
        agreed: true,
        withdrawn_on: '2026-02-01',
        withdrawal_reason: 'Family no longer wish to share',
      }),
    );
    expect(await eventsOf(t, caseId, 'consent-withdrawn')).toHaveLength(1);
    const page = await agent.get(`/cases/${caseId}/assessment`);
    expect(page.text).toContain('withdrawn on 1 February 2026');
    expect(page.text).toContain('can’t be completed without the family’s consent');
  });

  it('refuses a withdrawal dated before the consent was given, or without a reason, changing nothing', async () => {
    const consent = (await consents()).find((c) => c.kind === 'plan-sharing' && !c.withdrawn_on)!;
    const response = await withdraw(consent.id, { ...on('2025-12-01') });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Date consent was withdrawn must be the same as or after 5 January 2026');
    expect(response.text).toContain('Enter why consent was withdrawn');
    expect((await consents()).find((c) => c.id === consent.id)?.withdrawn_on).toBeNull();
  });

  it('a consent is withdrawn only once, and a "do not agree" has nothing to withdraw', async () => {
    const all = await consents();
    const withdrawn = all.find((c) => c.withdrawn_on)!;
    expect((await withdraw(withdrawn.id, { ...on('2026-03-01'), reason: 'Again' })).text).toContain(
      'already withdrawn on 1 February 2026',
    );
    const refused = all.find((c) => !c.agreed)!;
    expect((await withdraw(refused.id, { ...on('2026-03-01'), reason: 'No' })).status).toBe(400);
  });

  it('a consent of another case is not found', async () => {
    const other = await someoneElsesCase(t);
    const consent = (await consents())[0];
    const manager = await t.signIn('team_manager');
    expect(
      (
        await postForm(
          manager,
          `/cases/${other}/assessment/consent/${consent.id}/withdraw`,
          { ...on('2026-03-01'), reason: 'x' },
          `/cases/${other}/assessment`,
        )
      ).status,
    ).toBe(404);
  });
});
