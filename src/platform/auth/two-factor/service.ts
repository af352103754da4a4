import type { Db } from '../../../db/connection.ts';
import type { Clock } from '../../clock.ts';
import type { Role } from '../../roles.ts';
import { audit, type Actor } from '../../audit/audit.ts';
import { readSetting } from '../../settings/service.ts';
import type { SettingValue } from '../../settings/settings.ts';
import { usersRepository } from '../../users/repository.ts';
import { twoFactorRepository } from './repository.ts';
import { hashRecoveryCodes, matchingRecoveryCode, newRecoveryCodes, recoveryCodeTyped } from './recovery-codes.ts';
import { checkTotpCode, newTotpSecret } from './totp.ts';
import { isAdministrator } from '../../policies.ts';

export type TwoFactorRequiredFor = SettingValue<'two-factor-required-for'>;

/** Administrators always; everyone who signs in with a password when the setting says so. */
export function twoFactorRequired(roles: readonly Role[], requiredFor: TwoFactorRequiredFor): boolean {
  return requiredFor === 'everyone' || isAdministrator(roles);
}

/** At most 10 wrong codes in 15 minutes for one person (NIST SP 800-63B §5.2.2 rate limiting). */
export const WRONG_CODE_LIMIT = { codes: 10, windowMinutes: 15 } as const;

interface WrongCodes {
  failed_codes: number;
  failing_since: Date | null;
}

/** Wrong codes typed in the window that is still running (none once it has passed). */
export function wrongCodesInWindow(state: WrongCodes, now: Date): number {
  if (!state.failing_since) return 0;
  const windowEnds = state.failing_since.getTime() + WRONG_CODE_LIMIT.windowMinutes * 60 * 1000;
  return now.getTime() < windowEnds ? state.failed_codes : 0;
}

export function tooManyWrongCodes(state: WrongCodes, now: Date): boolean {
  return wrongCodesInWindow(state, now) >= WRONG_CODE_LIMIT.codes;
}

export const CODE_MESSAGES = {
  missing: 'Enter the code from your authenticator app',
  format: 'Enter the 6-digit code from your authenticator app, or a recovery code',
  setUpFormat: 'Enter the 6-digit code from your authenticator app',
  wrong: 'The code is not correct or has expired. Enter the code your app shows now',
  reused: 'That code has already been used. Wait for your app to show a new code, then enter it',
  wrongRecovery: 'The recovery code is not correct or has already been used',
  tooMany: `You have entered too many wrong codes. Wait ${WRONG_CODE_LIMIT.windowMinutes} minutes, then try again`,
} as const;

export type CodeOutcome = { ok: true; recoveryCodesLeft?: number } | { ok: false; message: string };

const typedCode = (typed: string) => typed.replace(/\s/g, '');

