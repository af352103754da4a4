// The team's accounts and the profile the team manager sets for each practitioner.
import { sql, type Updateable } from 'kysely';
import type { DbOrTrx } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';

/** Every active account with the practitioner or senior practitioner role, with its profile if set. */
export function teamRows(db: DbOrTrx) {
  return db
    .selectFrom('users')
    .leftJoin('practitioners', 'practitioners.user_id', 'users.id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.roles',
      'practitioners.practitioner_type',
      'practitioners.fte',
      'practitioners.max_caseload',
    ])
    .where(sql<boolean>`users.roles && array['practitioner', 'senior_practitioner']::text[]`)
    .where('users.disabled_at', 'is', null)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute();
}

/** Sets (or first records) a practitioner's type, hours and maximum caseload. */
export async function saveProfileRow(
  db: DbOrTrx,
  userId: number,
  values: Required<
    Pick<
      Updateable<Database['practitioners']>,
      'practitioner_type' | 'fte' | 'max_caseload' | 'updated_by' | 'updated_at'
    >
  >,
) {
  await db
    .insertInto('practitioners')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}
