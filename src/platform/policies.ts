/**
 * Who may do what: every list of roles the service uses, by name, and the policy functions built
 * on them. Routes declare one of these (src/platform/permissions.ts keeps the table of routes);
 * services ask a named policy function, never a role by hand.
 */
import type { Role } from './roles.ts';

// — Administration —

export const ADMINISTRATORS: readonly Role[] = ['admin'];

/** Whether these roles make someone an administrator of the service. */
export function isAdministrator(roles: readonly Role[]): boolean {
  return roles.some((role) => ADMINISTRATORS.includes(role));
}

// — Schools and children —

// — Attendance —

// — Front door: referrals and triage —

// — Allocation —

// — Casework —

// — Groups —

// — Funding —

// — Reports —
