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

/** Read the vulnerability table and its method (and see the published ranks as schools would). */
export const ALLOCATION_READERS: readonly Role[] = ['team_manager', 'triage_manager', 'analyst', 'admin'];
/** Choose the vulnerability method for a year. */
export const METHOD_EDITORS: readonly Role[] = ['team_manager', 'analyst'];
/** Read the allocation plan. */
export const PLAN_READERS: readonly Role[] = ['team_manager', 'analyst', 'admin'];
/** Save, approve and change the allocation plan. */
export const PLAN_MANAGERS: readonly Role[] = ['team_manager'];
/** Allocate a referral to a practitioner. */
export const ALLOCATORS: readonly Role[] = ['team_manager'];
/** See the team, their profiles and caseloads. */
export const TEAM_READERS: readonly Role[] = ['team_manager', 'senior_practitioner'];

const hasAny = (roles: readonly Role[], allowed: readonly Role[]) => roles.some((role) => allowed.includes(role));

/** Whether the user may change the year's vulnerability method. */
export const mayChangeMethod = (roles: readonly Role[]): boolean => hasAny(roles, METHOD_EDITORS);
/** Whether the user reads the vulnerability table as staff (not only as published to schools). */
export const mayReadAllocation = (roles: readonly Role[]): boolean => hasAny(roles, ALLOCATION_READERS);
/** Whether the user may save and approve allocation plans. */
export const mayManagePlans = (roles: readonly Role[]): boolean => hasAny(roles, PLAN_MANAGERS);

// — Casework —

// — Groups —

/** See the year's rotation and programmes (school users see only their own nominations' details). */
export const GROUP_READERS: readonly Role[] = ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'];
/** Create programmes, confirm or decline places, change session dates, generate the rotation. */
export const GROUP_ORGANISERS: readonly Role[] = ['senior_practitioner'];
/** Define clusters of schools and move schools between them. */
export const CLUSTER_EDITORS: readonly Role[] = ['senior_practitioner', 'admin'];
/** See the year's clusters: those who read the groups pages, and the editors. */
export const CLUSTER_VIEWERS: readonly Role[] = [...new Set<Role>([...CLUSTER_EDITORS, ...GROUP_READERS])];
/** Nominate a parent or a child for a place. */
export const NOMINATORS: readonly Role[] = ['school_user', 'senior_practitioner'];
/** Take a session's register and enter pre/post scores: the senior practitioner, or a practitioner facilitating the group. */
export const REGISTER_TAKERS: readonly Role[] = ['senior_practitioner', 'practitioner'];
/** Read the groups report. */
export const GROUP_REPORT_READERS: readonly Role[] = ['senior_practitioner', 'team_manager', 'analyst'];

/** Whether the user organises the groups (the senior practitioner): every programme, place and school. */
export const organisesGroups = (roles: readonly Role[]): boolean => hasAny(roles, GROUP_ORGANISERS);
/** Whether the user is only a school user, who sees names and contacts only for their schools' places. */
export const seesOnlyOwnSchools = (roles: readonly Role[]): boolean => roles.every((role) => role === 'school_user');
/** Whether the user may change clusters of schools. */
export const mayEditClusters = (roles: readonly Role[]): boolean => hasAny(roles, CLUSTER_EDITORS);
/** Whether the user may nominate for places. */
export const mayNominate = (roles: readonly Role[]): boolean => hasAny(roles, NOMINATORS);
/** Whether the user takes registers (a practitioner only for groups they facilitate). */
export const takesRegisters = (roles: readonly Role[]): boolean => hasAny(roles, REGISTER_TAKERS);

// — Funding —

// — Reports —
