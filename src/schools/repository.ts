import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export const PHASES = ['Primary', 'Secondary', 'Special', 'PRU/AP'] as const;

export interface SchoolFilter {
  phase?: string;
  search?: string;
}

export function schoolsRepository(db: Db) {
  return {
    list(filter: SchoolFilter) {
      let query = db.selectFrom('schools').selectAll();
      if (filter.phase) query = query.where('phase', '=', filter.phase);
      if (filter.search) {
        const pattern = `%${filter.search.toLowerCase()}%`;
        query = query.where((eb) =>
          eb.or([eb(sql`lower(name)`, 'like', pattern), eb(sql`urn::text`, 'like', pattern)]),
        );
      }
      return query
        .orderBy(sql`name is null`)
        .orderBy('name')
        .orderBy('urn')
        .execute();
    },
    find(urn: number) {
      return db.selectFrom('schools').selectAll().where('urn', '=', urn).executeTakeFirst();
    },
    names(urns: number[]) {
      if (urns.length === 0) return Promise.resolve([]);
      return db.selectFrom('schools').select(['urn', 'name']).where('urn', 'in', urns).orderBy('name').execute();
    },
  };
}
