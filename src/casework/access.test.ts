import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../test/support/app.ts';
import { practitionerCases } from '../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let cases: Awaited<ReturnType<typeof practitionerCases>>;

const db = () => t.connection.db;

async function practitionersSee(value: 'own' | 'team') {
  await db().deleteFrom('settings').where('key', '=', 'practitioners-see-cases').execute();
  await db()
    .insertInto('settings')
    .values({ key: 'practitioners-see-cases', value: JSON.stringify(value), updated_by: null })
    .execute();
}

async function recordContact(id: number) {
  const path = `/cases/${id}/contacts/new`;
  return practitioner
    .post(path)
    .type('form')
    .send({
      _csrf: await csrfToken(practitioner, `/cases/${cases.own[0]}/contacts/new`),
      type: 'phone',
      withWhom: 'Mother',
      summary: 'Called to arrange a visit',
    });
}

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  cases = await practitionerCases(db());
});
afterAll(() => t.close());

describe('which cases a practitioner sees is the authority’s setting', () => {
  it('by default a practitioner sees only the cases they lead: a colleague’s case is not found', async () => {
    await practitionersSee('own');
    const caseload = await practitioner.get('/cases');
    expect(caseload.text).toContain('My caseload');
    expect(caseload.text).not.toContain(`href="/cases/${cases.others}"`);
    expect((await practitioner.get(`/cases/${cases.others}`)).status).toBe(404);
    expect((await practitioner.get(`/cases/${cases.others}/contacts`)).status).toBe(404);
  });

  it('when practitioners see the team’s cases, a colleague’s case can be read, and the reading is audited', async () => {
    await practitionersSee('team');
    const caseload = await practitioner.get('/cases');
    expect(caseload.text).toContain('Team caseload');
    expect(caseload.text).toContain(`href="/cases/${cases.others}"`);
    const page = await practitioner.get(`/cases/${cases.others}/contacts`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You can read this case');
    const views = await db()
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(cases.others))
      .where('action', '=', 'view')
      .execute();
    expect(views.map((view) => (view.details as { page?: string } | null)?.page)).toContain('contacts');
  });

  it('a practitioner cannot change a colleague’s case they can read: refused with the reason, nothing recorded', async () => {
    await practitionersSee('team');
    const before = await db().selectFrom('case_contacts').select('id').where('case_id', '=', cases.others).execute();
    const refused = await recordContact(cases.others);
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('You cannot change this case');
    expect(refused.text).toContain(
      'Only the case’s lead professional, a senior practitioner or the team manager can change it',
    );
    expect(await db().selectFrom('case_contacts').select('id').where('case_id', '=', cases.others).execute()).toEqual(
      before,
    );
  });

  it('the practitioner still changes the cases they lead', async () => {
    await practitionersSee('team');
    const own = await practitioner.get(`/cases/${cases.own[0]}/contacts`);
    expect(own.text).not.toContain('You can read this case');
  });
});

/** A row to insert again as a new one: everything but its id. */
function withoutId<T extends { id: number }>(row: T): Omit<T, 'id'> {
  const copy: Partial<T> = { ...row };
  delete copy.id;
  return copy as Omit<T, 'id'>;
}

describe('a long caseload is shown a page at a time', () => {
  let manager: Agent;
  let lead: number;
  const shown = (html: string) => [...html.matchAll(/<a class="govuk-link" href="\/cases\/(\d+)">/g)].map((m) => m[1]);
  const total = (html: string) => Number(/([\d,]+) cases?[,<]/.exec(html)?.[1].replace(',', '') ?? 0);

  beforeAll(async () => {
    manager = await t.signIn('team_manager');
    // More open cases than one page holds (50): copies of an open case, each with its own referral.
    const kase = await db().selectFrom('cases').selectAll().where('status', '=', 'open').executeTakeFirstOrThrow();
    lead = kase.practitioner_id;
    const referral = await db()
      .selectFrom('referrals')
      .selectAll()
      .where('id', '=', kase.referral_id)
      .executeTakeFirstOrThrow();
    // The copies have the copied case's lead professional: their caseload is long, the team's two pages.
    const leads = total((await manager.get(`/cases?practitioner=${lead}`)).text);
    for (let n = leads; n <= 55; n++) {
      const copy = await db()
        .insertInto('referrals')
        .values({
          ...withoutId(referral),
          reference: `${referral.reference}-${n}`,
          answers: JSON.stringify(referral.answers),
        } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('cases')
        .values({ ...withoutId(kase), referral_id: copy.id } as never)
        .execute();
    }
  });

  it('shows 50 cases on the first page and the next ones on page 2, with links between the pages', async () => {
    const first = await manager.get('/cases');
    const second = await manager.get('/cases?page=2');
    expect(second.status).toBe(200);
    const count = total(first.text);
    expect(count).toBeGreaterThan(50);
    expect(total(second.text)).toBe(count);
    expect(shown(first.text)).toHaveLength(50);
    expect(shown(second.text)).toHaveLength(Math.min(50, count - 50));
    expect(shown(second.text).filter((id) => shown(first.text).includes(id))).toEqual([]);
    expect(first.text).toContain('href="/cases?page=2"');
    expect(second.text).toContain('href="/cases?page=1"');
  });

  it('keeps the practitioner chosen in the links to other pages', async () => {
    const page = await manager.get(`/cases?practitioner=${lead}`);
    expect(page.status).toBe(200);
    expect(total(page.text)).toBeGreaterThan(50);
    expect(page.text).toContain(`href="/cases?practitioner=${lead}&amp;page=2"`);
  });

  it('shows the first page for a page number that is not a number, and the last for one past the end', async () => {
    const first = shown((await manager.get('/cases')).text);
    const last = shown((await manager.get('/cases?page=2')).text);
    for (const [page, expected] of [
      ['two', first],
      ['0', first],
      ['-3', first],
      ['999', last],
    ] as const) {
      const response = await manager.get(`/cases?page=${page}`);
      expect(response.status).toBe(200);
      expect(shown(response.text)).toEqual(expected);
    }
  });
});
