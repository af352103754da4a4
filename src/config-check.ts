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
  if (!(config.idleTimeoutMinutes > 0)) problems.push('IDLE_TIMEOUT_MINUTES must be a number of minutes greater than 0.');
  if (!(Number.isInteger(config.signInLimit.perAccount) && config.signInLimit.perAccount > 0)) {
    problems.push('SIGN_IN_LIMIT_PER_ACCOUNT must be a whole number greater than 0.');
  }
  if (!(Number.isInteger(config.signInLimit.perIp) && config.signInLimit.perIp > 0)) problems.push('SIGN_IN_LIMIT_PER_IP must be a whole number greater than 0.');
  return problems;
}

/** Thrown by `startService` when the settings are wrong; its message is the problems, one a line. */
export class ConfigProblems extends Error {
  constructor(problems: string[]) {
    super(['Inclusion Hub cannot start:', ...problems.map((problem) => `- ${problem}`)].join('\n'));
    this.name = 'ConfigProblems';
  }
}

export function assertStartable(config: Config): void {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigProblems(problems);
}
