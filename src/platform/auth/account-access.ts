import type { Db } from '../../db/connection.ts';

/** How an account signs in, for the administrator's page about it. */
export interface AccountAccess {
  twoFactorOn: boolean;
  councilAccountLinkedAt: Date | null;
}

export function accountAccessService(db: Db) {
  return {
    async of(userId: number): Promise<AccountAccess> {
      const [secret, link] = await Promise.all([
        db.selectFrom('two_factor_secrets').select('confirmed_at').where('user_id', '=', userId).executeTakeFirst(),
        db.selectFrom('council_account_links').select('linked_at').where('user_id', '=', userId).executeTakeFirst(),
      ]);
      return { twoFactorOn: Boolean(secret?.confirmed_at), councilAccountLinkedAt: link?.linked_at ?? null };
    },
  };
}
