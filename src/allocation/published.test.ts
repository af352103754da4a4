import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../test/support/app.ts';

let t: TestApp;
let school: Agent;
const BROADFORD = 'Broadford Primary School';
const publish = (value: 'yes' | 'no') =>
  t.services.settings.update({ userId: null, ip: null }, 'publish-vulnerability-table', value);

beforeAll(async () => ({ t, agent: school } = await appSignedInAs('school_user')));
afterAll(() => t.close());

describe('publishing the vulnerability table to schools (setting publish-vulnerability-table)', () => {
  it('is hidden from school users (not found) while the setting is no, the default, with no link from their referrals', async () => {
    expect(await t.services.settings.get('publish-vulnerability-table')).toBe('no');
    const page = await school.get('/allocation/published');
    expect(page.status).toBe(404);
    const referrals = await school.get('/referrals');
    expect(referrals.text).toContain('Your school’s offer for');
    expect(referrals.text).not.toContain('/allocation/published');
  });

  it('lets staff who read the table see what schools would see, saying schools cannot see it yet', async () => {
    const manager = await t.signIn('team_manager');
    const page = await manager.get('/allocation/published');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Schools cannot see this page');
    expect(page.text).not.toContain('Your school');
  });

  it('shows school users every school’s rank, phase and score when the setting is yes, their own school marked (seed 000: Broadford Primary)', async () => {
    await publish('yes');
    const page = await school.get('/allocation/published');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/Schools’ vulnerability ranks \d{4}\/\d{2}/);
    expect(page.text).toMatch(/83 schools/);
    expect(page.text).not.toContain('Schools cannot see this page');
    expect(page.text).toMatch(new RegExp(`<strong>${BROADFORD}</strong> is ranked \\d+ of 83`));
    const own = page.text.split('<tr class="govuk-table__row">').filter((row) => row.includes('Your school'));
    expect(own).toHaveLength(1);
    expect(own[0]).toContain(BROADFORD);
    // No per-pupil or per-factor figures: rank, school, phase and score only.
    expect(page.text).not.toContain('SEN: figure');
  });

  it('links to the published table from the school user’s quota on their referrals page', async () => {
    const referrals = await school.get('/referrals');
    expect(referrals.text).toMatch(/href="\/allocation\/published\?year=\d{4}%2F\d{2}"/);
  });

  it('is not for practitioners or other roles outside allocation, published or not', async () => {
    for (const role of ['practitioner', 'finance_officer'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get('/allocation/published')).status).toBe(403);
    }
    await publish('no');
    expect((await school.get('/allocation/published')).status).toBe(404);
  });
});
