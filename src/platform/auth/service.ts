import type { Db } from '../../db/connection.ts';
import type { Config } from '../../config.ts';
import { audit } from '../audit/audit.ts';
import { usersRepository } from '../users/repository.ts';
import { decoyHash, verifyPassword } from './passwords.ts';
import { admitAttempt, recordSuccess } from './attempts.ts';
import type { Clock } from '../clock.ts';

export type SignInResult =
  { outcome: 'signed-in'; userId: number } | { outcome: 'wrong-details' } | { outcome: 'wait'; seconds: number };

export function authService(db: Db, config: Config, clock: Clock) {
  const users = usersRepository(db);

  return {
    async signIn(rawEmail: string, password: string, ip: string): Promise<SignInResult> {
      const email = rawEmail.trim().toLowerCase();
      const now = clock.now();
      const admission = await admitAttempt(db, email, ip, now, config.signInLimit);
      if ('waitSeconds' in admission) return { outcome: 'wait', seconds: admission.waitSeconds };
      const user = await users.findForSignIn(email);
      const valid = await verifyPassword(user?.password_hash ?? (await decoyHash()), password);
      const succeeded = Boolean(user && valid && !user.disabled_at);
      await db.transaction().execute(async (trx) => {
        if (succeeded) await recordSuccess(trx, admission.attemptId);
        await audit(
          trx,
          { userId: succeeded ? user!.id : null, ip },
          { action: succeeded ? 'sign-in' : 'sign-in failed', recordType: 'user', recordId: user?.id ?? null },
        );
        if (succeeded)
          await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user!.id).execute();
      });
      return succeeded ? { outcome: 'signed-in', userId: user!.id } : { outcome: 'wrong-details' };
    },

    async signOut(userId: number, ip: string | null): Promise<void> {
      await audit(db, { userId, ip }, { action: 'sign-out', recordType: 'user', recordId: userId });
    },

    currentUser: users.findActive,

    /** The time now, from the clock the service was given. */
    now: () => clock.now(),
  };
}

export type AuthService = ReturnType<typeof authService>;
