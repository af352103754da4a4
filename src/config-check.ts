import type { Config } from './config.ts';

/** Settings that would stop the service working, one plain line each; none means it may start. */
export function configProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.trustProxy) || config.trustProxy < 0) {
    problems.push('TRUST_PROXY must be the number of proxies in front of the service (0, 1, 2 …), true or false.');
  } else if (config.secureCookies && config.trustProxy === 0) {
    problems.push(
      'SECURE_COOKIES is true but TRUST_PROXY is not set: the service only sees plain HTTP, so it would set no session cookie and nobody could sign in. Set TRUST_PROXY to the number of proxies in front of the service (usually 1).',
    );
  }
  if (!(config.idleTimeoutMinutes > 0))
    problems.push('IDLE_TIMEOUT_MINUTES must be a number of minutes greater than 0.');
  if (!(Number.isInteger(config.signInLimit.perAccount) && config.signInLimit.perAccount > 0)) {
    problems.push('SIGN_IN_LIMIT_PER_ACCOUNT must be a whole number greater than 0.');
  }
  if (!(Number.isInteger(config.signInLimit.perIp) && config.signInLimit.perIp > 0))
    problems.push('SIGN_IN_LIMIT_PER_IP must be a whole number greater than 0.');
  if (config.nowSetting !== undefined && !config.now)
    problems.push('NOW must be a date and time in London, like 2027-03-10T10:00 (or a date, like 2027-03-10).');
  if (config.nowSince !== undefined && !Number.isFinite(config.nowSince))
    problems.push('NOW_SINCE must be a number of milliseconds since 1 January 1970.');
  if (config.production) problems.push(...productionProblems(config));
  return problems;
}

/** The shortest SESSION_SECRET production accepts: 32 characters, as from `openssl rand -hex 16`. */
export const MIN_SESSION_SECRET = 32;

export const EMBEDDED_IN_PRODUCTION =
  'DATABASE_URL is not set: the embedded database is for one machine and trials, with no server to back up or fail over to. Set DATABASE_URL to a PostgreSQL database, or ALLOW_EMBEDDED_IN_PRODUCTION=true to run on the embedded database anyway.';

export const DEMO_IN_PRODUCTION =
  'This database is the demo borough, with fictional people and demo accounts whose password was printed: it cannot run with NODE_ENV=production. Start a live instance on a new, empty database with DEMO=off.';

/** Settings that are fine for a trial but not for real children's data (NODE_ENV=production). */
function productionProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!config.sessionSecretGiven) {
    problems.push(
      `SESSION_SECRET is not set: set it to a random value of at least ${MIN_SESSION_SECRET} characters, the same for every process, so sessions survive a restart.`,
    );
  } else if (config.sessionSecret.length < MIN_SESSION_SECRET) {
    problems.push(`SESSION_SECRET is too short: use a random value of at least ${MIN_SESSION_SECRET} characters.`);
  }
  if (!/^https:\/\/[^/]/.test(config.serviceUrl))
    problems.push(
      'SERVICE_URL must be the https:// address people use to reach the service: the links in emails and set-password links are made from it.',
    );
  if (!config.secureCookies)
    problems.push(
      'SECURE_COOKIES is not true: in production the service is reached over HTTPS, and its cookies must only travel over HTTPS.',
    );
  if (!config.databaseUrl && !config.allowEmbeddedInProduction) problems.push(EMBEDDED_IN_PRODUCTION);
  if (config.nowSetting !== undefined)
    problems.push(
      'NOW is set: a fixed clock is for the demo and tests. In production the service runs on the real time.',
    );
  return problems;
}

/** Thrown by `startService` when the settings are wrong; its message is the problems, one a line. */
export class ConfigProblems extends Error {
  constructor(problems: string[]) {
    super(['Inclusion Hub cannot start:', ...problems.map((problem) => `- ${problem}`)].join('\n'));
    this.name = 'ConfigProblems';
  }
}
