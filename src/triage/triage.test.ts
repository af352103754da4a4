import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type Agent, type TestApp } from '../../test/support/app.ts';
import { demoAnswers } from '../referrals/demo.ts';
import { makeUpn } from '../children/rules.ts';
import { alreadyKnown } from '../referrals/matches/rules.ts';

let t: TestApp;
let triage: Agent;
let csrf: string;

beforeAll(async () => {
  t = await createTestApp();
  triage = await t.signIn('triage_manager');
  csrf = await csrfToken(triage);
});
afterAll(() => t.close());

/** Sends a complete referral for a new child at the demo school, as the school user would. */
async function sendReferral(child: {
  first_name: string;
  last_name: string;
  date_of_birth: string;
  upn: string | null;
}) {
  const user = (await t.services.auth.currentUser(
    (
      await t.connection.db
        .selectFrom('users')
        .select('id')
        .where('email', 'like', 'school_user@%')
        .executeTakeFirstOrThrow()
    ).id,
  ))!;
  const actor = { userId: user.id, ip: '127.0.0.1' };
  const id = await t.services.referrals.startDraft(actor, user, 102317);
  await t.connection.db
    .updateTable('referrals')
    .set({ answers: JSON.stringify(demoAnswers({ ...child, year_group: 'Year 2' }, 'Pat Example')) })
    .where('id', '=', id)
    .execute();
  const result = await t.services.referrals.submit(actor, user, id);
  expect(result?.ok).toBe(true);
  return id;
}

describe('the front door queue', () => {
  it('lists referrals waiting for an outcome with their 48-hour clock (Southend Early Help Family Support service document (2016))', async () => {
    const page = await triage.get('/triage');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/\d+ referrals waiting/);
    expect(page.text).toMatch(/Due by|Overdue by/);
  });

  it('shows only overdue referrals when asked', async () => {
    const page = await triage.get('/triage?flag=overdue');
    expect(page.text).not.toContain('Due by');
  });

  it('filters by school', async () => {
    const page = await triage.get('/triage?school=102317');
    expect(page.text).not.toContain('Mead Primary School</td>');
  });

  it('filters by the child’s age on the referral date', async () => {
    const all = await triage.get('/triage');
    const young = await triage.get('/triage?age=5-to-11');
    expect(young.status).toBe(200);
    const count = (html: string) => Number(/(\d+) referrals? waiting/.exec(html)?.[1] ?? 0);
    expect(count(young.text)).toBeLessThanOrEqual(count(all.text));
    for (const age of young.text.matchAll(/age (\d+)</g)) expect(Number(age[1])).toBeGreaterThanOrEqual(5);
  });

  it('is not for school users or practitioners', async () => {
    for (const role of ['school_user', 'practitioner'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get('/triage')).status).toBe(403);
    }
  });
});

describe('the already-known check (Havering SEMH Team proposal)', () => {
  it('flags a referral for a child known to Early Help by UPN, and the manager confirms it, which makes the child not eligible', async () => {
    const upn = makeUpn(311, '2030', 2019, 901);
    await t.connection.db
      .insertInto('known_episodes')
      .values({
        upn,
        first_name: 'Rio',
        last_name: 'Ferdinand-Jones',
        date_of_birth: '2019-01-10',
        service: 'early_help',
        status: 'open',
      })
      .execute();
    const id = await sendReferral({ first_name: 'Rio', last_name: 'Jones', date_of_birth: '2019-01-10', upn });
    const page = await triage.get(`/triage/${id}`);
    expect(page.text).toContain('Same UPN');
    expect(page.text).toContain('Early Help');
    expect(page.text).toContain('Not eligible yet');
    const match = await t.connection.db
      .selectFrom('referral_matches')
      .select('id')
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    const confirmed = await triage
      .post(`/triage/${id}/matches/${match.id}`)
      .type('form')
      .send({ decision: 'confirmed', _csrf: csrf });
    expect(confirmed.status).toBe(302);
    const after = await triage.get(`/triage/${id}`);
    expect(after.text).toContain('Confirmed');
    const audit = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'referral')
      .where('record_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('match confirmed');
  });

  it('matches a similar name with the same date of birth, and a dismissed match does not count', async () => {
    await t.connection.db
      .insertInto('known_episodes')
      .values({
        upn: null,
        first_name: 'Jaiden',
        last_name: 'Smith',
        date_of_birth: '2018-07-02',
        service: 'social_care',
        status: 'open',
      })
      .execute();
    const id = await sendReferral({ first_name: 'Jayden', last_name: 'Smyth', date_of_birth: '2018-07-02', upn: null });
    const match = await t.connection.db
      .selectFrom('referral_matches')
      .selectAll()
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(match.reason).toMatch(/similar name/i);
    await triage.post(`/triage/${id}/matches/${match.id}`).type('form').send({ decision: 'dismissed', _csrf: csrf });
    const page = await triage.get(`/triage/${id}`);
    expect(page.text).toContain('Dismissed');
  });

  it('does not match a closed episode', async () => {
    await t.connection.db
      .insertInto('known_episodes')
      .values({
        upn: null,
        first_name: 'Lena',
        last_name: 'Marsh',
        date_of_birth: '2017-05-05',
        service: 'early_help',
        status: 'closed',
      })
      .execute();
    const id = await sendReferral({ first_name: 'Lena', last_name: 'Marsh', date_of_birth: '2017-05-05', upn: null });
    const matches = await t.connection.db
      .selectFrom('referral_matches')
      .selectAll()
      .where('referral_id', '=', id)
      .execute();
    expect(matches).toEqual([]);
  });

  it('counts the child as known once any match is confirmed, unchecked while any is undecided', () => {
    expect(alreadyKnown([])).toBe(false);
    expect(alreadyKnown([null, 'dismissed'])).toBe('unchecked');
    expect(alreadyKnown(['dismissed', 'confirmed'])).toBe(true);
    expect(alreadyKnown(['dismissed'])).toBe(false);
  });
});

