import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { Scope } from '../platform/roles.ts';
import { inScope } from '../platform/scope.ts';

export const CHILDREN_PAGE_SIZE = 25;

type Reader = Db | Transaction<Database>;

export function childrenRepository() {
  return {
    async list(db: Reader, scope: Scope, search: string | undefined, page: number) {
      let query = inScope(
        db.selectFrom('children').innerJoin('schools', 'schools.urn', 'children.school_urn'),
        scope,
        'children.school_urn',
      );
      if (search) {
        const pattern = `%${search.toLowerCase()}%`;
        query = query.where((eb) =>
          eb.or([
            eb(sql`lower(children.first_name || ' ' || children.last_name)`, 'like', pattern),
            eb(sql`lower(children.upn)`, '=', search.toLowerCase()),
          ]),
        );
      }
      const [rows, total] = await Promise.all([
        query
          .select([
            'children.id',
            'children.first_name',
            'children.last_name',
            'children.date_of_birth',
            'children.year_group',
            'schools.urn as school_urn',
            'schools.name as school_name',
          ])
          .orderBy('children.last_name')
          .orderBy('children.first_name')
          .orderBy('children.id')
          .limit(CHILDREN_PAGE_SIZE)
          .offset((page - 1) * CHILDREN_PAGE_SIZE)
          .execute(),
        query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },

    find(db: Reader, scope: Scope, id: number) {
      return inScope(
        db.selectFrom('children').innerJoin('schools', 'schools.urn', 'children.school_urn'),
        scope,
        'children.school_urn',
      )
        .selectAll('children')
        .select(['schools.name as school_name'])
        .where('children.id', '=', id)
        .executeTakeFirst();
    },

    carers(db: Reader, childId: number) {
      return db.selectFrom('carers').selectAll().where('child_id', '=', childId).orderBy('id').execute();
    },
  };
}
