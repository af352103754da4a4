// The idle timeout. The time a user was last seen is written to their session only now and then,
// not on every request, so it can be up to one write interval old: a user counts as idle only
// once the timeout and that interval have both passed, so someone active is never signed out.

const MINUTE = 60_000;

/** Once a minute, or a tenth of the idle timeout when that is shorter. */
function lastSeenInterval(idleTimeoutMinutes: number): number {
  return Math.min(MINUTE, (idleTimeoutMinutes * MINUTE) / 10);
}

/** Signed out for inactivity: not seen for the idle timeout (give or take one write interval). */
export function isIdle(lastSeenAt: number, now: number, idleTimeoutMinutes: number): boolean {
  return now - lastSeenAt > idleTimeoutMinutes * MINUTE + lastSeenInterval(idleTimeoutMinutes);
}

/** Time to write the last-seen time back to the session. */
export function lastSeenDue(lastSeenAt: number | undefined, now: number, idleTimeoutMinutes: number): boolean {
  return !lastSeenAt || now - lastSeenAt > lastSeenInterval(idleTimeoutMinutes);
}
