import type { Db, DbOrTrx } from '../../../db/connection.ts';

/** Two-factor secrets and recovery codes. */
export function twoFactorRepository(db: Db) {
  return {
    find(userId: number) {
      return db.selectFrom('two_factor_secrets').selectAll().where('user_id', '=', userId).executeTakeFirst();
    },

    /** A secret being set up, replacing any earlier one that was never confirmed. */
    async saveUnconfirmed(userId: number, secret: string, now: Date): Promise<void> {
      await db
        .insertInto('two_factor_secrets')
        .values({ user_id: userId, secret, created_at: now })
        .onConflict((oc) =>
          oc
            .column('user_id')
            .doUpdateSet({ secret, created_at: now, last_step: null })
            .where('two_factor_secrets.confirmed_at', 'is', null),
        )
        .execute();
    },

    /** Turns two-factor on with its first code's time step and new recovery codes. */
    async confirm(
      trx: DbOrTrx,
      userId: number,
      step: number | null,
      codeHashes: string[],
      now: Date,
    ): Promise<boolean> {
      const done = await trx
        .updateTable('two_factor_secrets')
        .set({ confirmed_at: now, last_step: step, failed_codes: 0, failing_since: null })
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      if (codeHashes.length)
        await trx
          .insertInto('two_factor_recovery_codes')
          .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
          .execute();
      return true;
    },

    /**
     * Records the time step of an accepted code, only if it is after the last one: two requests
     * with the same code at once cannot both succeed.
     */
    async useStep(trx: DbOrTrx, userId: number, step: number): Promise<boolean> {
      const done = await trx
        .updateTable('two_factor_secrets')
        .set({ last_step: step, failed_codes: 0, failing_since: null })
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
        .executeTakeFirst();
      return Number(done.numUpdatedRows) === 1;
    },

    async recordWrongCode(trx: DbOrTrx, userId: number, failedCodes: number, failingSince: Date): Promise<void> {
      await trx
        .updateTable('two_factor_secrets')
        .set({ failed_codes: failedCodes, failing_since: failingSince })
        .where('user_id', '=', userId)
        .execute();
    },

    unusedRecoveryCodes(userId: number) {
      return db
        .selectFrom('two_factor_recovery_codes')
        .select(['id', 'code_hash'])
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .orderBy('id')
        .execute();
    },

    /** Marks a recovery code used, once: false when another request used it first. */
    async useRecoveryCode(trx: DbOrTrx, userId: number, id: number, now: Date): Promise<boolean> {
      const done = await trx
        .updateTable('two_factor_recovery_codes')
        .set({ used_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) return false;
      await trx
        .updateTable('two_factor_secrets')
        .set({ failed_codes: 0, failing_since: null })
        .where('user_id', '=', userId)
        .execute();
      return true;
    },

    /** Removes the secret and recovery codes: the person sets two-factor up again. */
    async remove(trx: DbOrTrx, userId: number): Promise<boolean> {
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      const done = await trx.deleteFrom('two_factor_secrets').where('user_id', '=', userId).executeTakeFirst();
      return Number(done.numDeletedRows) > 0;
    },
  };
}

export type TwoFactorRepository = ReturnType<typeof twoFactorRepository>;