describe('reading a referral at triage', () => {
  it('shows eligibility with its reasons and audits the view', async () => {
    const id = await sendReferral({ first_name: 'Ola', last_name: 'Bright', date_of_birth: '2017-09-09', upn: null });
    const page = await triage.get(`/triage/${id}`);
    expect(page.text).toContain('Eligibility for school-support family practitioners');
    expect(page.text).toMatch(/Aged \d+/);
    const views = await t.connection.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'referral')
      .where('record_id', '=', String(id))
      .where('action', '=', 'view')
      .execute();
    expect(views.some((v) => (v.details as { as?: string } | null)?.as === 'triage')).toBe(true);
  });

  it('answers 404 for a draft or a referral that does not exist', async () => {
    const draft = await t.connection.db
      .selectFrom('referrals')
      .select('id')
      .where('status', '=', 'draft')
      .executeTakeFirstOrThrow();
    expect((await triage.get(`/triage/${draft.id}`)).status).toBe(404);
    expect((await triage.get('/triage/999999')).status).toBe(404);
  });
});

describe('the front door queue, a page at a time', () => {
  const count = (html: string) => Number(/([\d,]+) referrals? waiting/.exec(html)?.[1].replace(',', '') ?? 0);
  const references = (html: string) => [...html.matchAll(/<span class="govuk-body-s">([^<]+) · age/g)].map((m) => m[1]);

  beforeAll(async () => {
    // More referrals waiting at the demo school than one page holds (25).
    const waiting = count((await triage.get('/triage?school=102317')).text);
    for (let n = waiting; n <= 27; n++)
      await sendReferral({ first_name: `Page${n}`, last_name: 'Tester', date_of_birth: '2016-03-03', upn: null });
  });

  it('shows 25 referrals on a page, and the next ones on page 2, with links between the pages', async () => {
    const first = await triage.get('/triage');
    const second = await triage.get('/triage?page=2');
    expect(second.status).toBe(200);
    const total = count(first.text);
    expect(total).toBeGreaterThan(25);
    expect(count(second.text)).toBe(total);
    const firstRows = references(first.text);
    const secondRows = references(second.text);
    expect(firstRows).toHaveLength(25);
    expect(secondRows).toHaveLength(Math.min(25, total - 25));
    expect(secondRows.filter((reference) => firstRows.includes(reference))).toEqual([]);
    expect(first.text).toContain('href="/triage?page=2"');
    expect(second.text).toContain('href="/triage?page=1"');
  });

  it('keeps the filter and the order in the links to other pages', async () => {
    const page = await triage.get('/triage?sort=outcome-due&school=102317');
    expect(page.text).toContain('href="/triage?school=102317&amp;sort=outcome-due&amp;page=2"');
    const second = await triage.get('/triage?sort=outcome-due&school=102317&page=2');
    expect(second.text).toContain('href="/triage?school=102317&amp;sort=outcome-due&amp;page=1"');
  });

  it('shows the first page for a page number that is not a number, and the last for one past the end', async () => {
    const first = await triage.get('/triage');
    const notANumber = await triage.get('/triage?page=two');
    expect(notANumber.status).toBe(200);
    expect(references(notANumber.text)).toEqual(references(first.text));
    const last = await triage.get('/triage?page=2');
    for (const page of ['999', '-1', '1e400', '2.5']) {
      const response = await triage.get(`/triage?page=${page}`);
      expect(response.status).toBe(200);
      expect(references(response.text)).toEqual(references((page === '999' ? last : first).text));
    }
  });
});
