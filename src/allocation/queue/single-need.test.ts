import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { sendReferral } from '../../../test/support/referrals.ts';
import { demoEmail } from '../../demo/accounts.ts';

let t: TestApp;
let school: Agent;
let manager: Agent;
let referralId: number;

beforeAll(async () => {
  t = await createTestApp({}, { marks: false });
  school = await t.signIn('school_user');
  const triage = await t.signIn('triage_manager');
  manager = await t.signIn('team_manager');
  // A browser sends one ticked box as one value, not a list.
  referralId = await sendReferral(school, await csrfToken(school), { needs: { needs: 'semh' } });
  const decided = await triage
    .post(`/triage/${referralId}/decision`)
    .type('form')
    .send({
      level: '3',
      outcome: 'intensive',
      reason: 'Intensive support from a family practitioner.',
      _csrf: await csrfToken(triage),
    });
  expect(decided.status).toBe(302);
});
afterAll(() => t.close());

describe('a referral with one presenting need', () => {
  it('is saved with its need as a list', async () => {
    const row = await t.connection.db
      .selectFrom('referrals')
      .select('answers')
      .where('id', '=', referralId)
      .executeTakeFirstOrThrow();
    expect((row.answers as { pages: { needs: { needs: unknown } } }).pages.needs.needs).toEqual(['semh']);
  });

  it('shows in the allocation queue and on its allocation page, with the need and a suggested type', async () => {
    const queue = await manager.get('/allocation/queue');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/allocation/queue/${referralId}"`);
    const page = await manager.get(`/allocation/queue/${referralId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Social, emotional and mental health');
    expect(page.text).toContain('Suggested:');
  });

  it('can be allocated, and its case page shows the need', async () => {
    const { id: practitionerId } = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', demoEmail('practitioner'))
      .executeTakeFirstOrThrow();
    const response = await manager
      .post(`/allocation/queue/${referralId}`)
      .type('form')
      .send({
        practitionerId,
        type: 'family-practitioner',
        reason: 'Agreed with the head of service.',
        _csrf: await csrfToken(manager, `/allocation/queue/${referralId}`),
      });
    expect(response.status).toBe(302);
    const kase = await t.connection.db
      .selectFrom('cases')
      .select('id')
      .where('referral_id', '=', referralId)
      .executeTakeFirstOrThrow();
    const casePage = await manager.get(`/cases/${kase.id}`);
    expect(casePage.status).toBe(200);
    expect(casePage.text).toContain('Social, emotional and mental health');
  });
});
