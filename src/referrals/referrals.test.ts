import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, csrfFrom, csrfToken, type Agent, type TestApp } from '../../test/support/app.ts';
import { TEST_PASSWORD } from '../../test/support/constants.ts';
import { makeUpn } from '../children/rules.ts';
import { VALID, fillReferral, startDraft as startDraftAs, type PageAnswers } from '../../test/support/referrals.ts';

let t: TestApp;
let school: Agent;
let csrf: string;

const startDraft = (agent = school) => startDraftAs(agent, csrf);
const fill = (id: number, overrides: PageAnswers = {}) => fillReferral(school, csrf, id, overrides);

/** Makes the user's newest session look idle for 31 minutes. */
async function idleSession(userId: number) {
  const longAgo = Date.now() - 31 * 60 * 1000;
  await sql`update sessions set sess = jsonb_set(sess, '{lastSeenAt}', to_jsonb(${longAgo}::bigint))
    where sid = (select sid from sessions where (sess->>'userId')::int = ${userId} order by expires_at desc limit 1)`.execute(
    t.connection.db,
  );
}

const referral = (id: number) =>
  t.connection.db.selectFrom('referrals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await createTestApp();
  school = await t.signIn('school_user');
  csrf = await csrfToken(school);
});
afterAll(() => t.close());

describe('a school user refers a child', () => {
  it('goes through every question page to check your answers and sends the referral with a reference', async () => {
    const id = await startDraft();
    await fill(id);
    const check = await school.get(`/referrals/${id}/check`);
    expect(check.text).toContain('Tobi');
    expect(check.text).toContain('Send referral');
    const sent = await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    expect(sent.headers.location).toBe(`/referrals/${id}/confirmation`);
    const confirmation = await school.get(sent.headers.location);
    const row = await referral(id);
    expect(row.status).toBe('submitted');
    expect(row.reference).toMatch(/^IH-\d{4}-\d{5}$/);
    expect(confirmation.text).toContain(row.reference);
  });

  it('acknowledges a referral as soon as it is sent and tells the referrer when the outcome is due (Southend Early Help Family Support service document (2016))', async () => {
    const id = await startDraft();
    await fill(id);
    await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    const row = await referral(id);
    expect(row.acknowledged_at).toBeTruthy();
    expect(row.acknowledged_at!.getTime() - row.submitted_at!.getTime()).toBeLessThan(24 * 3600 * 1000);
    const page = await school.get(`/referrals/${id}`);
    expect(page.text).toContain('Acknowledged');
    expect(page.text).toMatch(/told the outcome by/);
    const message = await t.connection.db
      .selectFrom('notifications')
      .selectAll()
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(message.template).toBe('acknowledgement');
    expect(JSON.stringify(message.personalisation)).not.toContain('Tobi');
    expect(message.personalisation).toMatchObject({ reference: row.reference });
  });

  it('creates the child’s record with their parent when they are not on the roll, and links to it when they are', async () => {
    const id = await startDraft();
    await fill(id, { child: { firstName: 'Kemi', lastName: 'Adebayo' } });
    await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    const row = await referral(id);
    const child = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('id', '=', row.child_id!)
      .executeTakeFirstOrThrow();
    expect(child).toMatchObject({ first_name: 'Kemi', school_urn: 102317, date_of_birth: '2018-03-14' });
    const carers = await t.connection.db.selectFrom('carers').selectAll().where('child_id', '=', child.id).execute();
    expect(carers.map((c) => c.name)).toEqual(['Grace Adebayo']);

    const onRoll = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('school_urn', '=', 102317)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const second = await startDraft();
    await fill(second, { child: { firstName: 'x', lastName: 'y', upn: onRoll.upn! } });
    await school.post(`/referrals/${second}/submit`).type('form').send({ _csrf: csrf });
    expect((await referral(second)).child_id).toBe(onRoll.id);
  });

  it('sends one referral however many times the button is pressed', async () => {
    const id = await startDraft();
    await fill(id);
    const results = await Promise.all(
      [1, 2, 3].map(() => school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf })),
    );
    for (const result of results) expect(result.headers.location).toBe(`/referrals/${id}/confirmation`);
    const events = await t.connection.db
      .selectFrom('referral_events')
      .select('kind')
      .where('referral_id', '=', id)
      .where('kind', '=', 'submitted')
      .execute();
    expect(events).toHaveLength(1);
    const messages = await t.connection.db
      .selectFrom('notifications')
      .select('id')
      .where('referral_id', '=', id)
      .execute();
    expect(messages).toHaveLength(1);
  });
});

