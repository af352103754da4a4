/**
 * Recovery codes: ten single-use codes for when the authenticator app is not to hand, shown once
 * and kept only as argon2 hashes (each 50 random bits, so salted and slow to hash, as NIST SP
 * 800-63B §5.1.2.2 asks of look-up secrets under 112 bits).
 */
import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../passwords.ts';
import { base32Encode } from './totp.ts';

export const RECOVERY_CODE_COUNT = 10;

/** Ten characters of base32 (no 0, 1, 8 or 9 to mistake for letters), shown as two groups of five. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const code = base32Encode(randomBytes(7)).slice(0, 10);
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** What was typed, without spaces or hyphens, in capitals; undefined when it cannot be a recovery code. */
export function recoveryCodeTyped(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z2-7]{10}$/.test(code) ? code : undefined;
}

export function hashRecoveryCodes(codes: string[]): Promise<string[]> {
  return Promise.all(codes.map((code) => hashPassword(recoveryCodeTyped(code)!)));
}

/** The id of the stored code this one matches, if any. */
export async function matchingRecoveryCode(
  stored: { id: number; code_hash: string }[],
  code: string,
): Promise<number | undefined> {
  for (const row of stored) {
    if (await verifyPassword(row.code_hash, code)) return row.id;
  }
  return undefined;
}
