import type { Db } from '../../db/connection.ts';
import type { Config } from '../../config.ts';
import { audit } from '../audit/audit.ts';
import { usersRepository } from '../users/repository.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

export type SignInResult = { outcome: 'signed-in'; userId: number } | { outcome: 'wrong-details' } | { outcome: 'locked' };

/** Too many failed attempts on one account, or from one address, within the window. */
export function isLockedOut(failures: { account: number; ip: number }, limit: Config['signInLimit']): boolean {
  return failures.account >= limit.perAccount || failures.ip >= limit.perIp;
}

export function authService(db: Db, config: Config) {
  const users = usersRepository(db);

  async function recentFailures(email: string, ip: string) {
    const since = new Date(Date.now() - config.signInLimit.windowMinutes * 60 * 1000);
    const row = await db
      .selectFrom('sign_in_attempts')
      .select((eb) => [
        eb.fn.count<number>('id').filterWhere('email', '=', email).as('account'),
        eb.fn.count<number>('id').filterWhere('ip', '=', ip).as('ip'),
      ])
      .where('succeeded', '=', false)
      .where('at', '>', since)
      .executeTakeFirstOrThrow();
    return { account: Number(row.account), ip: Number(row.ip) };
  }

  return {
    async signIn(rawEmail: string, password: string, ip: string): Promise<SignInResult> {
      const email = rawEmail.trim().toLowerCase();
      if (isLockedOut(await recentFailures(email, ip), config.signInLimit)) return { outcome: 'locked' };
      const user = await users.findForSignIn(email);
      const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
      const succeeded = Boolean(user && valid && !user.disabled_at);
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('sign_in_attempts').values({ email, ip, succeeded }).execute();
        await audit(
          trx,
          { userId: succeeded ? user!.id : null, ip },
          { action: succeeded ? 'sign-in' : 'sign-in failed', recordType: 'user', recordId: user?.id ?? null },
        );
        if (succeeded) await trx.updateTable('users').set({ last_sign_in_at: new Date() }).where('id', '=', user!.id).execute();
      });
      return succeeded ? { outcome: 'signed-in', userId: user!.id } : { outcome: 'wrong-details' };
    },

    async signOut(userId: number, ip: string | null): Promise<void> {
      await audit(db, { userId, ip }, { action: 'sign-out', recordType: 'user', recordId: userId });
    },

    currentUser: users.findActive,
  };
}

export type AuthService = ReturnType<typeof authService>;
