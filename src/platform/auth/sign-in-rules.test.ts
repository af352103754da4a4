import { describe, expect, it } from 'vitest';
import { matchCouncilAccount, type Candidate } from './oidc/service.ts';
import { passwordSignInAllowed, signInMethodsFrom } from './oidc/settings.ts';
import { tooManyWrongCodes, twoFactorRequired } from './two-factor/service.ts';
import { pendingSignInExpired } from './sign-in-session.ts';
import { recoveryCodeTyped } from './two-factor/recovery-codes.ts';

const claims = {
  issuer: 'https://login.example/tenant/v2.0',
  subject: 'abc',
  email: 'sam@council.example',
  emailVerified: true,
};
const account = (id: number, extra: Partial<Candidate> = {}): Candidate => ({
  id,
  disabled: false,
  linked: false,
  ...extra,
});

describe('matching a council account to an account in the service', () => {
  it('signs in the account already linked to the council account’s subject, whatever the email', () => {
    expect(
      matchCouncilAccount({ ...claims, email: 'new.name@council.example' }, account(1, { linked: true }), undefined),
    ).toEqual({ outcome: 'signed-in', userId: 1, link: false });
  });

  it('links an account with the same email, not yet linked, at its first sign-in', () => {
    expect(matchCouncilAccount(claims, undefined, account(2))).toEqual({ outcome: 'signed-in', userId: 2, link: true });
  });

  it('never hands an account linked to one council account to another with the same email', () => {
    expect(matchCouncilAccount(claims, undefined, account(2, { linked: true }))).toEqual({
      outcome: 'linked-to-another',
      userId: 2,
    });
  });

  it('gives nobody an account by signing in, and does not match an unverified or missing email', () => {
    expect(matchCouncilAccount(claims, undefined, undefined)).toEqual({ outcome: 'no-account' });
    expect(matchCouncilAccount({ ...claims, emailVerified: false }, undefined, account(2))).toEqual({
      outcome: 'no-account',
    });
    expect(matchCouncilAccount({ ...claims, email: undefined }, undefined, account(2))).toEqual({
      outcome: 'no-account',
    });
  });

  it('refuses a disabled account, linked or not', () => {
    expect(matchCouncilAccount(claims, account(1, { linked: true, disabled: true }), undefined)).toEqual({
      outcome: 'disabled',
      userId: 1,
    });
    expect(matchCouncilAccount(claims, undefined, account(2, { disabled: true }))).toEqual({
      outcome: 'disabled',
      userId: 2,
    });
  });
});

describe('sign-in settings from the environment', () => {
  const oidc = {
    OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
    OIDC_CLIENT_ID: 'id',
    OIDC_CLIENT_SECRET: 'secret',
    OIDC_REDIRECT_URL: 'https://hub.council.example/sign-in/sso/callback',
  };

  it('turns single sign-on on only with all four OIDC settings, and says which are missing', () => {
    expect(signInMethodsFrom({}).oidc).toBeUndefined();
    expect(signInMethodsFrom(oidc).oidc).toMatchObject({ issuer: oidc.OIDC_ISSUER, clientId: 'id' });
    expect(() => signInMethodsFrom({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(
      'OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URL not set',
    );
  });

  it('needs https, except to a provider on this machine, and the service’s callback address', () => {
    expect(() => signInMethodsFrom({ ...oidc, OIDC_ISSUER: 'http://login.example' })).toThrow(
      'OIDC_ISSUER must start with https://',
    );
    expect(signInMethodsFrom({ ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' }).oidc).toBeDefined();
    expect(() => signInMethodsFrom({ ...oidc, OIDC_REDIRECT_URL: 'https://hub.council.example/callback' })).toThrow(
      '/sign-in/sso/callback',
    );
  });

  it('switches local passwords off only when single sign-on is on, keeping the break-glass administrator', () => {
    expect(() => signInMethodsFrom({ LOCAL_PASSWORDS: 'off' })).toThrow('LOCAL_PASSWORDS=off needs single sign-on');
    expect(() => signInMethodsFrom({ ...oidc, LOCAL_PASSWORDS: 'no' })).toThrow('LOCAL_PASSWORDS must be on or off');
    const methods = signInMethodsFrom({
      ...oidc,
      LOCAL_PASSWORDS: 'off',
      BREAK_GLASS_EMAIL: 'Emergency.Admin@council.example',
    });
    expect(passwordSignInAllowed(methods, 'emergency.admin@council.example')).toBe(true);
    expect(passwordSignInAllowed(methods, 'someone@council.example')).toBe(false);
    expect(passwordSignInAllowed(signInMethodsFrom(oidc), 'someone@council.example')).toBe(true);
  });
});

describe('two-factor rules', () => {
  it('is required of administrators always, and of everyone when the setting says so', () => {
    expect(twoFactorRequired(['admin'], 'administrators')).toBe(true);
    expect(twoFactorRequired(['practitioner', 'admin'], 'administrators')).toBe(true);
    expect(twoFactorRequired(['practitioner'], 'administrators')).toBe(false);
    expect(twoFactorRequired(['practitioner'], 'everyone')).toBe(true);
  });

  it('stops taking codes after 10 wrong ones within 15 minutes of the first', () => {
    const since = new Date('2026-01-05T09:00:00Z');
    const at = (minutes: number) => new Date(since.getTime() + minutes * 60_000);
    expect(tooManyWrongCodes({ failed_codes: 9, failing_since: since }, at(1))).toBe(false);
    expect(tooManyWrongCodes({ failed_codes: 10, failing_since: since }, at(14))).toBe(true);
    expect(tooManyWrongCodes({ failed_codes: 10, failing_since: since }, at(15))).toBe(false);
  });

  it('gives 10 minutes from the password to the code', () => {
    const pending = { userId: 1, returnTo: '/', since: Date.parse('2026-01-05T09:00:00Z'), mustSetUp: false };
    expect(pendingSignInExpired(pending, new Date('2026-01-05T09:10:00Z'))).toBe(false);
    expect(pendingSignInExpired(pending, new Date('2026-01-05T09:10:01Z'))).toBe(true);
  });

  it('reads a recovery code typed with spaces, hyphens or small letters', () => {
    expect(recoveryCodeTyped('abcde-fg234')).toBe('ABCDEFG234');
    expect(recoveryCodeTyped(' ABCDE FG234 ')).toBe('ABCDEFG234');
    expect(recoveryCodeTyped('123456')).toBeUndefined();
  });
});
