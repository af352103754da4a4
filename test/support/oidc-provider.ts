/**
 * A real OpenID Connect provider (the `oidc-provider` package) on 127.0.0.1 at a random port, for
 * signing in through it in tests: one client, accounts the test adds, an accessible login page,
 * and a way to change the next ID token on its way from the token endpoint to the service — its
 * signature broken, or claims changed and signed again with the provider's own key.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

export interface ProviderAccount {
  /** What the person types as their username at the provider. */
  login: string;
  sub: string;
  email: string;
  emailVerified?: boolean;
}

/** Claims to change and sign again with the provider's key, or claims to change leaving the old signature. */
export type IdTokenChange = { resign: Record<string, unknown> } | { tamper: Record<string, unknown> };

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount(account: ProviderAccount): void;
  /** Changes the next ID token the token endpoint sends. */
  alterNextIdToken(change: IdTokenChange): void;
  stop(): Promise<void>;
}

export const PROVIDER_PASSWORD = 'council password';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error?: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Sign in – Test council</title></head>
<body><main><h1>Sign in to your council account</h1>
${error ? `<p role="alert" id="error">${escape(error)}</p>` : ''}
<form method="post" action="/interaction/${escape(uid)}">
<p><label for="login">Username</label><br><input id="login" name="login" autocomplete="username"></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password"></p>
<p><button type="submit">Sign in</button></p>
</form></main></body></html>`;
}

const base64url = (value: Buffer | string) => Buffer.from(value).toString('base64url');

export async function startTestProvider(redirectUris: string[]): Promise<TestProvider> {
  const accounts = new Map<string, ProviderAccount>();
  let nextChange: IdTokenChange | undefined;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = 'test-key';

  /** Changes a token's claims and signs it again with the provider's key, or leaves the old signature (which then does not match). */
  function alter(idToken: string, change: IdTokenChange): string {
    const [header, payload, signature] = idToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    if ('tamper' in change)
      return [header, base64url(JSON.stringify({ ...claims, ...change.tamper })), signature].join('.');
    const signed = `${base64url(JSON.stringify({ alg: 'RS256', kid, typ: 'JWT' }))}.${base64url(JSON.stringify({ ...claims, ...change.resign }))}`;
    return `${signed}.${base64url(createSign('RSA-SHA256').update(signed).sign(privateKey))}`;
  }

  const app = express();
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'inclusion-hub';
  const clientSecret = randomBytes(24).toString('hex');

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] as never },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    features: { devInteractions: { enabled: false } },
    pkce: { required: () => true },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Grant: 600, Session: 600 },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = [...accounts.values()].find((candidate) => candidate.sub === sub);
      return (
        account && {
          accountId: sub,
          claims: () => ({ sub, email: account.email, email_verified: account.emailVerified ?? true }),
        }
      );
    },
    // The service is the council's own application: no consent screen.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result } = ctx.oidc;
      const grantId = result?.consent?.grantId ?? session!.grantIdFor(client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client!.clientId, accountId: session!.accountId! });
      grant.addOIDCScope('openid email');
      await grant.save();
      return grant;
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error – Test council</title></head><body><main><h1>Something went wrong</h1><p>${escape(String(out.error))}</p></main></body></html>`;
    },
  });

  app.get('/interaction/:uid', async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    res.type('html').send(loginPage(details.uid));
  });
  app.post('/interaction/:uid', express.urlencoded({ extended: false }), async (req, res) => {
    const details = await provider.interactionDetails(req, res);
    const account = accounts.get(String(req.body.login ?? ''));
    if (!account || req.body.password !== PROVIDER_PASSWORD)
      return res.type('html').send(loginPage(details.uid, 'The username or password is not right'));
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.sub } },
      { mergeWithLastSubmission: false },
    );
  });
  // Changes the token endpoint's answer as it leaves, when a test asked for it.
  app.use((req, res, next) => {
    const change = nextChange;
    if (req.method !== 'POST' || req.path !== '/token' || !change) return next();
    nextChange = undefined;
    const end = res.end.bind(res) as (body: string) => ServerResponse;
    (res as unknown as { end: (chunk: Buffer | string) => ServerResponse }).end = (chunk) => {
      const body = JSON.parse(chunk.toString());
      if (body.id_token) body.id_token = alter(body.id_token, change);
      const text = JSON.stringify(body);
      res.setHeader('content-length', Buffer.byteLength(text));
      return end(text);
    };
    next();
  });
  app.use(provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (account) => accounts.set(account.login, account),
    alterNextIdToken: (change) => (nextChange = change),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
