import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
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
        sql<number[]>`coalesce((select array_agg(school_urn order by school_urn) from user_schools where user_id = users.id), '{}')`.as(
          'school_urns',
        ),
      ]);

  return {
    findForSignIn(email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'password_hash', 'disabled_at'])
        .where(sql`lower(email)`, '=', email.trim().toLowerCase())
        .executeTakeFirst();
    },

    async findActive(id: number): Promise<CurrentUser | undefined> {
      const row = await withSchools().where('users.id', '=', id).where('users.disabled_at', 'is', null).executeTakeFirst();
      return row && { id: row.id, name: row.name, email: row.email, roles: row.roles as Role[], schoolUrns: row.school_urns };
    },

    async find(id: number): Promise<UserRow | undefined> {
      return (await withSchools().where('users.id', '=', id).executeTakeFirst()) as UserRow | undefined;
    },

    async list(page: number, search?: string) {
      let query = withSchools();
      let count = db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('count'));
      if (search) {
        const pattern = `%${search.toLowerCase()}%`;
        query = query.where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(email)`, 'like', pattern)]));
        count = count.where((eb) => eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`lower(email)`, 'like', pattern)]));
      }
      const [rows, total] = await Promise.all([
        query.orderBy('users.name').limit(USERS_PAGE_SIZE).offset((page - 1) * USERS_PAGE_SIZE).execute(),
        count.executeTakeFirstOrThrow(),
      ]);
      return { rows: rows as UserRow[], total: Number(total.count) };
    },

    async emailTaken(email: string, exceptId?: number): Promise<boolean> {
      let query = db.selectFrom('users').select('id').where(sql`lower(email)`, '=', email.toLowerCase());
      if (exceptId) query = query.where('id', '!=', exceptId);
      return Boolean(await query.executeTakeFirst());
    },

    recordSignIn(id: number) {
      return db.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', id).execute();
    },
  };
}

export type UsersRepository = ReturnType<typeof usersRepository>;
