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

// — Groups —

// — Funding —

/** Who changes funding data (years, services, rates, decisions, factors, the contingency fund): the finance officer and administrators. */
export const FUNDING_WRITERS: readonly Role[] = ['finance_officer', 'admin'];
/** Who reads a year's services, rates, decisions, school data set, paper and every school's statement. */
export const FUNDING_READERS: readonly Role[] = [...FUNDING_WRITERS, 'analyst'];
/** Who sees the funding landing page: readers, and school users for their own schools' statements. */
export const FUNDING_VISITORS: readonly Role[] = [...FUNDING_READERS, 'school_user'];
/** Who applies to the contingency fund: a school, for its own school. */
export const CONTINGENCY_APPLICANTS: readonly Role[] = ['school_user'];

export const mayChangeFunding = (roles: readonly Role[]) => roles.some((role) => FUNDING_WRITERS.includes(role));
/** Funding readers see every school's statement and every contingency application; others only their own schools'. */
export const mayReadFunding = (roles: readonly Role[]) => roles.some((role) => FUNDING_READERS.includes(role));
/** School users act for their own schools: they see those schools' statements and apply to the contingency fund. */
export const actsForTheirSchools = (roles: readonly Role[]) =>
  roles.some((role) => CONTINGENCY_APPLICANTS.includes(role));

// — Reports —
