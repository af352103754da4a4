import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from 'date-fns/addMonths';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { londonDate } from '../../platform/london-time.ts';
import { withoutDemoCasework, inDays, practitionerCases } from '../../../test/support/casework.ts';

let t: TestApp;
let practitioner: Agent;
let manager: Agent;
let school: Agent;
let own: number[];
let others: number;

const db = () => t.connection.db;
const today = () => londonDate(new Date());

function dateFields(name: string, iso: string) {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year };
}

async function post(agent: Agent, path: string, form: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: await csrfToken(agent) });
}

const caseRow = (id: number) => db().selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const eventsOf = (id: number, kind: string) =>
  db().selectFrom('case_events').selectAll().where('case_id', '=', id).where('kind', '=', kind).execute();
const auditsOf = (id: number, action: string) =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'case')
    .where('record_id', '=', String(id))
    .where('action', '=', action)
    .execute();
const messages = (template: string) =>
  db().selectFrom('notifications').selectAll().where('template', '=', template).orderBy('id').execute();

const plan = {
  whatWeLearnt: 'Mornings go better with a routine',
  mostUseful: 'The parenting group',
  actionsToContinue: 'Keep the morning routine',
  difficultSituations: 'The move to secondary school',
  whatWeCanDo: 'Talk to the class teacher early',
};

beforeAll(async () => {
  ({ t, agent: practitioner } = await appSignedInAs('practitioner'));
  await withoutDemoCasework(t.connection.db);
  manager = await t.signIn('team_manager');
  school = await t.signIn('school_user');
  ({ own, others } = await practitionerCases(db()));
  expect(own.length).toBeGreaterThanOrEqual(4);
});
afterAll(() => t.close());

