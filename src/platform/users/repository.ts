import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import type { CurrentUser, Role } from '../roles.ts';

export interface UserRow {
  id: number;
  email: string;
  name: string;
  roles: Role[];
  disabled_at: Date | null;
  last_sign_in_at: Date | null;
  school_urns: number[];
}

export const USERS_PAGE_SIZE = 25;

/** The details an administrator sets on an account. */
export interface UserDetails {
  name: string;
  email: string;
  roles: Role[];
  schoolUrns: number[];
}

type Writer = Transaction<Database>;

export function usersRepository(db: Db) {
  const withSchools = () =>
    db
      .selectFrom('users')
      .select([
        'users.id',
        'users.email',
        'users.name',
        'users.roles',
        'users.disabled_at',
        'users.last_sign_in_at',
        sql<
          number[]
        >`coalesce((select array_agg(school_urn order by school_urn) from user_schools where user_id = users.id), '{}')`.as(
          'school_urns',
        ),
      ]);

  async function setSchools(trx: Writer, id: number, urns: number[]): Promise<void> {
    await trx.deleteFrom('user_schools').where('user_id', '=', id).execute();
    if (urns.length)
      await trx
        .insertInto('user_schools')
        .values(urns.map((urn) => ({ user_id: id, school_urn: urn })))
        .execute();
  }

  return {
    findForSignIn(email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'password_hash', 'disabled_at'])
        .where(sql`lower(email)`, '=', email.trim().toLowerCase())
        .executeTakeFirst();
    },

    async findActive(id: number): Promise<CurrentUser | undefined> {
      const row = await withSchools()
        .where('users.id', '=', id)
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      return (
        row && { id: row.id, name: row.name, email: row.email, roles: row.roles as Role[], schoolUrns: row.school_urns }
      );
    },

    async find(id: number): Promise<UserRow | undefined> {
      return (await withSchools().where('users.id', '=', id).executeTakeFirst()) as UserRow | undefined;
    },

    async list(page: number, search?: string) {
      let query = withSchools();
      let count = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count'));
      if (search) {
        const pattern = `%${search.toLowerCase()}%`;
        query = query.where((eb) =>
          eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(email)`, 'like', pattern)]),
        );
        count = count.where((eb) =>
          eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(email)`, 'like', pattern)]),
        );
      }
      const [rows, total] = await Promise.all([
        query
          .orderBy('users.name')
          .limit(USERS_PAGE_SIZE)
          .offset((page - 1) * USERS_PAGE_SIZE)
          .execute(),
        count.executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as UserRow[], total: Number(total.count) };
    },

    async emailTaken(email: string, exceptId?: number): Promise<boolean> {
      let query = db
        .selectFrom('users')
        .select('id')
        .where(sql`lower(email)`, '=', email.toLowerCase());
      if (exceptId) query = query.where('id', '!=', exceptId);
      return Boolean(await query.executeTakeFirst());
    },

    async schoolsExist(urns: number[]): Promise<boolean> {
      if (urns.length === 0) return true;
      const found = await db.selectFrom('schools').select('urn').where('urn', 'in', urns).execute();
      return found.length === new Set(urns).size;
    },

    async create(trx: Writer, details: UserDetails, passwordHash: string): Promise<number> {
      const { id } = await trx
        .insertInto('users')
        .values({ name: details.name, email: details.email, roles: details.roles, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await setSchools(trx, id, details.schoolUrns);
      return id;
    },

    async update(trx: Writer, id: number, details: UserDetails): Promise<void> {
      await trx
        .updateTable('users')
        .set({ name: details.name, email: details.email, roles: details.roles })
        .where('id', '=', id)
        .execute();
      await setSchools(trx, id, details.schoolUrns);
    },

    /** Disables the account as from `at`, or enables it again when `at` is null. */
    async setDisabled(trx: Writer, id: number, at: Date | null): Promise<void> {
      await trx.updateTable('users').set({ disabled_at: at }).where('id', '=', id).execute();
    },

    async setPassword(trx: Writer, id: number, passwordHash: string): Promise<void> {
      await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },

    /** Ends every session the user has, so they are signed out on their next request. */
    async endSessions(trx: Writer, id: number): Promise<void> {
      await trx
        .deleteFrom('sessions')
        .where(sql`sess->>'userId'`, '=', String(id))
        .execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
