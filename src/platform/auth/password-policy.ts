/**
 * What makes a password acceptable wherever one is set (an administrator adding a person or
 * resetting their password, the demo accounts): long enough, not one attackers try first, and
 * not built from the person's email address. No rules about mixing kinds of character, which
 * make passwords harder to remember without making them harder to guess.
 *
 * The common passwords are the list shipped in @zxcvbn-ts/language-common (about 49,000
 * passwords seen most often in breaches), read once, with no network.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary['passwords-common'].map((password) => password.toLowerCase()),
);

/** Shorter than this, part of an email address is too ordinary to rule out in a password. */
const MIN_EMAIL_PART = 3;
/** A common password padded with numbers or symbols counts only when the word itself is at least this long. */
const MIN_COMMON_CORE = 4;

export const PASSWORD_MESSAGES = {
  tooShort: `Password must be ${PASSWORD_MIN_LENGTH} characters or more`,
  tooLong: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  common:
    'Enter a password that is harder to guess: this one is on a list of common passwords that attackers try first',
  commonPadded: 'Enter a password that is harder to guess: this one is a common password with numbers or symbols added',
  repeated: 'Enter a password that is harder to guess: this one repeats the same few characters',
  email: 'Enter a password that does not include the email address or the part before the @',
} as const;

/** Whether the password is one short group of characters said again and again, like 'abcabcabcabc'. */
function isRepeated(password: string): boolean {
  return /^(.{1,4})\1+$/su.test(password);
}

/** The parts of an email address a password must not include: the address and the part before the @. */
function emailParts(email: string): string[] {
  const address = email.trim().toLowerCase();
  const local = address.split('@')[0] ?? '';
  return [address, local, local.replace(/[._+-]/g, '')].filter((part) => part.length >= MIN_EMAIL_PART);
}

/**
 * Why a password cannot be used, in words for the person choosing it; undefined when it can.
 * `email` is the address of the account the password is for.
 */
export function passwordProblem(password: string, email?: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_MESSAGES.tooShort;
  if (password.length > PASSWORD_MAX_LENGTH) return PASSWORD_MESSAGES.tooLong;
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return PASSWORD_MESSAGES.common;
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (core !== lower && core.length >= MIN_COMMON_CORE && COMMON_PASSWORDS.has(core))
    return PASSWORD_MESSAGES.commonPadded;
  if (isRepeated(password)) return PASSWORD_MESSAGES.repeated;
  if (email && emailParts(email).some((part) => lower.includes(part))) return PASSWORD_MESSAGES.email;
  return undefined;
}
