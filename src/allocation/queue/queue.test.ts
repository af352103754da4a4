import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { monthsAfter } from '../../casework/closure/rules.ts';
import { londonDate } from '../../platform/london-time.ts';
import { schoolYearNamed } from '../../platform/school-year.ts';

let t: TestApp;
let manager: Agent;

beforeAll(async () => ({ t, agent: manager } = await appSignedInAs('team_manager', { marks: false })));
afterAll(() => t.close());

const db = () => t.connection.db;

async function waitingIds(): Promise<number[]> {
  const page = await manager.get('/allocation/queue');
  return [...page.text.matchAll(/href="\/allocation\/queue\/(\d+)"/g)].map((m) => Number(m[1]));
}

async function userId(email: string) {
  return (await db().selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
}

async function allocate(id: number, body: Record<string, string | number>) {
  return manager
    .post(`/allocation/queue/${id}`)
    .type('form')
    .send({ _csrf: await csrfToken(manager, `/allocation/queue/${id}`), ...body });
}

describe('the allocation queue', () => {
  it('lists referrals accepted for intensive support and not yet allocated, oldest first, with the school’s cases left', async () => {
    const page = await manager.get('/allocation/queue');
    expect(page.status).toBe(200);
    const ids = await waitingIds();
    expect(ids.length).toBe(5);
    const accepted = await db().selectFrom('referrals').select(['id', 'outcome_at']).where('id', 'in', ids).execute();
    const order = [...accepted]
      .sort((a, b) => a.outcome_at!.getTime() - b.outcome_at!.getTime() || a.id - b.id)
      .map((r) => r.id);
    expect(ids).toEqual(order);
    expect(page.text).toMatch(/\d+ of \d+/);
  });

  it('is for the team manager only: school users and practitioners cannot allocate', async () => {
    const [id] = await waitingIds();
    for (const role of ['school_user', 'practitioner', 'triage_manager'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get('/allocation/queue')).status).toBe(403);
      expect(
        (
          await agent
            .post(`/allocation/queue/${id}`)
            .type('form')
            .send({ _csrf: await csrfToken(agent) })
        ).status,
      ).toBe(403);
    }
  });

  it('shows each practitioner’s type and caseload against their maximum, and suggests a type from the needs (RBKC Early Help Family Support)', async () => {
    const [id] = await waitingIds();
    const page = await manager.get(`/allocation/queue/${id}`);
    expect(page.text).toContain('Suggested:');
    expect(page.text).toMatch(/Family practitioner\. \d+ open cases?, maximum 16\./);
    expect(page.text).toContain('Non-violent resistance clinician');
  });

  it('refuses an allocation without a practitioner, naming the field, and changes nothing', async () => {
    const [id] = await waitingIds();
    const before = await db()
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await allocate(id, { type: 'family-practitioner' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('href="#practitionerId"');
    const after = await db()
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('allocating makes the case, starts its clocks, tells the practitioner and the referrer, audits it, and uses one of the school’s cases', async () => {
    const [id] = await waitingIds();
    const referral = await db()
      .selectFrom('referrals')
      .select(['school_urn', 'created_by', 'reference'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const shown = /Allocation plan (\d{4} to \d{4})/.exec((await manager.get('/allocation/queue')).text)![1];
    const year = schoolYearNamed(shown)!.key;
    const planBefore = await manager.get(`/allocation/plan.csv?year=${encodeURIComponent(year)}`);
    const usedBefore = Number(
      planBefore.text
        .split('\n')
        .find((line) => line.includes(`,${referral.school_urn},`))!
        .split(',')
        .at(-3),
    );
    const practitionerId = await userId(demoEmail('practitioner'));
    const response = await allocate(id, { practitionerId, type: 'family-practitioner' });
    expect(response.status).toBe(302);

    const kase = await db().selectFrom('cases').selectAll().where('referral_id', '=', id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({
      practitioner_id: practitionerId,
      practitioner_type: 'family-practitioner',
      status: 'open',
      over_quota: false,
    });
    expect(kase.contact_due > kase.allocated_at.toISOString().slice(0, 10)).toBe(true);
    expect(kase.planned_end).toBe(monthsAfter(londonDate(kase.allocated_at), 4)); // Havering SEMH Team proposal: about four months
    const messages = await db()
      .selectFrom('notifications')
      .select(['template', 'recipient', 'personalisation'])
      .where('referral_id', '=', id)
      .where('template', 'in', ['case-allocated', 'referral-allocated'])
      .execute();
    const referrer = await db()
      .selectFrom('users')
      .select('email')
      .where('id', '=', referral.created_by)
      .executeTakeFirstOrThrow();
    expect(messages.map((m) => [m.template, m.recipient]).sort()).toEqual([
      ['case-allocated', demoEmail('practitioner')],
      ['referral-allocated', referrer.email],
    ]);
    const audit = await db()
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(kase.id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('allocate');

    const planAfter = await manager.get(`/allocation/plan.csv?year=${encodeURIComponent(year)}`);
    const usedAfter = Number(
      planAfter.text
        .split('\n')
        .find((line) => line.includes(`,${referral.school_urn},`))!
        .split(',')
        .at(-3),
    );
    expect(usedAfter).toBe(usedBefore + 1);
    expect(await waitingIds()).not.toContain(id);
  });

  it('allocates a referral once however often the button is pressed', async () => {
    const [id] = await waitingIds();
    const practitionerId = await userId(demoEmail('senior_practitioner'));
    const token = await csrfToken(manager, `/allocation/queue/${id}`);
    const responses = await Promise.all(
      [1, 2].map(() =>
        manager.post(`/allocation/queue/${id}`).type('form').send({ _csrf: token, practitionerId, type: 'nvr' }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([302, 302]);
    const cases = await db()
      .selectFrom('cases')
      .select(['id', 'allocated_at', 'planned_end'])
      .where('referral_id', '=', id)
      .execute();
    expect(cases).toHaveLength(1);
    // An NVR case is part of the inclusion programme, which works with a family for at least 6 months (RBKC Early Help Family Support).
    expect(cases[0]!.planned_end).toBe(monthsAfter(londonDate(cases[0]!.allocated_at), 6));
  });

  it('needs a reason to allocate beyond the school’s quota, and keeps it on the case', async () => {
    const [id] = await waitingIds();
    const { school_urn: urn } = await db()
      .selectFrom('referrals')
      .select('school_urn')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const plan = await db()
      .selectFrom('allocation_plans')
      .select(['id', 'rows'])
      .where('status', '=', 'approved')
      .executeTakeFirstOrThrow();
    const used = await db()
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('school_urn', '=', urn)
      .where(
        'academic_year',
        '=',
        (
          await db()
            .selectFrom('allocation_plans')
            .select('academic_year')
            .where('id', '=', plan.id)
            .executeTakeFirstOrThrow()
        ).academic_year,
      )
      .executeTakeFirstOrThrow();
    const rows = (plan.rows as { urn: number; total: number }[]).map((row) =>
      row.urn === urn ? { ...row, total: Number(used.n) } : row,
    );
    await db()
      .updateTable('allocation_plans')
      .set({ rows: JSON.stringify(rows) })
      .where('id', '=', plan.id)
      .execute();

    const practitionerId = await userId(demoEmail('practitioner'));
    const refused = await allocate(id, { practitionerId, type: 'family-practitioner' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/Enter the reason for allocating: .* has used all its cases/);
    expect(await db().selectFrom('cases').select('id').where('referral_id', '=', id).execute()).toHaveLength(0);

    const reason = 'Child at immediate risk of permanent exclusion; agreed with the head of service.';
    expect((await allocate(id, { practitionerId, type: 'family-practitioner', reason })).status).toBe(302);
    const kase = await db().selectFrom('cases').selectAll().where('referral_id', '=', id).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ over_quota: true, allocation_reason: reason });
  });

  it('needs a reason to allocate to a practitioner at their maximum caseload', async () => {
    const [id] = await waitingIds();
    const practitionerId = await userId(demoEmail('practitioner'));
    const sameSchool = await manager.get(`/allocation/queue/${id}`);
    expect(sameSchool.status).toBe(200);
    await db()
      .insertInto('practitioners')
      .values({ user_id: practitionerId, practitioner_type: 'family-practitioner', fte: 1, max_caseload: 1 })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ max_caseload: 1 }))
      .execute();
    const refused = await allocate(id, { practitionerId, type: 'family-practitioner', reason: '' });
    expect(refused.status).toBe(400);
    expect(refused.text).toMatch(/already has \d+ open cases, their maximum is 1/);
  });
});

describe('re-referral', () => {
  it('links a case to the child’s earlier case when it closed within the last 12 months (issue: reopening is linked and visible)', async () => {
    const [id] = await waitingIds();
    const { child_id: childId } = await db()
      .selectFrom('referrals')
      .select('child_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const earlier = await db()
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'open')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await db()
      .updateTable('cases')
      .set({ child_id: childId!, status: 'closed', closed_at: new Date(Date.now() - 30 * 86_400_000) })
      .where('id', '=', earlier.id)
      .execute();
    await db().updateTable('practitioners').set({ max_caseload: 40 }).execute();
    const practitionerId = await userId(demoEmail('senior_practitioner'));
    expect(
      (await allocate(id, { practitionerId, type: 'family-practitioner', reason: 'Agreed at panel.' })).status,
    ).toBe(302);
    const kase = await db()
      .selectFrom('cases')
      .select(['id', 'reopened_from'])
      .where('referral_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(kase.reopened_from).toBe(earlier.id);
    const page = await manager.get(`/cases/${kase.id}`);
    expect(page.text).toMatch(/Referred again within 12 months of case IH-/);
  });
});

describe('caseloads', () => {
  it('a practitioner sees the cases they lead, with the next clock, and not other practitioners’ cases', async () => {
    const practitioner = await t.signIn('practitioner');
    const mine = await practitioner.get('/cases');
    expect(mine.status).toBe(200);
    expect(mine.text).toContain('My caseload');
    const ownId = Number(/href="\/cases\/(\d+)"/.exec(mine.text)![1]);
    const own = await practitioner.get(`/cases/${ownId}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Contact and home visit');
    const other = await db()
      .selectFrom('cases')
      .select('id')
      .where('practitioner_id', '!=', await userId(demoEmail('practitioner')))
      .executeTakeFirstOrThrow();
    expect((await practitioner.get(`/cases/${other.id}`)).status).toBe(404);
  });

  it('every view of a case is audited', async () => {
    const kase = await db().selectFrom('cases').select('id').executeTakeFirstOrThrow();
    await manager.get(`/cases/${kase.id}`);
    const views = await db()
      .selectFrom('audit_events')
      .select('id')
      .where('record_type', '=', 'case')
      .where('record_id', '=', String(kase.id))
      .where('action', '=', 'view')
      .execute();
    expect(views.length).toBeGreaterThan(0);
  });

  it('the team manager sees the whole team’s caseload, and school users cannot see caseloads', async () => {
    const page = await manager.get('/cases');
    expect(page.text).toContain('Team caseload');
    expect(page.text).toContain('Lead professional');
    expect((await (await t.signIn('school_user')).get('/cases')).status).toBe(403);
  });
});

describe('practitioners’ type, hours and maximum caseload', () => {
  it('the team manager sets them, with bad input named and nothing changed, and the change audited', async () => {
    const id = await userId(demoEmail('practitioner'));
    const path = `/allocation/team/${id}`;
    const bad = await manager
      .post(path)
      .type('form')
      .send({ _csrf: await csrfToken(manager, path), type: 'family-therapist', fte: '1.5', maxCaseload: 'lots' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Hours must be between 0.1 and 1 of full time');
    expect(bad.text).toContain('Enter the most cases they can hold as a whole number');
    const good = await manager
      .post(path)
      .type('form')
      .send({ _csrf: await csrfToken(manager, path), type: 'family-therapist', fte: '0.8', maxCaseload: '12' });
    expect(good.status).toBe(302);
    expect(
      await db()
        .selectFrom('practitioners')
        .select(['practitioner_type', 'fte', 'max_caseload'])
        .where('user_id', '=', id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ practitioner_type: 'family-therapist', fte: 0.8, max_caseload: 12 });
    const audit = await db()
      .selectFrom('audit_events')
      .select('action')
      .where('record_type', '=', 'practitioner')
      .where('record_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action)).toContain('update');
  });
});
