import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, type TestApp } from '../../../../test/support/app.ts';
import { auditsOf, eventsOf, ownCases, postForm, practitionerOnOwnCase } from '../../../../test/support/assessment.ts';

let t: TestApp;
let agent: Agent;
let caseId: number;

beforeAll(async () => ({ t, agent, caseId } = await practitionerOnOwnCase()));
afterAll(() => t.close());

const path = () => `/cases/${caseId}/assessment/family`;
const members = () =>
  t.connection.db.selectFrom('case_family_members').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
const mother = {
  name: 'Sam Carer',
  unborn: 'no',
  'dateOfBirth-day': '4',
  'dateOfBirth-month': '7',
  'dateOfBirth-year': '1990',
  relationship: 'Mother',
  gender: 'female',
  ethnicity: 'White British',
  disability: '',
  livesAtHome: 'yes',
};

describe('who’s in our family (Portsmouth early help assessment, plan, review and closure guidance)', () => {
  it('shows the empty family with the form to add someone', async () => {
    const page = await agent.get(path());
    expect(page.status).toBe(200);
    expect(page.text).toContain('No family members recorded yet');
    expect(page.text).toContain('Add a family member');
  });

  it('adds a family member with their date of birth, relationship, gender, ethnicity and whether they live at home (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const response = await postForm(agent, path(), mother);
    expect(response.status).toBe(302);
    expect(await members()).toMatchObject([
      {
        name: 'Sam Carer',
        date_of_birth: '1990-07-04',
        unborn: false,
        relationship: 'Mother',
        gender: 'female',
        ethnicity: 'White British',
        disability: null,
        lives_at_home: true,
      },
    ]);
    expect(await eventsOf(t, caseId, 'family-member')).toEqual([
      { kind: 'family-member', message: 'Added Sam Carer (Mother)' },
    ]);
    const [audit] = await auditsOf(t, caseId, 'add family member');
    expect(JSON.stringify(audit.details)).not.toContain('Sam');
    expect((await agent.get(`/cases/${caseId}/assessment`)).text).toContain('4 July 1990');
  });

  it('adds an unborn baby with the expected date of delivery (Portsmouth early help assessment, plan, review and closure guidance)', async () => {
    const expected = new Date(Date.now() + 90 * 86_400_000);
    const response = await postForm(agent, path(), {
      name: 'Unborn baby of Sam Carer',
      unborn: 'yes',
      'expectedOn-day': String(expected.getUTCDate()),
      'expectedOn-month': String(expected.getUTCMonth() + 1),
      'expectedOn-year': String(expected.getUTCFullYear()),
      relationship: 'Sibling',
      livesAtHome: 'yes',
    });
    expect(response.status).toBe(302);
    expect((await members()).at(-1)).toMatchObject({
      unborn: true,
      date_of_birth: expected.toISOString().slice(0, 10),
    });
    expect((await agent.get(path())).text).toContain('Unborn, expected');
  });

  it('refuses a member without a name, relationship or date, keeping what was typed and saving nothing', async () => {
    const before = (await members()).length;
    const response = await postForm(agent, path(), { unborn: 'no', ethnicity: 'Mixed', livesAtHome: 'no' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Enter their name');
    expect(response.text).toContain('Enter the date of birth');
    expect(response.text).toContain('Enter their relationship to the child');
    expect(response.text).toContain('value="Mixed"');
    expect((await members()).length).toBe(before);
  });

  it('removes a family member, on the timeline', async () => {
    const [first] = await members();
    const response = await postForm(agent, `${path()}/${first.id}/remove`, {}, path());
    expect(response.status).toBe(302);
    expect((await members()).some((m) => m.id === first.id)).toBe(false);
    expect((await eventsOf(t, caseId, 'family-member')).map((e) => e.message)).toContain('Removed Sam Carer (Mother)');
  });

  it('records up to 20 family members', async () => {
    const rows = Array.from({ length: 20 - (await members()).length }, (_, i) => ({
      case_id: caseId,
      name: `Relative ${i}`,
      relationship: 'Cousin',
    }));
    await t.connection.db.insertInto('case_family_members').values(rows).execute();
    expect((await agent.get(path())).text).toContain('A family can have up to 20 members recorded');
    const response = await postForm(agent, path(), mother);
    expect(response.status).toBe(400);
    expect((await members()).length).toBe(20);
  });

  it('a member of another case is not found', async () => {
    const [own] = await members();
    const other = (await ownCases(t))[1].id;
    expect(
      (
        await postForm(
          agent,
          `/cases/${other}/assessment/family/${own.id}/remove`,
          {},
          `/cases/${other}/assessment/family`,
        )
      ).status,
    ).toBe(404);
    expect((await members()).some((m) => m.id === own.id)).toBe(true);
  });
});