export function twoFactorService(db: Db, clock: Clock) {
  const secrets = twoFactorRepository(db);
  const users = usersRepository(db);

  async function wrongCode(actor: Actor, userId: number, state: WrongCodes, message: string): Promise<CodeOutcome> {
    const now = clock.now();
    const count = wrongCodesInWindow(state, now);
    await db.transaction().execute(async (trx) => {
      await secrets.recordWrongCode(trx, userId, count + 1, count === 0 ? now : state.failing_since!);
      await audit(trx, actor, { action: 'two-factor failed', recordType: 'user', recordId: userId });
    });
    return { ok: false, message };
  }

  async function checkRecoveryCode(
    actor: Actor,
    userId: number,
    state: WrongCodes,
    code: string,
  ): Promise<CodeOutcome> {
    const unused = await secrets.unusedRecoveryCodes(userId);
    const id = await matchingRecoveryCode(unused, code);
    if (id === undefined) return wrongCode(actor, userId, state, CODE_MESSAGES.wrongRecovery);
    const used = await db.transaction().execute(async (trx) => {
      if (!(await secrets.useRecoveryCode(trx, userId, id, clock.now()))) return false;
      await audit(
        trx,
        { userId, ip: actor.ip },
        { action: 'recovery code used', recordType: 'user', recordId: userId },
      );
      return true;
    });
    return used
      ? { ok: true, recoveryCodesLeft: unused.length - 1 }
      : { ok: false, message: CODE_MESSAGES.wrongRecovery };
  }

  return {
    /** After the right password: signed in, or a code to type, or two-factor to set up first. */
    async nextStep(userId: number): Promise<'signed-in' | 'code' | 'set-up'> {
      const secret = await secrets.find(userId);
      if (secret?.confirmed_at) return 'code';
      const user = await users.find(userId);
      const required = user && twoFactorRequired(user.roles, await readSetting(db, 'two-factor-required-for'));
      return required ? 'set-up' : 'signed-in';
    },

    /** The secret to show while setting up (the same one until it is confirmed), with the person's email for the app's label. */
    async setUpDetails(userId: number): Promise<{ secret: string; email: string } | undefined> {
      const user = await users.find(userId);
      if (!user) return undefined;
      let row = await secrets.find(userId);
      if (row?.confirmed_at) return undefined;
      if (!row) {
        await secrets.saveUnconfirmed(userId, newTotpSecret(), clock.now());
        row = await secrets.find(userId);
      }
      return row && { secret: row.secret, email: user.email };
    },

    /** Turns two-factor on with a first code from the app; gives the recovery codes, to show once. */
    async confirmSetUp(
      ip: string | null,
      userId: number,
      typed: string,
    ): Promise<{ ok: true; recoveryCodes: string[] } | { ok: false; message: string }> {
      const code = typedCode(typed);
      if (!code) return { ok: false, message: CODE_MESSAGES.missing };
      if (!/^\d{6}$/.test(code)) return { ok: false, message: CODE_MESSAGES.setUpFormat };
      const row = await secrets.find(userId);
      if (!row || row.confirmed_at) return { ok: false, message: CODE_MESSAGES.wrong };
      const check = checkTotpCode(row.secret, code, clock.now(), row.last_step);
      if (!check.ok) return { ok: false, message: CODE_MESSAGES[check.reason] };
      const recoveryCodes = newRecoveryCodes();
      const hashes = await hashRecoveryCodes(recoveryCodes);
      const confirmed = await db.transaction().execute(async (trx) => {
        if (!(await secrets.confirm(trx, userId, check.step, hashes, clock.now()))) return false;
        await audit(trx, { userId, ip }, { action: 'two-factor set up', recordType: 'user', recordId: userId });
        return true;
      });
      return confirmed ? { ok: true, recoveryCodes } : { ok: false, message: CODE_MESSAGES.reused };
    },

    /** The second step of signing in: a code from the app, or one of the recovery codes. */
    async checkCode(ip: string | null, userId: number, typed: string): Promise<CodeOutcome> {
      // Failures are recorded against the account with no one as the actor, as for a wrong password.
      const actor: Actor = { userId: null, ip };
      const code = typedCode(typed);
      if (!code) return { ok: false, message: CODE_MESSAGES.missing };
      const recoveryCode = recoveryCodeTyped(code);
      if (!/^\d{6}$/.test(code) && !recoveryCode) return { ok: false, message: CODE_MESSAGES.format };
      const row = await secrets.find(userId);
      if (!row?.confirmed_at) return { ok: false, message: CODE_MESSAGES.wrong };
      if (tooManyWrongCodes(row, clock.now())) return { ok: false, message: CODE_MESSAGES.tooMany };
      if (recoveryCode) return checkRecoveryCode(actor, userId, row, recoveryCode);
      const check = checkTotpCode(row.secret, code, clock.now(), row.last_step);
      if (!check.ok) return wrongCode(actor, userId, row, CODE_MESSAGES[check.reason]);
      const accepted = await db.transaction().execute(async (trx) => {
        if (!(await secrets.useStep(trx, userId, check.step))) return false;
        await audit(trx, { userId, ip }, { action: 'two-factor passed', recordType: 'user', recordId: userId });
        return true;
      });
      return accepted ? { ok: true } : { ok: false, message: CODE_MESSAGES.reused };
    },

    /**
     * An administrator turns a person's two-factor off (a lost phone): they set it up again at
     * their next sign-in, if it is required of them. Their sessions end, as with a new password.
     */
    async reset(actor: Actor, userId: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        if (!(await secrets.remove(trx, userId))) return false;
        if (actor.userId !== userId) await users.endSessions(trx, userId);
        await audit(trx, actor, { action: 'two-factor reset', recordType: 'user', recordId: userId });
        return true;
      });
    },
  };
}

export type TwoFactorService = ReturnType<typeof twoFactorService>;
