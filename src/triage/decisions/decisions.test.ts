import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { sendReferral } from '../../../test/support/referrals.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { OUTCOMES } from '../../referrals/outcomes/rules.ts';
import { namesChild } from './rules.ts';

let t: TestApp;
let school: Agent;
let schoolCsrf: string;
let triage: Agent;
let triageCsrf: string;

beforeAll(async () => {
  t = await createTestApp();
  school = await t.signIn('school_user');
  schoolCsrf = await csrfToken(school);
  triage = await t.signIn('triage_manager');
  triageCsrf = await csrfToken(triage);
});
afterAll(() => t.close());

const REASON = 'The school’s nurture group will continue, with a family practitioner working alongside it.';

const send = () => sendReferral(school, schoolCsrf);
const decide = (id: number, form: Record<string, string>, agent = triage, csrf = triageCsrf) =>
  agent
    .post(`/triage/${id}/decision`)
    .type('form')
    .send({ ...form, _csrf: csrf });
const ask = (id: number, question: string, agent = triage, csrf = triageCsrf) =>
  agent.post(`/triage/${id}/more-information`).type('form').send({ question, _csrf: csrf });
const answer = (id: number, text: string) =>
  school.post(`/referrals/${id}/more-information`).type('form').send({ answer: text, _csrf: schoolCsrf });

const referral = (id: number) =>
  t.connection.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const events = (id: number, kind: string) =>
  t.connection.db
    .selectFrom('referral_events')
    .selectAll()
    .where('referral_id', '=', id)
    .where('kind', '=', kind)
    .execute();
const messages = (id: number, template: string) =>
  t.connection.db
    .selectFrom('notifications')
    .selectAll()
    .where('referral_id', '=', id)
    .where('template', '=', template)
    .execute();
const audits = async (id: number) =>
  t.connection.db
    .selectFrom('audit_events')
    .select(['action', 'details'])
    .where('record_type', '=', 'referral')
    .where('record_id', '=', String(id))
    .orderBy('id')
    .execute();

describe('recording a triage decision (Southend Early Help Family Support service document (2016))', () => {
  it.each(OUTCOMES.map((outcome) => [outcome.code, outcome.label, outcome.level ?? 2] as const))(
    'records the outcome %s with the level of need and tells the referrer the reason (Southend Early Help Family Support service document (2016))',
    async (code, label, level) => {
      const id = await send();
      const response = await decide(id, { level: String(level), outcome: code, reason: REASON });
      expect(response.status).toBe(302);
      expect(response.headers.location).toBe(`/triage/${id}`);

      const row = await referral(id);
      expect(row).toMatchObject({ status: code, outcome: code, level_of_need: level, outcome_reason: REASON });
      expect(row.outcome_at).toBeInstanceOf(Date);
      const [event] = await events(id, code === 'safeguarding' ? 'safeguarding' : 'outcome');
      expect(event.visible_to_referrer).toBe(true);
      expect(event.message).toContain(REASON);

      const [message] = await messages(id, 'outcome');
      expect(message.recipient).toBe(demoEmail('school_user'));
      expect(message.personalisation).toEqual({ reference: row.reference, outcome: label, reason: REASON });
      expect(JSON.stringify(message.personalisation)).not.toContain('Tobi');

      expect(await audits(id)).toContainEqual({ action: 'decision', details: { outcome: code, level } });
      expect((await triage.get(`/referrals/${id}`)).text).toContain('Outcome recorded');
      expect((await school.get(`/referrals/${id}`)).text).toContain(REASON);
    },
  );

  it('passes a safeguarding concern to the MASH at once and records the time, even while waiting for the referrer, never waiting for the panel (Southend Early Help Family Support service document (2016))', async () => {
    const id = await send();
    expect((await ask(id, 'Has the family had help from Early Help before?')).status).toBe(302);
    const before = Date.now();
    const response = await decide(id, {
      level: '4',
      outcome: 'safeguarding',
      reason: 'We have passed our concern to the MASH today.',
    });
    expect(response.status).toBe(302);
    const row = await referral(id);
    expect(row.status).toBe('safeguarding');
    expect(row.panel_date).toBeNull();
    expect(row.safeguarding_passed_at!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.safeguarding_passed_at!.getTime()).toBeLessThanOrEqual(Date.now());
    expect(row.safeguarding_passed_at).toEqual(row.outcome_at);
    expect(await events(id, 'safeguarding')).toHaveLength(1);
    expect(await messages(id, 'outcome')).toHaveLength(1);
    expect((await school.get(`/referrals/${id}`)).text).toContain('Passed to safeguarding');
  });

  it('offers only safeguarding or not accepted while the referrer is finding more information', async () => {
    const id = await send();
    await ask(id, 'Which year group is the child in now?');
    const response = await decide(id, { level: '2', outcome: 'targeted', reason: REASON });
    expect(response.status).toBe(400);
    expect(response.text).toContain('you can only pass the referral to safeguarding or not accept it');
    expect((await referral(id)).status).toBe('more-information');
  });

  it('shows the suggested level from the number of presenting needs on the decision form (Southend Early Help Family Support service document (2016))', async () => {
    const id = await send();
    const response = await decide(id, { outcome: 'targeted', reason: REASON });
    expect(response.status).toBe(400);
    // Two presenting needs (SEMH and behaviour): about 1 to 2 presenting issues is level 2.
    expect(response.text).toContain('Level 2: Targeted or emerging needs (suggested)');
  });
});

