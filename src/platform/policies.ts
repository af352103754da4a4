/**
 * Who may do what: every list of roles the service uses, by name, and the policy functions built
 * on them. Routes declare one of these (src/platform/permissions.ts keeps the table of routes);
 * services ask a named policy function, never a role by hand.
 */
import type { Role } from './roles.ts';

// — Administration —

export const ADMINISTRATORS: readonly Role[] = ['admin'];

// — Schools and children —

// — Attendance —

// — Front door: referrals and triage —

// — Allocation —

// — Casework —

/** Practitioners reach the cases they lead (or read the team's, by setting); senior practitioners and the team manager reach the team's. */
export const CASE_READERS: readonly Role[] = ['practitioner', 'senior_practitioner', 'team_manager'];

/** The team manager decides extensions and signs off closures. */
export const CASE_CLOSERS: readonly Role[] = ['team_manager'];

/** Who sees the team's Supporting Families list and its download. */
export const SUPPORTING_FAMILIES_MANAGERS: readonly Role[] = ['team_manager', 'senior_practitioner'];

/** Whether the user reaches the whole team's cases (to read and to change), whatever the setting for practitioners. */
export function maySeeEveryCase(roles: readonly Role[]): boolean {
  return roles.some((role) => role === 'team_manager' || role === 'senior_practitioner');
}

/** Whether the user decides extensions and signs off closures. */
export function mayCloseCases(roles: readonly Role[]): boolean {
  return roles.some((role) => CASE_CLOSERS.includes(role));
}

// — Groups —

// — Funding —

// — Reports —