describe('the extension and closure page (Havering SEMH Team proposal: about four months)', () => {
  it('shows the planned end with no extensions, and audits the view', async () => {
    const kase = await caseRow(own[0]);
    const page = await practitioner.get(`/cases/${own[0]}/closure`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Planned end');
    expect(page.text).toContain('No extension has been requested');
    expect(page.text.includes('Past its planned end')).toBe(kase.planned_end < today());
    expect(
      (await auditsOf(own[0], 'view')).some((entry) => (entry.details as { page?: string }).page === 'closure'),
    ).toBe(true);
  });

  it('flags a case past its planned end without an approved extension', async () => {
    await db()
      .updateTable('cases')
      .set({ planned_end: inDays(-1) })
      .where('id', '=', own[1])
      .execute();
    const page = await practitioner.get(`/cases/${own[1]}/closure`);
    expect(page.text).toContain('Past its planned end: request an extension or close the case');
  });

  it('hides another practitioner’s case (404) and refuses school users (403)', async () => {
    expect((await practitioner.get(`/cases/${others}/closure`)).status).toBe(404);
    expect(
      (
        await post(practitioner, `/cases/${others}/closure/extension`, {
          reason: 'x',
          ...dateFields('newEnd', inDays(30)),
        })
      ).status,
    ).toBe(404);
    expect((await school.get(`/cases/${own[0]}/closure`)).status).toBe(403);
  });
});

describe('extensions (Havering SEMH Team proposal: only in exceptional circumstances, with a manager’s approval)', () => {
  it('refuses a new planned end before the current one, saving nothing', async () => {
    const kase = await caseRow(own[0]);
    const response = await post(practitioner, `/cases/${own[0]}/closure/extension`, {
      reason: 'Exceptional',
      ...dateFields('newEnd', kase.planned_end),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The new planned end must be after the current planned end');
    expect(response.text).toContain('href="#newEnd-day"');
    expect(response.text).toContain('Exceptional');
    expect(await db().selectFrom('case_extensions').selectAll().where('case_id', '=', own[0]).execute()).toEqual([]);
  });

  it('moves the planned end when the team manager approves, and tells the lead professional', async () => {
    const before = await caseRow(own[0]);
    const newEnd = formatISO(addMonths(parseISO(before.planned_end), 2), { representation: 'date' });
    const requested = await post(practitioner, `/cases/${own[0]}/closure/extension`, {
      reason: 'Mum is in hospital',
      ...dateFields('newEnd', newEnd),
    });
    expect(requested.status).toBe(302);
    const [extension] = await db().selectFrom('case_extensions').selectAll().where('case_id', '=', own[0]).execute();
    expect(extension).toMatchObject({ reason: 'Mum is in hospital', new_end: newEnd, decision: null });
    expect(await eventsOf(own[0], 'extension-requested')).toHaveLength(1);

    // Only one request waits at a time.
    const second = await post(practitioner, `/cases/${own[0]}/closure/extension`, {
      reason: 'Again',
      ...dateFields('newEnd', newEnd),
    });
    expect(second.status).toBe(409);
    expect(second.text).toContain('An extension request is already waiting for the team manager’s decision');

    // A practitioner cannot decide.
    const decision = `/cases/${own[0]}/closure/extension/${extension.id}/decision`;
    expect((await practitioner.get(decision)).status).toBe(403);
    expect((await post(practitioner, decision, { decision: 'approved' })).status).toBe(403);

    expect((await manager.get(decision)).text).toContain('Mum is in hospital');
    const approved = await post(manager, decision, { decision: 'approved' });
    expect(approved.status).toBe(302);
    expect((await caseRow(own[0])).planned_end).toBe(newEnd);
    expect(await eventsOf(own[0], 'extension-approved')).toHaveLength(1);
    expect(await auditsOf(own[0], 'approve extension')).toHaveLength(1);
    const told = (await messages('extension-decision')).filter((m) => m.referral_id === before.referral_id);
    expect(told).toMatchObject([{ recipient: demoEmail('practitioner'), personalisation: { decision: 'approved' } }]);

    // Decided once only.
    expect((await post(manager, decision, { decision: 'declined', reason: 'No' })).status).toBe(409);
    expect((await manager.get(`/cases/${own[0]}/closure/extension/999999/decision`)).status).toBe(404);
  });

  it('needs a reason to decline, and a declined request leaves the planned end alone', async () => {
    const before = await caseRow(own[2]);
    const newEnd = formatISO(addMonths(parseISO(before.planned_end), 1), { representation: 'date' });
    await post(practitioner, `/cases/${own[2]}/closure/extension`, {
      reason: 'School move',
      ...dateFields('newEnd', newEnd),
    });
    const [extension] = await db().selectFrom('case_extensions').selectAll().where('case_id', '=', own[2]).execute();
    const decision = `/cases/${own[2]}/closure/extension/${extension.id}/decision`;
    const noReason = await post(manager, decision, { decision: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Enter why the extension is declined');
    expect(
      (
        await db()
          .selectFrom('case_extensions')
          .select('decision')
          .where('id', '=', extension.id)
          .executeTakeFirstOrThrow()
      ).decision,
    ).toBeNull();
    expect(
      (await post(manager, decision, { decision: 'declined', reason: 'Close and refer to the school nurse' })).status,
    ).toBe(302);
    expect((await caseRow(own[2])).planned_end).toBe(before.planned_end);
    expect(await eventsOf(own[2], 'extension-declined')).toHaveLength(1);
    expect((await manager.get(`/cases/${own[2]}/closure`)).text).toContain('Close and refer to the school nurse');
  });
});

describe('closure, sign-off and the post-closure review (Portsmouth early help assessment, plan, review and closure guidance, §2.8, §3.3; RBKC Early Help Family Support: review at 3 months)', () => {
  const id = () => own[3];
  const propose = (extra: Record<string, string> = {}) =>
    post(practitioner, `/cases/${id()}/closure/propose`, {
      reason: 'needs-met',
      ...plan,
      placementKept: 'yes',
      behaviourPoints: '42',
      ...extra,
    });

  it('refuses closure while the plan has open actions, until they are marked done or dropped', async () => {
    for (const action of ['Walk to school', 'Bedtime routine']) {
      await db()
        .insertInto('case_actions')
        .values({ case_id: id(), aspect: 'education', action, status: 'open' })
        .execute();
    }
    expect((await practitioner.get(`/cases/${id()}/closure/propose`)).text).toContain(
      'Mark the 2 open actions as done or dropped',
    );
    const refused = await propose({ openActionCount: '2' });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      'The plan has 2 open actions. Mark them as done or dropped, or update the plan first',
    );
    expect(refused.text).toContain(`/cases/${id()}/plan`);
    expect((await caseRow(id())).status).toBe('open');

    const proposed = await propose({ openActionCount: '2', closeActions: 'yes', actionsOutcome: 'done' });
    expect(proposed.status).toBe(302);
    expect((await caseRow(id())).status).toBe('closure-proposed');
    const actions = await db().selectFrom('case_actions').select('status').where('case_id', '=', id()).execute();
    expect(actions.map((a) => a.status)).toEqual(['done', 'done']);
    const closure = await db()
      .selectFrom('case_closures')
      .selectAll()
      .where('case_id', '=', id())
      .executeTakeFirstOrThrow();
    expect(closure).toMatchObject({ reason: 'needs-met', maintenance_plan: plan });
    const measures = await db()
      .selectFrom('case_measures')
      .selectAll()
      .where('case_id', '=', id())
      .where('point', '=', 'closure')
      .execute();
    expect(measures).toMatchObject([{ behaviour_points: 42, placement_kept: true }]);
    expect(await eventsOf(id(), 'closure-proposed')).toHaveLength(1);
  });

  it('lets only the team manager sign off, and a refusal needs a reason and reopens the case', async () => {
    expect((await practitioner.get(`/cases/${id()}/closure/sign-off`)).status).toBe(403);
    expect((await post(practitioner, `/cases/${id()}/closure/sign-off`, { decision: 'approve' })).status).toBe(403);
    const page = await manager.get(`/cases/${id()}/closure/sign-off`);
    expect(page.text).toContain('Mornings go better with a routine');
    const noReason = await post(manager, `/cases/${id()}/closure/sign-off`, { decision: 'refuse' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('Enter why the closure is not signed off');
    expect(
      (
        await post(manager, `/cases/${id()}/closure/sign-off`, {
          decision: 'refuse',
          reason: 'Wait for the next review',
        })
      ).status,
    ).toBe(302);
    expect((await caseRow(id())).status).toBe('open');
    expect(await eventsOf(id(), 'closure-refused')).toMatchObject([{ message: 'Wait for the next review' }]);
    expect((await practitioner.get(`/cases/${id()}/closure`)).text).toContain('Wait for the next review');
    // The earlier answers are kept for the next proposal.
    expect((await practitioner.get(`/cases/${id()}/closure/propose`)).text).toContain('The parenting group');
  });

  it('closes the case on sign-off, sets the review 3 months later and tells the lead professional and referrer', async () => {
    expect((await propose()).status).toBe(302);
    const kase = await caseRow(id());
    expect((await post(manager, `/cases/${id()}/closure/sign-off`, { decision: 'approve' })).status).toBe(302);
    const closed = await caseRow(id());
    const due = formatISO(addMonths(parseISO(today()), 3), { representation: 'date' });
    expect(closed).toMatchObject({ status: 'closed', post_closure_review_due: due });
    expect(closed.closed_at).not.toBeNull();
    const leads = await db().selectFrom('case_lead_professionals').selectAll().where('case_id', '=', id()).execute();
    expect(leads.every((lead) => lead.to_date !== null)).toBe(true);
    const referrer = await db()
      .selectFrom('referrals')
      .innerJoin('users', 'users.id', 'referrals.created_by')
      .select('users.email')
      .where('referrals.id', '=', kase.referral_id)
      .executeTakeFirstOrThrow();
    const told = (await messages('case-closed')).filter((m) => m.referral_id === kase.referral_id);
    expect(told.map((m) => m.recipient).sort()).toEqual([demoEmail('practitioner'), referrer.email].sort());
    expect(told[0].personalisation).toMatchObject({ closure_reason: 'Needs met' });
    expect(await auditsOf(id(), 'sign off closure')).toHaveLength(1);
    // A closed case cannot be extended or proposed again.
    expect((await post(practitioner, `/cases/${id()}/closure/propose`, {})).status).toBe(409);
  });

  it('records the post-closure review on the closed case, early with a warning', async () => {
    const form = await practitioner.get(`/cases/${id()}/closure/review`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('This review is not due until');
    const missing = await post(practitioner, `/cases/${id()}/closure/review`, { suspensionsSince: 'two' });
    expect(missing.status).toBe(400);
    expect(missing.text).toContain('Suspensions since closure must be a whole number, 0 or more');
    const saved = await post(practitioner, `/cases/${id()}/closure/review`, {
      placementMaintained: 'yes',
      suspensionsSince: '0',
      reReferred: 'no',
      notes: 'Going well',
    });
    expect(saved.status).toBe(302);
    const closed = await caseRow(id());
    expect(closed.post_closure_review_on).toBe(today());
    const closure = await db()
      .selectFrom('case_closures')
      .selectAll()
      .where('case_id', '=', id())
      .executeTakeFirstOrThrow();
    expect(closure.review).toMatchObject({
      placementMaintained: true,
      suspensionsSince: 0,
      reReferred: false,
      notes: 'Going well',
      early: true,
    });
    const measures = await db()
      .selectFrom('case_measures')
      .selectAll()
      .where('case_id', '=', id())
      .where('point', '=', 'post-closure')
      .execute();
    expect(measures).toMatchObject([{ suspensions: 0, placement_kept: true }]);
    expect(await eventsOf(id(), 'post-closure-review')).toHaveLength(1);
    expect((await practitioner.get(`/cases/${id()}/closure`)).text).toContain('before it was due');
    expect(
      (
        await post(practitioner, `/cases/${id()}/closure/review`, {
          placementMaintained: 'yes',
          suspensionsSince: '0',
          reReferred: 'no',
        })
      ).status,
    ).toBe(409);
  });
});
