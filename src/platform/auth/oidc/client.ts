/**
 * The OpenID Connect relying party, with openid-client: the authorization code flow with PKCE,
 * `state` and `nonce` (OpenID Connect Core 1.0 §3.1), and the ID token's signature, issuer,
 * audience, expiry and nonce checked (§3.1.3.7). Nothing here reads or keeps the token itself
 * beyond the claims the service uses.
 */
import * as client from 'openid-client';
import { isLoopbackHttp, type OidcSettings } from './settings.ts';

/** What the browser must bring back to the callback, kept in the session meanwhile. */
export interface AuthorizationChecks {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The claims the service uses from a checked ID token. */
export interface CouncilAccountClaims {
  issuer: string;
  subject: string;
  email?: string;
  emailVerified?: boolean;
}

/** Why single sign-on failed, in the terms the person is told. */
export type SsoFailure = 'expired' | 'token' | 'provider-down' | 'cancelled';

/**
 * Sorts an error from openid-client: the provider unreachable or failing (network, time-out,
 * a 5xx or a reply that is not JSON), the person cancelling at the provider, a code already used
 * (start again), and everything else — a token that failed a check — refused.
 */
export function ssoFailureOf(error: unknown): SsoFailure {
  if (error instanceof client.AuthorizationResponseError) return 'cancelled';
  if (error instanceof client.ResponseBodyError) {
    if (error.status >= 500) return 'provider-down';
    return error.error === 'invalid_grant' ? 'expired' : 'token';
  }
  if (error instanceof TypeError) return 'provider-down';
  const code = (error as { code?: string }).code;
  if (
    code &&
    ['OAUTH_TIMEOUT', 'OAUTH_ABORT', 'OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON'].includes(code)
  )
    return 'provider-down';
  return 'token';
}

const SCOPE = 'openid email';

export function oidcClient(settings: OidcSettings) {
  let discovered: Promise<client.Configuration> | undefined;

  /** The provider's metadata and keys, fetched once and kept; fetched again after a failure. */
  function configuration(): Promise<client.Configuration> {
    if (!discovered) {
      const issuer = new URL(settings.issuer);
      discovered = client.discovery(
        issuer,
        settings.clientId,
        undefined,
        client.ClientSecretBasic(settings.clientSecret),
        {
          execute: [
            client.enableNonRepudiationChecks,
            ...(isLoopbackHttp(issuer) ? [client.allowInsecureRequests] : []),
          ],
          timeout: 10,
        },
      );
      discovered.catch(() => (discovered = undefined));
    }
    return discovered;
  }

  return {
    /** Where to send the person to sign in, and the checks to keep until they come back. */
    async authorizationRequest(): Promise<{ url: URL; checks: AuthorizationChecks }> {
      const config = await configuration();
      const checks = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: settings.redirectUrl,
        scope: SCOPE,
        state: checks.state,
        nonce: checks.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(checks.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url, checks };
    },

    /** Exchanges the code for tokens and checks the ID token; throws when anything is wrong. */
    async finish(callbackUrl: URL, checks: AuthorizationChecks): Promise<CouncilAccountClaims> {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new client.ClientError('no ID token');
      // A provider may give the email address from its UserInfo endpoint rather than in the ID token
      // (OpenID Connect Core 1.0 §5.4); the library checks that it is about the same subject.
      const info =
        typeof claims.email !== 'string' && config.serverMetadata().userinfo_endpoint
          ? await client.fetchUserInfo(config, tokens.access_token, claims.sub)
          : claims;
      return {
        issuer: claims.iss,
        subject: claims.sub,
        email: typeof info.email === 'string' ? info.email : undefined,
        emailVerified: typeof info.email_verified === 'boolean' ? info.email_verified : undefined,
      };
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;
