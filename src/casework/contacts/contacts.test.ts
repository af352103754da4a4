import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { addCalendarDays } from '../../platform/calendar/calendar.ts';
import { londonDate } from '../../platform/london-time.ts';
import { withoutDemoCasework } from '../../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let caseId: number;
let otherCaseId: number;

const db = () => t.connection.db;
const today = () => londonDate(new Date());

async function userId(email: string) {
  return (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

/** An open case led by the practitioner (or by someone else), with no home visit yet. */
async function openCase(lead: number, mine: boolean) {
  const row = await db()
    .selectFrom('cases')
    .select('id')
    .where('status', '=', 'open')
    .where('practitioner_id', mine ? '=' : '!=', lead)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  await db().updateTable('cases').set({ first_contact_on: null }).where('id', '=', row.id).execute();
  return row.id;
}

function contact(id: number, fields: Record<string, string>, agent = practitioner) {
  const [year, month, day] = today().split('-');
  const body = {
    'contactOn-day': day,
    'contactOn-month': month,
    'contactOn-year': year,
    time: '00:00',
    type: 'phone',
    withWhom: 'Mother',
    summary: 'Introduced the service',
    ...fields,
  };
  return csrfToken(agent, `/cases/${id}/contacts/new`).then((_csrf) =>
    agent
      .post(`/cases/${id}/contacts/new`)
      .type('form')
      .send({ _csrf, ...body }),
  );
}

const noRisks = {
  violence: 'no',
  animals: 'no',
  otherAdults: 'no',
  substances: 'no',
  incidents: 'no',
  colleagueKnows: 'yes',
};

function riskCheck(id: number, fields: Record<string, string>) {
  return csrfToken(practitioner, `/cases/${id}/contacts/risk-check`).then((_csrf) =>
    practitioner
      .post(`/cases/${id}/contacts/risk-check`)
      .type('form')
      .send({ _csrf, ...noRisks, ...fields }),
  );
}

const count = async (table: 'case_contacts' | 'case_risk_checks', id: number) =>
  Number(
    (
      await db()
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', id)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  const lead = await userId(demoEmail('practitioner'));
  caseId = await openCase(lead, true);
  otherCaseId = await openCase(lead, false);
});
afterAll(() => t.close());

describe('the contacts section (Havering SEMH Team proposal: contact and initial home visit within five days of allocation)', () => {
  it('shows the clock, the links and an empty state before anything is recorded', async () => {
    const page = await practitioner.get(`/cases/${caseId}/contacts`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Contact and initial home visit within 5 working days of allocation');
    expect(page.text).toMatch(/Due by|Overdue: was due by/);
    expect(page.text).toContain('Record a contact');
    expect(page.text).toContain('Complete a lone-working risk check');
    expect(page.text).toContain('No contacts have been recorded yet.');
  });

  it('lets the practitioner record a phone contact, audited without the family’s details', async () => {
    const response = await contact(caseId, {
      withWhom: 'Ms Example, mother',
      summary: 'Agreed a home visit on Friday',
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/cases/${caseId}/contacts`);
    const page = await practitioner.get(`/cases/${caseId}/contacts`);
    expect(page.text).toContain('Phone call recorded');
    expect(page.text).toContain('Ms Example, mother');
    expect(page.text).toContain('Agreed a home visit on Friday');
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(caseId))
      .where('action', '=', 'record contact')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ type: 'phone' });
    expect(JSON.stringify(audit[0].details)).not.toContain('Example');
    const event = await db()
      .selectFrom('case_events')
      .select(['kind', 'message'])
      .where('case_id', '=', caseId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ kind: 'contact', message: 'Phone call recorded' });
    const first = await db()
      .selectFrom('cases')
      .select('first_contact_on')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(first.first_contact_on).toBeNull(); // only a home visit meets the clock
  });

  it('refuses a date in the future, naming the field, keeps what was typed and saves nothing', async () => {
    const before = await count('case_contacts', caseId);
    const [year, month, day] = addCalendarDays(today(), 1).split('-');
    const response = await contact(caseId, {
      'contactOn-day': day,
      'contactOn-month': month,
      'contactOn-year': year,
      withWhom: 'Father',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Date of the contact must be today or in the past');
    expect(response.text).toContain('href="#contactOn-day"');
    expect(response.text).toContain('value="Father"');
    expect(await count('case_contacts', caseId)).toBe(before);
  });

  it('refuses a home visit without a lone-working risk check, linking to it, and saves nothing', async () => {
    const before = await count('case_contacts', caseId);
    const response = await contact(caseId, { type: 'home-visit' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Complete a lone-working risk check before recording a home visit');
    expect(response.text).toContain(`href="/cases/${caseId}/contacts/risk-check"`);
    expect(await count('case_contacts', caseId)).toBe(before);
    const kase = await db()
      .selectFrom('cases')
      .select('first_contact_on')
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase.first_contact_on).toBeNull();
  });

  it('refuses "visit alone" when violence is known, and saves nothing', async () => {
    const response = await riskCheck(caseId, { violence: 'yes', outcome: 'visit-alone' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('You cannot visit alone when there is a known risk of violence or aggression');
    expect(response.text).toContain('href="#outcome"');
    expect(await count('case_risk_checks', caseId)).toBe(0);
  });

  it('records a risk check, then a home visit linked to it that meets the clock and sets the first contact date', async () => {
    const check = await riskCheck(caseId, {
      animals: 'yes',
      outcome: 'visit-in-pairs',
      notes: 'Dog kept in the garden',
    });
    expect(check.status).toBe(302);
    const saved = await db()
      .selectFrom('case_risk_checks')
      .select(['id', 'outcome', 'answers', 'completed_by'])
      .where('case_id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(saved.outcome).toBe('visit-in-pairs');
    expect(saved.answers).toMatchObject({ animals: true, violence: false, colleagueKnows: true });

    const visit = await contact(caseId, { type: 'home-visit', summary: 'Met the family at home' });
    expect(visit.status).toBe(302);
    const row = await db()
      .selectFrom('case_contacts')
      .select(['risk_check_id'])
      .where('case_id', '=', caseId)
      .where('contact_type', '=', 'home-visit')
      .executeTakeFirstOrThrow();
    expect(row.risk_check_id).toBe(saved.id);
    const kase = await db()
      .selectFrom('cases')
      .select(['first_contact_on'])
      .where('id', '=', caseId)
      .executeTakeFirstOrThrow();
    expect(kase.first_contact_on).toBe(today());
    const page = await practitioner.get(`/cases/${caseId}/contacts`);
    expect(page.text).toMatch(/Met (on time|late)/);
    expect(page.text).toContain('Dogs or other animals');
    const kinds = await db().selectFrom('case_events').select('kind').where('case_id', '=', caseId).execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['risk-check', 'home-visit']));
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', String(caseId))
      .where('action', '=', 'record risk check')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('blocks home visits once the latest risk check says do not visit', async () => {
    expect((await riskCheck(caseId, { incidents: 'yes', outcome: 'do-not-visit' })).status).toBe(302);
    const before = await count('case_contacts', caseId);
    const response = await contact(caseId, { type: 'home-visit' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The latest lone-working risk check says not to visit the family at home');
    expect(await count('case_contacts', caseId)).toBe(before);
  });

  it('does not let a practitioner reach another practitioner’s case', async () => {
    expect((await practitioner.get(`/cases/${otherCaseId}/contacts`)).status).toBe(404);
    expect((await practitioner.get(`/cases/${otherCaseId}/contacts/new`)).status).toBe(404);
    const _csrf = await csrfToken(practitioner);
    const response = await practitioner
      .post(`/cases/${otherCaseId}/contacts/new`)
      .type('form')
      .send({ _csrf, type: 'phone' });
    expect(response.status).toBe(404);
    expect(await count('case_contacts', otherCaseId)).toBe(0);
  });

  it('is not for school users', async () => {
    const school = await t.signIn('school_user');
    expect((await school.get(`/cases/${caseId}/contacts`)).status).toBe(403);
    expect((await school.get(`/cases/${caseId}/contacts/risk-check`)).status).toBe(403);
    expect(
      (
        await school
          .post(`/cases/${caseId}/contacts/new`)
          .type('form')
          .send({ _csrf: await csrfToken(school) })
      ).status,
    ).toBe(403);
  });

  it('refuses to record a contact on a closed case, with a clear message', async () => {
    const manager = await t.signIn('team_manager');
    await db().updateTable('cases').set({ status: 'closed' }).where('id', '=', otherCaseId).execute();
    const response = await contact(otherCaseId, {}, manager);
    expect(response.status).toBe(409);
    expect(response.text).toContain('This case is closed, so no more contacts can be recorded.');
    expect(await count('case_contacts', otherCaseId)).toBe(0);
    expect((await manager.get(`/cases/${otherCaseId}/contacts`)).text).not.toContain('Record a contact');
  });
});
