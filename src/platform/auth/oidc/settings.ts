/**
 * How people may sign in, from the environment: single sign-on with the council's OpenID Connect
 * provider (all four OIDC_ settings, or none), and whether local passwords stay on.
 */

export interface OidcSettings {
  /** The provider's issuer identifier, as its discovery document gives it. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** This service's address followed by OIDC_CALLBACK_PATH, registered at the provider. */
  redirectUrl: string;
}

export interface SignInMethods {
  /** Single sign-on; undefined when not configured. */
  oidc?: OidcSettings;
  /** When false (LOCAL_PASSWORDS=off), only the break-glass account may sign in with a password. */
  localPasswords: boolean;
  /** The emergency administrator account that may still sign in with a password (and a code). */
  breakGlassEmail?: string;
}

export const OIDC_CALLBACK_PATH = '/sign-in/sso/callback';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http only to this machine (a provider run for tests); everything else must be https. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK.has(url.hostname);
}

function secureUrl(name: string, value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a full address, like https://login.microsoftonline.com/<tenant id>/v2.0`);
  }
  if (url.protocol !== 'https:' && !isLoopbackHttp(url)) throw new Error(`${name} must start with https://`);
  return url;
}

export function oidcSettingsFrom(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const values = {
    OIDC_ISSUER: env.OIDC_ISSUER?.trim(),
    OIDC_CLIENT_ID: env.OIDC_CLIENT_ID?.trim(),
    OIDC_CLIENT_SECRET: env.OIDC_CLIENT_SECRET,
    OIDC_REDIRECT_URL: env.OIDC_REDIRECT_URL?.trim(),
  };
  const missing = Object.entries(values)
    .filter(([, value]) => !value)
    .map(([name]) => name);
  if (missing.length === 4) return undefined;
  if (missing.length)
    throw new Error(
      `Single sign-on needs OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL; ${missing.join(', ')} not set`,
    );
  secureUrl('OIDC_ISSUER', values.OIDC_ISSUER!);
  const redirect = secureUrl('OIDC_REDIRECT_URL', values.OIDC_REDIRECT_URL!);
  if (redirect.pathname !== OIDC_CALLBACK_PATH || redirect.search || redirect.hash) {
    throw new Error(`OIDC_REDIRECT_URL must be this service's address followed by ${OIDC_CALLBACK_PATH}`);
  }
  return {
    issuer: values.OIDC_ISSUER!,
    clientId: values.OIDC_CLIENT_ID!,
    clientSecret: values.OIDC_CLIENT_SECRET!,
    redirectUrl: redirect.href,
  };
}

export function signInMethodsFrom(env: NodeJS.ProcessEnv): SignInMethods {
  const oidc = oidcSettingsFrom(env);
  const local = (env.LOCAL_PASSWORDS ?? 'on').trim().toLowerCase();
  if (local !== 'on' && local !== 'off') throw new Error('LOCAL_PASSWORDS must be on or off');
  if (local === 'off' && !oidc)
    throw new Error('LOCAL_PASSWORDS=off needs single sign-on (the OIDC_ settings), or nobody could sign in');
  const breakGlassEmail = env.BREAK_GLASS_EMAIL?.trim().toLowerCase() || undefined;
  if (breakGlassEmail && !/^[^\s@]+@[^\s@]+$/.test(breakGlassEmail))
    throw new Error('BREAK_GLASS_EMAIL must be an email address');
  return { oidc, localPasswords: local === 'on', breakGlassEmail };
}

/** With local passwords off, only the break-glass account may sign in with a password. */
export function passwordSignInAllowed(methods: SignInMethods, email: string): boolean {
  return (
    methods.localPasswords ||
    (methods.breakGlassEmail !== undefined && email.trim().toLowerCase() === methods.breakGlassEmail)
  );
}

export const PASSWORDS_OFF_MESSAGE =
  'Sign in with your council account. Only the emergency administrator account can sign in with a password';