describe('a decision is made once', () => {
  it('will not decide a referral that already has an outcome, and changes nothing', async () => {
    const id = await send();
    await decide(id, { level: '3', outcome: 'intensive', reason: REASON });
    const again = await decide(id, { level: '1', outcome: 'declined', reason: 'Not eligible after all.' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('This referral already has an outcome');
    expect(await referral(id)).toMatchObject({ status: 'intensive', level_of_need: 3, outcome_reason: REASON });
    expect(await events(id, 'outcome')).toHaveLength(1);
    expect(await messages(id, 'outcome')).toHaveLength(1);
    expect((await ask(id, 'One more thing?')).status).toBe(409);
  });

  it('records one decision however many times the button is pressed', async () => {
    const id = await send();
    const responses = await Promise.all(
      [1, 2, 3].map(() => decide(id, { level: '2', outcome: 'targeted', reason: REASON })),
    );
    for (const response of responses) expect(response.headers.location).toBe(`/triage/${id}`);
    expect(await events(id, 'outcome')).toHaveLength(1);
    expect(await messages(id, 'outcome')).toHaveLength(1);
    expect((await audits(id)).filter((a) => a.action === 'decision')).toHaveLength(1);
  });
});

describe('what the decision form checks', () => {
  it('refuses a decision without a reason, keeps what was typed and saves nothing', async () => {
    const id = await send();
    const response = await decide(id, { level: '1', outcome: 'signposted', reason: '   ' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Enter the reason the referrer will see');
    expect(response.text).toContain('href="#reason"');
    expect(response.text).toMatch(/value="signposted" checked/);
    expect(response.text).toContain('Do not include the child’s name: the school sees it when they sign in');
    expect(await referral(id)).toMatchObject({ status: 'submitted', outcome: null, level_of_need: null });
    expect(await messages(id, 'outcome')).toHaveLength(0);
    expect((await audits(id)).map((a) => a.action)).not.toContain('decision');
  });

  it('asks for the level and the outcome, and a reason of 2,000 characters or fewer', async () => {
    const id = await send();
    const response = await decide(id, { reason: 'x'.repeat(2001) });
    expect(response.status).toBe(400);
    for (const text of [
      'Select the level of need',
      'Select the outcome',
      'The reason must be 2,000 characters or fewer',
    ])
      expect(response.text).toContain(text);
    expect((await referral(id)).status).toBe('submitted');
  });

  it('keeps the child’s name out of the email to the referrer', async () => {
    const id = await send();
    const response = await decide(id, {
      level: '2',
      outcome: 'targeted',
      reason: 'Tobi will be supported by the school’s team around the family.',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Remove the child’s name from the reason');
    expect(await messages(id, 'outcome')).toHaveLength(0);
    expect((await ask(id, 'Does tobi have a social worker?')).status).toBe(400);
  });

  it('spots the child’s name in a message whatever its case or punctuation, but not inside other words', () => {
    const names = ['Tobi', 'Mary-Jane'];
    expect(namesChild('TOBI is settled now', names)).toBe(true);
    expect(namesChild('We spoke about Tobi’s lunchtimes.', names)).toBe(true);
    expect(namesChild('mary jane’s mother agreed', names)).toBe(true);
    expect(namesChild('Tobias in Year 5 is a different child; Mary agreed', names)).toBe(false);
  });

  it('answers 403 to a school user on the decision routes and changes nothing, and lets a team manager decide', async () => {
    const id = await send();
    expect((await decide(id, { level: '1', outcome: 'signposted', reason: REASON }, school, schoolCsrf)).status).toBe(
      403,
    );
    expect((await ask(id, 'Anything?', school, schoolCsrf)).status).toBe(403);
    expect((await referral(id)).status).toBe('submitted');
    const teamManager = await t.signIn('team_manager');
    const decided = await decide(
      id,
      { level: '1', outcome: 'signposted', reason: REASON },
      teamManager,
      await csrfToken(teamManager),
    );
    expect(decided.status).toBe(302);
  });
});

describe('asking the referrer for more information', () => {
  it('asks the referrer a question, shows it to them, and puts the referral back in the queue when they answer', async () => {
    const id = await send();
    const question = 'Has the family had help from Early Help before? If so, when?';
    expect((await ask(id, question)).headers.location).toBe(`/triage/${id}`);
    expect((await referral(id)).status).toBe('more-information');
    const [sent] = await messages(id, 'more-information');
    expect(sent).toMatchObject({
      recipient: demoEmail('school_user'),
      personalisation: { reference: (await referral(id)).reference, question },
    });

    const show = await school.get(`/referrals/${id}`);
    expect(show.text).toContain('Answer the question');
    expect(show.text).toContain(question);
    const page = await school.get(`/referrals/${id}/more-information`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(question);

    const empty = await answer(id, '');
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Enter your answer');
    expect(empty.text).toContain(question);
    expect((await referral(id)).status).toBe('more-information');

    const reply = 'Yes: a family support worker in 2024, for six weeks.';
    const answered = await answer(id, reply);
    expect(answered.headers.location).toBe(`/referrals/${id}`);
    expect((await school.get(`/referrals/${id}`)).text).toContain('Your answer has been sent');
    expect((await referral(id)).status).toBe('submitted');
    const [provided] = await events(id, 'information-provided');
    expect(provided).toMatchObject({ message: reply, visible_to_referrer: true });
    expect((await triage.get(`/referrals/${id}`)).text).toContain(reply);
    expect((await school.get(`/referrals/${id}/more-information`)).status).toBe(404);

    expect((await audits(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['ask for more information', 'answer']),
    );
  });

  it('asks only about a referral waiting for triage, and needs a question', async () => {
    const id = await send();
    expect((await ask(id, '')).status).toBe(400);
    expect((await ask(id, '')).text).toContain('Enter the question for the referrer');
    expect((await referral(id)).status).toBe('submitted');
    await ask(id, 'First question?');
    const second = await ask(id, 'Second question?');
    expect(second.status).toBe(409);
    expect(await messages(id, 'more-information')).toHaveLength(1);
  });

  it('does not show the question to a school user of another school, nor take their answer', async () => {
    const id = await send();
    await ask(id, 'What support has the school tried?');
    await t.connection.db.updateTable('referrals').set({ school_urn: 102322 }).where('id', '=', id).execute();
    expect((await school.get(`/referrals/${id}/more-information`)).status).toBe(404);
    expect((await answer(id, 'An answer')).status).toBe(404);
    expect((await referral(id)).status).toBe('more-information');
  });

  it('has no question page for a referral that is not waiting for an answer', async () => {
    const id = await send();
    expect((await school.get(`/referrals/${id}/more-information`)).status).toBe(404);
    expect((await answer(id, 'An answer')).status).toBe(404);
    expect((await triage.get(`/referrals/${id}/more-information`)).status).toBe(403);
  });
});
