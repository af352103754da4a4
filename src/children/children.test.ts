import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../demo/accounts.ts';
import { ageOn, isValidUpn, makeUpn, upnCheckLetter } from './rules.ts';

let t: TestApp;
let ownChild: { id: number; first_name: string; last_name: string };
let otherChild: { id: number; first_name: string; last_name: string };

beforeAll(async () => {
  t = await createTestApp({}, { marks: false });
  const db = t.connection.db;
  ownChild = await db
    .selectFrom('children')
    .select(['id', 'first_name', 'last_name'])
    .where('school_urn', '=', DEMO_SCHOOL_URN)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  otherChild = await db
    .selectFrom('children')
    .select(['id', 'first_name', 'last_name'])
    .where('school_urn', '!=', DEMO_SCHOOL_URN)
    .orderBy('id')
    .executeTakeFirstOrThrow();
});
afterAll(() => t.close());

const auditRows = (action: string, recordId?: number) => {
  let query = t.connection.db
    .selectFrom('audit_events')
    .selectAll()
    .where('record_type', '=', 'child')
    .where('action', '=', action);
  if (recordId) query = query.where('record_id', '=', String(recordId));
  return query.execute();
};

describe('a school user sees only their own school’s children', () => {
  it('lists only children at their school', async () => {
    const agent = await t.signIn('school_user');
    const page = await agent.get('/children');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/children/${ownChild.id}"`);
    expect(page.text).not.toContain(`/children/${otherChild.id}"`);
    const { count } = await t.connection.db
      .selectFrom('children')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('school_urn', '=', 102317)
      .executeTakeFirstOrThrow();
    expect(page.text).toContain(`${count} children`);
  });

  it('cannot open another school’s child, even by typing the address, and learns nothing about it', async () => {
    const agent = await t.signIn('school_user');
    const response = await agent.get(`/children/${otherChild.id}`);
    expect(response.status).toBe(404);
    expect(response.text).not.toContain(otherChild.last_name);
  });

  it('finds nothing from another school by name search', async () => {
    const agent = await t.signIn('school_user');
    const page = await agent.get(
      `/children?search=${encodeURIComponent(`${otherChild.first_name} ${otherChild.last_name}`)}`,
    );
    expect(page.text).not.toContain(`/children/${otherChild.id}"`);
  });

  it('a practitioner can see children at any school', async () => {
    const agent = await t.signIn('practitioner');
    expect((await agent.get(`/children/${otherChild.id}`)).status).toBe(200);
  });

  it('roles that do not work with children get 403', async () => {
    const agent = await t.signIn('finance_officer');
    expect((await agent.get('/children')).status).toBe(403);
  });
});

describe('every read of a child’s record is audited', () => {
  it('records who viewed which child, and from where', async () => {
    const agent = await t.signIn('triage_manager');
    const page = await agent.get(`/children/${ownChild.id}`);
    expect(page.text).toContain(ownChild.last_name);
    const [event] = await auditRows('view', ownChild.id);
    const user = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', 'like', 'triage_manager@%')
      .executeTakeFirstOrThrow();
    expect(event.user_id).toBe(user.id);
    expect(event.ip).toBeTruthy();
  });

  it('records which children a list showed', async () => {
    const agent = await t.signIn('school_user');
    await agent.get('/children?search=zzz-no-match');
    const events = await auditRows('list');
    const last = events.at(-1)!;
    expect(last.details).toMatchObject({ ids: [], searched: true });
  });

  it('does not audit a child the user was refused', async () => {
    const agent = await t.signIn('school_user');
    await agent.get(`/children/${otherChild.id}`);
    const school = await t.connection.db
      .selectFrom('users')
      .select('id')
      .where('email', 'like', 'school_user@%')
      .executeTakeFirstOrThrow();
    const events = (await auditRows('view', otherChild.id)).filter((e) => e.user_id === school.id);
    expect(events).toEqual([]);
  });
});

describe('pupil records', () => {
  it('accepts a UPN whose check letter is right and rejects one whose check letter is wrong (DfE UPN guidance)', () => {
    const upn = makeUpn(311, '2007', 2019, 42);
    expect(upn).toHaveLength(13);
    expect(isValidUpn(upn)).toBe(true);
    const wrong = (upn[0] === 'A' ? 'B' : 'A') + upn.slice(1);
    expect(isValidUpn(wrong)).toBe(false);
    expect(isValidUpn('A12345')).toBe(false);
    expect(upnCheckLetter('000000000000')).toBe('A');
  });

  it('gives every demo child a valid UPN', async () => {
    const rows = await t.connection.db.selectFrom('children').select('upn').execute();
    expect(rows.every((row) => row.upn && isValidUpn(row.upn))).toBe(true);
  });

  it('works out age in whole years, counting the birthday itself', () => {
    expect(ageOn('2016-11-25', '2026-11-25')).toBe(10);
    expect(ageOn('2016-11-26', '2026-11-25')).toBe(9);
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
  });
});