describe('finding the child on the school roll', () => {
  it('finds a child on the referrer’s own roll and fills in their details, never another school’s child', async () => {
    const own = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('school_urn', '=', 102317)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const other = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('school_urn', '=', 102322)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const id = await startDraft();
    const search = await school.get(`/referrals/${id}/child?roll=${encodeURIComponent(own.upn!)}`);
    expect(search.text).toContain(`value="${own.id}"`);
    const elsewhere = await school.get(`/referrals/${id}/child?roll=${encodeURIComponent(other.upn!)}`);
    expect(elsewhere.text).toContain('No child on your roll matches');
    expect(
      (await school.post(`/referrals/${id}/from-roll`).type('form').send({ childId: other.id, _csrf: csrf })).status,
    ).toBe(404);
    const used = await school.post(`/referrals/${id}/from-roll`).type('form').send({ childId: own.id, _csrf: csrf });
    expect(used.headers.location).toBe(`/referrals/${id}/child`);
    const page = await school.get(`/referrals/${id}/child`);
    expect(page.text).toContain(`value="${own.first_name}"`);
    expect(page.text).toContain(`value="${own.upn}"`);
  });
});

describe('nothing typed is lost', () => {
  it('shows the problems with a page, keeps what was typed and saves it in the draft', async () => {
    const id = await startDraft();
    const response = await school
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, firstName: 'Amara', lastName: '', 'dateOfBirth-month': '13', _csrf: csrf });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Enter the child’s last name');
    expect(response.text).toContain('href="#lastName"');
    expect(response.text).toContain('value="Amara"');
    const later = await school.get(`/referrals/${id}/child`);
    expect(later.text).toContain('value="Amara"');
    const check = await school.get(`/referrals/${id}/check`);
    expect(check.text).toContain('Complete ‘About the child’');
    expect(check.text).not.toContain('Send referral');
  });

  it('keeps what was typed when the session timed out, and shows it again after signing in', async () => {
    const agent = await t.signIn('school_user');
    const token = await csrfToken(agent);
    const id = await startDraftAs(agent, token);
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', 'like', 'school_user@%')
      .executeTakeFirstOrThrow();
    await idleSession(user.id);
    const timedOut = await agent
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, firstName: 'Zuri', _csrf: token });
    expect(timedOut.headers.location).toBe('/signed-out?reason=inactive');
    const signInPage = await agent.get('/sign-in');
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({
        email: 'school_user@demo.inclusion-hub.test',
        password: TEST_PASSWORD,
        _csrf: csrfFrom(signInPage.text),
      });
    expect(signedIn.headers.location).toBe(`/referrals/${id}/child`);
    const page = await agent.get(`/referrals/${id}/child`);
    expect(page.text).toContain('value="Zuri"');
    expect(page.text).toContain('We kept what you typed');
  });

  it('does not hand one person’s kept form to someone else who signs in', async () => {
    const agent = await t.signIn('school_user');
    const token = await csrfToken(agent);
    const id = await startDraftAs(agent, token);
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', 'like', 'school_user@%')
      .executeTakeFirstOrThrow();
    await idleSession(user.id);
    await agent
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, firstName: 'Zuri', _csrf: token });
    const signInPage = await agent.get('/sign-in');
    const signedIn = await agent
      .post('/sign-in')
      .type('form')
      .send({
        email: 'triage_manager@demo.inclusion-hub.test',
        password: TEST_PASSWORD,
        _csrf: csrfFrom(signInPage.text),
      });
    expect(signedIn.headers.location).toBe('/');
  });

  it('checks a UPN’s check letter (DfE UPN guidance)', async () => {
    const id = await startDraft();
    const good = makeUpn(311, '2007', 2018, 7);
    const bad = (good[0] === 'A' ? 'B' : 'A') + good.slice(1);
    const response = await school
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, upn: bad, _csrf: csrf });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Check the UPN');
    const ok = await school
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, upn: good.toLowerCase(), _csrf: csrf });
    expect(ok.status).toBe(302);
  });

  it('asks for the details of consent when consent is given', async () => {
    const id = await startDraft();
    const response = await school
      .post(`/referrals/${id}/consent`)
      .type('form')
      .send({ safeguardingConcern: 'no', consentGiven: 'yes', _csrf: csrf });
    expect(response.status).toBe(400);
    for (const message of [
      'Enter the name of the person who gave consent',
      'Select how consent was given',
      'Enter the date consent was given',
    ]) {
      expect(response.text).toContain(message);
    }
  });
});

