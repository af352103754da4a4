import { sql } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../clock.ts';
import { audit } from '../../audit/audit.ts';
import type { CouncilAccountClaims } from './client.ts';

/** An account that might belong to the person signing in. */
export interface Candidate {
  id: number;
  disabled: boolean;
  /** The council account it is linked to, if any. */
  linked: boolean;
}

export type AccountMatch =
  | { outcome: 'signed-in'; userId: number; link: boolean }
  | { outcome: 'no-account' }
  | { outcome: 'disabled'; userId: number }
  | { outcome: 'linked-to-another'; userId: number };

/**
 * Who is signing in. The account already linked to this council account (issuer and subject)
 * is theirs. Otherwise an account an administrator created with the same email address,
 * not yet linked to any council account, is theirs, and is linked now; an email the provider
 * says is not verified is not used. A linked account is never taken over by another council
 * account with the same email. Nobody gets an account by signing in, and a disabled account
 * cannot sign in.
 */
export function matchCouncilAccount(
  claims: CouncilAccountClaims,
  bySubject: Candidate | undefined,
  byEmail: Candidate | undefined,
): AccountMatch {
  if (bySubject)
    return bySubject.disabled
      ? { outcome: 'disabled', userId: bySubject.id }
      : { outcome: 'signed-in', userId: bySubject.id, link: false };
  if (!byEmail || !claims.email || claims.emailVerified === false) return { outcome: 'no-account' };
  if (byEmail.linked) return { outcome: 'linked-to-another', userId: byEmail.id };
  if (byEmail.disabled) return { outcome: 'disabled', userId: byEmail.id };
  return { outcome: 'signed-in', userId: byEmail.id, link: true };
}

const METHOD = { method: 'single sign-on' };

export function singleSignOnService(db: Db, clock: Clock) {
  const candidates = () =>
    db
      .selectFrom('users')
      .leftJoin('council_account_links as link', 'link.user_id', 'users.id')
      .select([
        'users.id',
        sql<boolean>`users.disabled_at is not null`.as('disabled'),
        sql<boolean>`link.user_id is not null`.as('linked'),
      ]);

  async function refuse(ip: string, reason: string, userId: number | null): Promise<void> {
    await audit(
      db,
      { userId: null, ip },
      { action: 'sign-in failed', recordType: 'user', recordId: userId, details: { ...METHOD, reason } },
    );
  }

  return {
    /** Finds the person's account, links it at their first sign-on, and audits the outcome. */
    async signIn(claims: CouncilAccountClaims, ip: string): Promise<AccountMatch> {
      const bySubject = await candidates()
        .where('link.issuer', '=', claims.issuer)
        .where('link.subject', '=', claims.subject)
        .executeTakeFirst();
      const byEmail = claims.email
        ? await candidates()
            .where(sql`lower(users.email)`, '=', claims.email.trim().toLowerCase())
            .executeTakeFirst()
        : undefined;
      const match = matchCouncilAccount(claims, bySubject, byEmail);
      if (match.outcome !== 'signed-in') {
        await refuse(ip, match.outcome, match.outcome === 'no-account' ? null : match.userId);
        return match;
      }
      const now = clock.now();
      const linked = await db.transaction().execute(async (trx) => {
        if (match.link) {
          const added = await trx
            .insertInto('council_account_links')
            .values({ user_id: match.userId, issuer: claims.issuer, subject: claims.subject, linked_at: now })
            .onConflict((oc) => oc.doNothing())
            .returning('user_id')
            .executeTakeFirst();
          // Another sign-in linked the account (or the council account) first.
          if (!added) return false;
          await audit(
            trx,
            { userId: match.userId, ip },
            { action: 'council account linked', recordType: 'user', recordId: match.userId },
          );
        }
        await audit(
          trx,
          { userId: match.userId, ip },
          { action: 'sign-in', recordType: 'user', recordId: match.userId, details: METHOD },
        );
        await trx.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', match.userId).execute();
        return true;
      });
      if (linked) return match;
      await refuse(ip, 'linked-to-another', match.userId);
      return { outcome: 'linked-to-another', userId: match.userId };
    },

    /** A sign-on that failed before anyone could be told apart (an expired request, a token refused). */
    recordFailure(ip: string, reason: string): Promise<void> {
      return refuse(ip, reason, null);
    },

    /** An administrator unlinks an account (say the person's council account was recreated); it links again at their next sign-on. */
    async unlink(actor: { userId: number | null; ip: string | null }, userId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const removed = await trx.deleteFrom('council_account_links').where('user_id', '=', userId).executeTakeFirst();
        if (Number(removed.numDeletedRows) === 0) return false;
        await audit(trx, actor, { action: 'council account unlinked', recordType: 'user', recordId: userId });
        return true;
      });
    },
  };
}

export type SingleSignOnService = ReturnType<typeof singleSignOnService>;
