import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { TEMPLATES, type TemplateName } from './platform/notify/templates.ts';
import { notifyApiKeyFrom } from './platform/notify/api-key.ts';
import type { BackOffLimits } from './platform/auth/back-off.ts';
import { signInMethodsFrom, type SignInMethods } from './platform/auth/oidc/settings.ts';
import { parseNow } from './platform/clock.ts';

/** Sign-in methods (`oidc`, `localPasswords`, `breakGlassEmail`): see src/platform/auth/oidc/settings.ts. */
export interface Config extends SignInMethods {
  port: number;
  /** NODE_ENV=production: the service refuses to start on settings unsafe for real data (src/config-check.ts). */
  production: boolean;
  /** Whether an empty database becomes the demo borough (the default) or a council's live instance (DEMO=off). */
  demo: boolean;
  /** The embedded database in production, for one machine and trials (ALLOW_EMBEDDED_IN_PRODUCTION=true). */
  allowEmbeddedInProduction: boolean;
  /** The address people use to reach the service (SERVICE_URL), for links made outside a request such as password links. */
  serviceUrl: string;
  databaseUrl?: string;
  dataDir: string;
  /** Where uploaded files wait while they are imported: the service's own folder, emptied at start. */
  uploadDir: string;
  sessionSecret: string;
  /** Whether SESSION_SECRET was given, rather than made up for this start. */
  sessionSecretGiven: boolean;
  /** Minutes of inactivity after which a signed-in user is signed out. */
  idleTimeoutMinutes: number;
  /** Cookies marked Secure; on when the service sits behind TLS. */
  secureCookies: boolean;
  /** Reverse proxies in front of the service whose `X-Forwarded-*` headers are believed (0: none). */
  trustProxy: number;
  demoPassword?: string;
  logLevel: string;
  /** Failed sign-ins before further attempts must wait (src/platform/auth/back-off.ts). */
  signInLimit: BackOffLimits;
  /** GOV.UK Notify; without it no messages are sent and they wait in the administrators' outbox. */
  notifyApiKey?: string;
  /** Notify template IDs, one environment variable per template (its `envVar` in src/platform/notify/templates.ts). */
  notifyTemplateIds: Partial<Record<TemplateName, string>>;
  /** NOW as given, to start the clock at a fixed moment (src/platform/clock.ts); refused in production. */
  nowSetting?: string;
  /** The moment NOW names, or undefined when NOW is unset or unreadable. */
  now?: Date;
  /** NOW_SINCE: the real moment (milliseconds since 1970) at which the clock showed NOW. */
  nowSince?: number;
}

/** Every setting, typed, read once from the environment with safe defaults. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  return {
    port,
    production: env.NODE_ENV === 'production',
    demo: !['off', 'false', 'no', '0'].includes((env.DEMO ?? '').trim().toLowerCase()),
    allowEmbeddedInProduction: env.ALLOW_EMBEDDED_IN_PRODUCTION === 'true',
    serviceUrl: (env.SERVICE_URL || `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? 'data/pglite'),
    uploadDir: resolve(env.UPLOAD_DIR ?? join(tmpdir(), 'inclusion-hub-uploads')),
    // Without SESSION_SECRET a new random secret is made each start, so sessions end on restart.
    sessionSecret: env.SESSION_SECRET || randomBytes(32).toString('hex'),
    sessionSecretGiven: Boolean(env.SESSION_SECRET),
    idleTimeoutMinutes: Number(env.IDLE_TIMEOUT_MINUTES ?? 30),
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: proxyHops(env.TRUST_PROXY),
    demoPassword: env.DEMO_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    signInLimit: {
      perAccount: Number(env.SIGN_IN_LIMIT_PER_ACCOUNT ?? 5),
      perIp: Number(env.SIGN_IN_LIMIT_PER_IP ?? 50),
    },
    notifyApiKey: notifyApiKeyFrom(env.NOTIFY_API_KEY),
    notifyTemplateIds: Object.fromEntries(
      Object.entries(TEMPLATES).map(([name, t]) => [name, env[t.envVar] || undefined]),
    ),
    nowSetting: env.NOW || undefined,
    now: env.NOW ? parseNow(env.NOW) : undefined,
    nowSince: env.NOW_SINCE ? Number(env.NOW_SINCE) : undefined,
    ...signInMethodsFrom(env),
  };
}

/** TRUST_PROXY: a number of proxies; `true` is one and `false` or unset none (anything else is NaN). */
function proxyHops(value: string | undefined): number {
  if (!value || value === 'false') return 0;
  if (value === 'true') return 1;
  return /^\d+$/.test(value) ? Number(value) : NaN;
}
