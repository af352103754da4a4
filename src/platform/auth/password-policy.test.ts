import { describe, expect, it } from 'vitest';
import { PASSWORD_MESSAGES, passwordProblem } from './password-policy.ts';

describe('the password rules (NCSC password guidance)', () => {
  it('refuses a password on the common passwords list, whatever its case', () => {
    for (const common of ['password1234', '123456789012', 'PASSWORD1234', 'qwertyuiop12'])
      expect(passwordProblem(common)).toBe(PASSWORD_MESSAGES.common);
  });

  it('refuses a common password with numbers or symbols added before or after it', () => {
    for (const padded of ['Password123!', '2026football!', 'sunshine!!!!2'])
      expect(passwordProblem(padded)).toBe(PASSWORD_MESSAGES.commonPadded);
  });

  it('refuses one short group of characters repeated', () => {
    for (const repeated of ['aaaaaaaaaaaa', 'abcabcabcabc', 'xy12xy12xy12'])
      expect(passwordProblem(repeated)).toBe(PASSWORD_MESSAGES.repeated);
  });

  it('refuses a password that includes the email address or the part before the @, whatever its case', () => {
    const email = 'jordan.kensington@example.test';
    expect(passwordProblem('my jordan.kensington@example.test', email)).toBe(PASSWORD_MESSAGES.email);
    expect(passwordProblem('Jordan.Kensington-2026', email)).toBe(PASSWORD_MESSAGES.email);
    expect(passwordProblem('JORDANKENSINGTON and more', email)).toBe(PASSWORD_MESSAGES.email);
    expect(passwordProblem('Jordan likes long walks', email)).toBeUndefined();
  });

  it('keeps the length rule: 12 characters or more, 200 or fewer', () => {
    expect(passwordProblem('elevenchars')).toBe(PASSWORD_MESSAGES.tooShort);
    expect(passwordProblem('x'.repeat(199) + 'y!')).toBe(PASSWORD_MESSAGES.tooLong);
  });

  it('accepts a long passphrase or a random password that is none of these', () => {
    for (const good of ['correct horse battery staple', 'kettle-orbit-lantern-9', 'q7Zp2LmX9vRb'])
      expect(passwordProblem(good, 'someone@example.test')).toBeUndefined();
  });
});
