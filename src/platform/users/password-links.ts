import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { hashPassword } from '../auth/passwords.ts';
import type { Clock } from '../clock.ts';
import { usersRepository } from './repository.ts';
import type { PasswordLinkPurpose } from './schema.ts';

/**
 * One-time links to set a password, for a new account or a forgotten password. The link carries
 * a random secret (32 bytes, base64url); only its SHA-256 is stored, so the table cannot be used
 * to sign in as anyone. A link lasts 24 hours, works once, and stops working when a newer link is
 * issued for the same person.
 */
export const PASSWORD_LINK_HOURS = 24;
const LINK_LIFETIME_MS = PASSWORD_LINK_HOURS * 60 * 60 * 1000;

/** Why a link cannot be used. */
export type LinkRefusal = 'unknown' | 'expired' | 'used' | 'replaced';

export interface UsableLink {
  id: number;
  userId: number;
  purpose: PasswordLinkPurpose;
  name: string;
  email: string;
}

export type LinkState = { usable: true; link: UsableLink } | { usable: false; reason: LinkRefusal };

const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The address a person opens to set their password. */
export function setPasswordUrl(serviceUrl: string, token: string): string {
  return `${serviceUrl.replace(/\/+$/, '')}/set-password/${token}`;
}

/** Whether a stored link may be used now: used, then replaced, then expired, in that order. */
export function linkRefusal(
  link: { used_at: Date | null; expires_at: Date; newest: boolean } | undefined,
  now: Date,
): LinkRefusal | undefined {
  if (!link) return 'unknown';
  if (link.used_at) return 'used';
  if (!link.newest) return 'replaced';
  if (link.expires_at.getTime() <= now.getTime()) return 'expired';
  return undefined;
}

export function passwordLinksService(db: Db, clock: Clock) {
  const users = usersRepository(db);

  async function find(token: string) {
    if (!TOKEN_FORMAT.test(token)) return undefined;
    return db
      .selectFrom('password_links as link')
      .innerJoin('users', 'users.id', 'link.user_id')
      .select([
        'link.id',
        'link.user_id',
        'link.purpose',
        'link.expires_at',
        'link.used_at',
        'users.name',
        'users.email',
      ])
      .select(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('password_links as newer')
              .select('newer.id')
              .whereRef('newer.user_id', '=', 'link.user_id')
              .whereRef('newer.id', '>', 'link.id'),
          ),
        )
          .$castTo<boolean>()
          .as('newest'),
      )
      .where('link.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
  }

  async function check(token: string): Promise<LinkState> {
    const row = await find(token);
    const reason = linkRefusal(row, clock.now());
    if (reason || !row) return { usable: false, reason: reason ?? 'unknown' };
    return {
      usable: true,
      link: { id: row.id, userId: row.user_id, purpose: row.purpose, name: row.name, email: row.email },
    };
  }

  return {
    check,

    /** A new link for the person, which replaces any earlier one; returns the secret to put in the link. */
    async issue(
      actor: Actor,
      userId: number,
      purpose: PasswordLinkPurpose,
    ): Promise<{ token: string; expiresAt: Date }> {
      const token = randomBytes(32).toString('base64url');
      const createdAt = clock.now();
      const expiresAt = new Date(createdAt.getTime() + LINK_LIFETIME_MS);
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('password_links')
          .values({
            user_id: userId,
            token_hash: tokenHash(token),
            purpose,
            created_at: createdAt,
            expires_at: expiresAt,
            created_by: actor.userId,
          })
          .execute();
        await audit(trx, actor, {
          action: 'issue password link',
          recordType: 'user',
          recordId: userId,
          details: { purpose },
        });
      });
      return { token, expiresAt };
    },

    /**
     * Sets the password the link is for (already checked against the password rules), marks the
     * link used and ends the person's sessions everywhere. Refused, changing nothing, when the
     * link cannot be used, including when another request used it first.
     */
    async use(token: string, password: string, ip: string | null): Promise<LinkState> {
      const state = await check(token);
      if (!state.usable) return state;
      const { link } = state;
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      const done = await db.transaction().execute(async (trx) => {
        const marked = await trx
          .updateTable('password_links')
          .set({ used_at: now })
          .where('id', '=', link.id)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('password_links as newer')
                  .select('newer.id')
                  .where('newer.user_id', '=', link.userId)
                  .where('newer.id', '>', link.id),
              ),
            ),
          )
          .returning('id')
          .executeTakeFirst();
        if (!marked) return false;
        await users.setPassword(trx, link.userId, passwordHash);
        await users.endSessions(trx, link.userId);
        const entry = {
          action: 'set password with link',
          recordType: 'user',
          recordId: link.userId,
          details: { purpose: link.purpose },
        };
        await audit(trx, { userId: link.userId, ip }, entry);
        return true;
      });
      if (done) return state;
      // Another request used the link (or a newer one was issued) between the check and now.
      const after = await check(token);
      return after.usable ? { usable: false, reason: 'used' } : after;
    },
  };
}

export type PasswordLinksService = ReturnType<typeof passwordLinksService>;
