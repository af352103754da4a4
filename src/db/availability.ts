// Whether an error means the database is away (restarting, failing over, unreachable, or the
// service's connection to it was ended) rather than a fault in what was asked of it.

/** SQLSTATE codes of a lost or refused connection (PostgreSQL Appendix A: classes 08, 57P, 53300). */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
const UNAVAILABLE_SYSTEM_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'EMBEDDED_DATABASE_STOPPED',
]);
/** What the `pg` driver and its pool say when a connection is lost or cannot be had. */
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'connection has been discarded',
  'The embedded database stopped',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (UNAVAILABLE_SYSTEM_CODES.has(code) || UNAVAILABLE_STATES.has(code) || code.startsWith('08'))
  )
    return true;
  return UNAVAILABLE_MESSAGES.some((message) => error.message.includes(message));
}
