import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { demoEmail } from '../../demo/accounts.ts';
import { ROLES } from '../roles.ts';
import { changedFields } from './service.ts';

let t: TestApp;
let admin: Agent;
beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin', { marks: false })));
afterAll(() => t.close());

const PASSWORD = 'a long enough password';

/** A urlencoded body as a browser sends it: a repeated name for each ticked box or chosen select. */
function formBody(fields: Record<string, string | string[]>): string {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return body.toString();
}

async function post(agent: Agent, path: string, fields: Record<string, string | string[]> = {}) {
  return agent
    .post(path)
    .type('form')
    .send(formBody({ ...fields, _csrf: await csrfToken(agent) }));
}

let counter = 0;
function newUser(overrides: Record<string, string | string[]> = {}) {
  counter += 1;
  return {
    name: `Test Person ${counter}`,
    email: `person${counter}@example.test`,
    roles: ['practitioner'],
    password: PASSWORD,
    ...overrides,
  };
}

async function createUser(fields: Record<string, string | string[]>): Promise<number> {
  const response = await post(admin, '/admin/users/new', fields);
  expect(response.status, response.text).toBe(302);
  return Number(/\/admin\/users\/(\d+)$/.exec(response.headers.location)![1]);
}

const countUsers = async () =>
  Number(
    (
      await t.connection.db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const idOf = async (email: string) =>
  (await t.connection.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;

describe('adding a user', () => {
  it('creates a school user scoped to their school, who can sign in and sees only that school’s children', async () => {
    const [{ school_urn: urn }] = await t.connection.db
      .selectFrom('children')
      .select('school_urn')
      .groupBy('school_urn')
      .orderBy(sql`count(*)`, 'desc')
      .limit(1)
      .execute();
    const ours = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('school_urn', '=', urn)
      .executeTakeFirstOrThrow();
    const other = await t.connection.db
      .selectFrom('children')
      .selectAll()
      .where('school_urn', '!=', urn)
      .executeTakeFirstOrThrow();
    const fields = newUser({ roles: ['school_user'], schools: [String(urn), '', ''] });

    const response = await post(admin, '/admin/users/new', fields);
    expect(response.status).toBe(302);
    const page = await admin.get(response.headers.location);
    expect(page.text).toContain('User created');
    expect(page.text).toContain('School referrer');
    const created = await t.connection.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', fields.email as string)
      .executeTakeFirstOrThrow();
    expect(created.password_hash).not.toContain(PASSWORD);
    const scoped = await t.connection.db
      .selectFrom('user_schools')
      .select('school_urn')
      .where('user_id', '=', created.id)
      .execute();
    expect(scoped.map((row) => row.school_urn)).toEqual([urn]);
    const events = await t.connection.db
      .selectFrom('audit_events')
      .selectAll()
      .where('record_type', '=', 'user')
      .where('record_id', '=', String(created.id))
      .execute();
    expect(events.map((event) => event.action)).toContain('create');

    const schoolUser = await t.signIn(fields.email as string, PASSWORD);
    const children = await schoolUser.get('/children');
    expect(children.status).toBe(200);
    expect(children.text).toContain(`/children/${ours.id}"`);
    const search = await schoolUser.get(
      `/children?search=${encodeURIComponent(`${other.first_name} ${other.last_name}`)}`,
    );
    expect(search.text).not.toContain(`/children/${other.id}"`);
    expect((await schoolUser.get(`/children/${other.id}`)).status).toBe(404);
    expect((await schoolUser.get(`/children/${ours.id}`)).status).toBe(200);
  });

  it('rejects an email address already in use, whatever its case, and saves nothing', async () => {
    const before = await countUsers();
    const response = await post(admin, '/admin/users/new', newUser({ email: demoEmail('analyst').toUpperCase() }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('A user with this email address already exists');
    expect(response.text).toContain('href="#email"');
    expect(await countUsers()).toBe(before);
  });

  it.each([
    ['no role is chosen', { roles: [] }, 'Select at least one role', '#roles'],
    [
      'a school referrer has no school',
      { roles: ['school_user'], schools: ['', '', ''] },
      'Select the school this person works at',
      '#schools',
    ],
    [
      'the password is shorter than 12 characters',
      { password: 'elevenchars' },
      'Password must be 12 characters or more',
      '#password',
    ],
    ['the name is missing', { name: '  ' }, 'Enter the person’s full name', '#name'],
  ])('says what to fix when %s, keeps what was typed and saves nothing', async (_case, overrides, message, href) => {
    const before = await countUsers();
    const fields = newUser(overrides);
    const response = await post(admin, '/admin/users/new', fields);
    expect(response.status).toBe(400);
    expect(response.text).toContain(message);
    expect(response.text).toContain(`href="${href}"`);
    expect(response.text).toContain(`value="${fields.email}"`);
    expect(response.text).not.toContain(PASSWORD);
    expect(await countUsers()).toBe(before);
  });

  it('does not link a person to schools unless they are a school referrer', async () => {
    const id = await createUser(newUser({ roles: ['analyst'], schools: ['102317'] }));
    expect(await t.connection.db.selectFrom('user_schools').selectAll().where('user_id', '=', id).execute()).toEqual(
      [],
    );
  });
});

describe('listing users', () => {
  it('lists users with readable roles, their schools and status, and finds them by name or email', async () => {
    const all = await admin.get('/admin/users');
    expect(all.status).toBe(200);
    expect(all.text).toContain('Add a user');
    expect(all.text).toContain('Broadford Primary School');
    expect(all.text).toContain('Active');
    const triage = await admin.get(`/admin/users?search=${encodeURIComponent(demoEmail('triage_manager'))}`);
    expect(triage.text).toContain('Triage manager');
    const found = await admin.get(`/admin/users?search=${encodeURIComponent(demoEmail('finance_officer'))}`);
    expect(found.text).toContain('1 user matching your search');
    expect(found.text).toContain(`/admin/users/${await idOf(demoEmail('finance_officer'))}"`);
  });

  it('says so when a search finds nobody', async () => {
    const response = await admin.get('/admin/users?search=nobody-has-this-name');
    expect(response.status).toBe(200);
    expect(response.text).toContain('No users match ‘nobody-has-this-name’');
  });

  it('shows 25 users a page', async () => {
    for (let i = 0; i < 20; i++) {
      await t.connection.db
        .insertInto('users')
        .values({ name: `Paged user ${i}`, email: `paged${i}@example.test`, roles: ['analyst'], password_hash: 'x' })
        .execute();
    }
    const first = await admin.get('/admin/users');
    expect(first.text.match(/href="\/admin\/users\/\d+"/g)).toHaveLength(25);
    expect(first.text).toContain('page=2');
  });
});

describe('changing a user', () => {
  it('saves the change and audits which fields changed, never their values', async () => {
    const fields = newUser();
    const id = await createUser(fields);
    const response = await post(admin, `/admin/users/${id}/edit`, {
      ...fields,
      name: 'Renamed Person',
      roles: ['practitioner', 'analyst'],
    });
    expect(response.status).toBe(302);
    expect((await admin.get(`/admin/users/${id}`)).text).toContain('Renamed Person');
    const event = await t.connection.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'update')
      .where('record_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(event.details).toEqual({ changed: ['name', 'roles'] });
    expect(JSON.stringify(event.details)).not.toContain('Renamed');
  });

  it('keeps the rules of the add form, such as a unique email address', async () => {
    const id = await createUser(newUser());
    const response = await post(admin, `/admin/users/${id}/edit`, newUser({ email: demoEmail('team_manager') }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('A user with this email address already exists');
  });

  it('does not let an administrator remove their own administrator role', async () => {
    const id = await idOf(demoEmail('admin'));
    const response = await post(admin, `/admin/users/${id}/edit`, {
      name: 'Admin',
      email: demoEmail('admin'),
      roles: ['analyst'],
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('You cannot remove the administrator role from your own account');
  });

  it('names the fields an edit changed', () => {
    const before = {
      id: 1,
      name: 'A',
      email: 'a@x.test',
      roles: ['analyst' as const],
      disabled_at: null,
      last_sign_in_at: null,
      school_urns: [1, 2],
    };
    expect(changedFields(before, { name: 'A', email: 'a@x.test', roles: ['analyst'], schoolUrns: [2, 1] })).toEqual([]);
    expect(changedFields(before, { name: 'B', email: 'A@x.test', roles: ['admin'], schoolUrns: [] })).toEqual([
      'name',
      'email',
      'roles',
      'schools',
    ]);
  });
});

describe('disabling a user', () => {
  it('signs the person out at once and stops them signing in, until enabled again', async () => {
    const fields = newUser();
    const id = await createUser(fields);
    const person = await t.signIn(fields.email as string, PASSWORD);
    expect((await person.get('/')).status).toBe(200);

    const response = await post(admin, `/admin/users/${id}/disable`);
    expect(response.status).toBe(302);
    expect((await admin.get(`/admin/users/${id}`)).text).toContain('Disabled');
    expect((await person.get('/')).headers.location).toContain('/sign-in');
    await expect(t.signIn(fields.email as string, PASSWORD)).rejects.toThrow(/failed with 401/);
    const actions = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', String(id))
      .execute();
    expect(actions.map((row) => row.action)).toContain('disable');

    expect((await post(admin, `/admin/users/${id}/enable`)).status).toBe(302);
    await expect(t.signIn(fields.email as string, PASSWORD)).resolves.toBeTruthy();
  });

  it('does not let an administrator disable their own account', async () => {
    const id = await idOf(demoEmail('admin'));
    const response = await post(admin, `/admin/users/${id}/disable`);
    expect(response.status).toBe(400);
    expect(response.text).toContain('You cannot disable your own account');
    const user = await t.connection.db
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(user.disabled_at).toBeNull();
  });
});

describe('resetting a password', () => {
  it('sets a new password, signs the person out and audits it', async () => {
    const fields = newUser();
    const id = await createUser(fields);
    const person = await t.signIn(fields.email as string, PASSWORD);

    const short = await post(admin, `/admin/users/${id}/reset-password`, { password: 'too short' });
    expect(short.status).toBe(400);
    expect(short.text).toContain('Password must be 12 characters or more');

    const newPassword = 'another long password';
    expect((await post(admin, `/admin/users/${id}/reset-password`, { password: newPassword })).status).toBe(302);
    expect((await person.get('/')).headers.location).toContain('/sign-in');
    await expect(t.signIn(fields.email as string, PASSWORD)).rejects.toThrow(/failed with 401/);
    await expect(t.signIn(fields.email as string, newPassword)).resolves.toBeTruthy();
    const actions = await t.connection.db
      .selectFrom('audit_events')
      .select('action')
      .where('record_id', '=', String(id))
      .execute();
    expect(actions.map((row) => row.action)).toContain('reset password');
  });
});

describe('who may manage users', () => {
  it('gives 404 for a user that does not exist', async () => {
    for (const path of [
      '/admin/users/999999',
      '/admin/users/999999/edit',
      '/admin/users/999999/reset-password',
      '/admin/users/not-a-number',
    ]) {
      expect((await admin.get(path)).status).toBe(404);
    }
    expect((await post(admin, '/admin/users/999999/disable')).status).toBe(404);
  });

  it('refuses every user page to everyone but administrators', async () => {
    const target = await idOf(demoEmail('analyst'));
    for (const role of ROLES.filter((r) => r !== 'admin')) {
      const agent = await t.signIn(role);
      const pages = [
        '/admin/users',
        '/admin/users/new',
        `/admin/users/${target}`,
        `/admin/users/${target}/edit`,
        `/admin/users/${target}/reset-password`,
      ];
      for (const path of pages) {
        expect((await agent.get(path)).status, `${role} GET ${path}`).toBe(403);
      }
      const actions = [
        'new',
        `${target}/edit`,
        `${target}/disable`,
        `${target}/enable`,
        `${target}/reset-password`,
      ].map((end) => `/admin/users/${end}`);
      for (const path of actions) {
        expect((await post(agent, path, newUser())).status, `${role} POST ${path}`).toBe(403);
      }
    }
    const analyst = await t.connection.db
      .selectFrom('users')
      .select('disabled_at')
      .where('id', '=', target)
      .executeTakeFirstOrThrow();
    expect(analyst.disabled_at).toBeNull();
  });
});