describe('consent and safeguarding', () => {
  it('will not send a referral without the parent or carer’s consent (Portsmouth early help assessment guidance)', async () => {
    const id = await startDraft();
    await fill(id, { consent: { consentGiven: 'no' } });
    const response = await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/consent/i);
    expect((await referral(id)).status).toBe('draft');
  });

  it('sends a safeguarding concern to the MASH, not through this form', async () => {
    const id = await startDraft();
    await fill(id, { consent: { safeguardingConcern: 'yes' } });
    const response = await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/MASH|safeguarding/i);
    expect((await referral(id)).status).toBe('draft');
  });
});

describe('the school’s offer', () => {
  it('shows a school user their school’s quota, used and remaining in the approved plan (Havering SEMH Team proposal)', async () => {
    const page = await school.get('/referrals');
    expect(page.text).toMatch(/Your school’s offer for \d{4} to \d{4}/);
    expect(page.text).toMatch(
      /\d+ families in the approved allocation plan: \d+ allocated to a practitioner so far, \d+ remaining/,
    );
  });
});

describe('who may see and change referrals', () => {
  it('refuses a referral for a child at another school, and saves nothing', async () => {
    const before = await t.connection.db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await school.post('/referrals/new').type('form').send({ school: '102322', _csrf: csrf });
    expect(response.status).toBe(403);
    const after = await t.connection.db
      .selectFrom('referrals')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('does not show one school’s referral to another school', async () => {
    const id = await startDraft();
    await t.connection.db.updateTable('referrals').set({ school_urn: 102322 }).where('id', '=', id).execute();
    expect((await school.get(`/referrals/${id}/check`)).status).toBe(404);
    expect(
      (
        await school
          .post(`/referrals/${id}/child`)
          .type('form')
          .send({ ...VALID.child, _csrf: csrf })
      ).status,
    ).toBe(404);
    expect((await school.get('/referrals')).text).not.toContain(`/referrals/${id}/check"`);
  });

  it('lets a triage manager read a sent referral but not write one', async () => {
    const id = await startDraft();
    await fill(id);
    await school.post(`/referrals/${id}/submit`).type('form').send({ _csrf: csrf });
    const triage = await t.signIn('triage_manager');
    expect((await triage.get(`/referrals/${id}`)).status).toBe(200);
    expect((await triage.get('/referrals/new')).status).toBe(403);
  });

  it('audits every view and change of a referral', async () => {
    const id = await startDraft();
    await school
      .post(`/referrals/${id}/child`)
      .type('form')
      .send({ ...VALID.child, _csrf: csrf });
    await school.get(`/referrals/${id}/check`);
    const actions = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'referral')
      .where('record_id', '=', String(id))
      .execute();
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'view']));
  });
});
