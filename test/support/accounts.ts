import type { Db } from '../../src/db/connection.ts';
import { hashPassword } from '../../src/platform/auth/passwords.ts';
import type { Role } from '../../src/platform/roles.ts';
import { TEST_PASSWORD } from './constants.ts';

/** An account with the test password, for databases without the demo's accounts. */
export async function addAccount(
  db: Db,
  account: { email: string; name?: string; roles: Role[]; schoolUrns?: number[] },
): Promise<number> {
  const { id } = await db
    .insertInto('users')
    .values({
      email: account.email,
      name: account.name ?? account.email.split('@')[0]!,
      roles: account.roles,
      password_hash: await hashPassword(TEST_PASSWORD),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (account.schoolUrns?.length)
    await db
      .insertInto('user_schools')
      .values(account.schoolUrns.map((urn) => ({ user_id: id, school_urn: urn })))
      .execute();
  return id;
}
