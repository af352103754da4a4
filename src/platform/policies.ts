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

/** Who asks for help for a child: school staff. */
export const REFERRERS: readonly Role[] = ['school_user'];

/** Who may read referrals: the school that sent them, and the people who run the front door. */
export const REFERRAL_READERS: readonly Role[] = ['school_user', 'triage_manager', 'team_manager'];

/** Who triages referrals and runs the triage panel. */
export const TRIAGE_ROLES: readonly Role[] = ['triage_manager', 'team_manager'];

/** Whether the referrals list shows the user their own school's offer for the year. */
export function seesOwnSchoolsOffer(roles: readonly Role[]): boolean {
  return roles.includes('school_user');
}

/** Whether the user may change the triage panel's schedule (in the settings). */
export function mayChangePanelSchedule(roles: readonly Role[]): boolean {
  return ADMINISTRATORS.some((role) => roles.includes(role));
}

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

/** Who may see the front door's figures: the people who run it, and the analysts. */
export const REPORT_ROLES: readonly Role[] = ['triage_manager', 'team_manager', 'analyst'];

/** Who may see the casework figures: the team's managers, and the analysts. */
export const CASEWORK_REPORT_ROLES: readonly Role[] = ['team_manager', 'senior_practitioner', 'analyst'];
