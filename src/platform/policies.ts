/**
 * Who may do what: every list of roles the service uses, by name, and the policy functions built
 * on them. Routes declare one of these (src/platform/permissions.ts keeps the table of routes);
 * services ask a named policy function, never a role by hand.
 */
import type { Role } from './roles.ts';

/** Whether any of someone's roles is in a list. */
const hasAny = (roles: readonly Role[], allowed: readonly Role[]) => roles.some((role) => allowed.includes(role));

// — Administration —

export const ADMINISTRATORS: readonly Role[] = ['admin'];

/** Whether these roles make someone an administrator of the service. */
export function isAdministrator(roles: readonly Role[]): boolean {
  return roles.some((role) => ADMINISTRATORS.includes(role));
}

// — Schools and children —

/** Who imports and reads the census figures: the vulnerability table is built from them. */
export const SCHOOL_FIGURES_ACCESS: readonly Role[] = ['admin', 'analyst'];

// — Attendance —

/** Who sees the attendance dashboard: the authority's officers, managers and analysts; school users their own schools. */
export const ATTENDANCE_DASHBOARD_READERS: readonly Role[] = [
  'attendance_officer',
  'analyst',
  'team_manager',
  'senior_practitioner',
  'triage_manager',
  'school_user',
];
/** Who imports session marks: the attendance officer for every school, a school user for their own. */
export const MARKS_IMPORTERS: readonly Role[] = ['attendance_officer', 'school_user'];
/** Who reads the attendance records (roll, suspensions, reduced timetables): school users their own schools. */
export const ATTENDANCE_RECORD_READERS: readonly Role[] = ['attendance_officer', 'school_user', 'analyst'];
/** Who records them: analysts read but never write. */
export const ATTENDANCE_RECORD_WRITERS: readonly Role[] = ['attendance_officer', 'school_user'];
/** Who sees the comparators. */
export const COMPARATOR_READERS: readonly Role[] = ['attendance_officer', 'analyst', 'team_manager'];
/** Who imports them. */
export const COMPARATOR_WRITERS: readonly Role[] = ['attendance_officer', 'analyst'];
/** Who sees the chronic absence work list. */
export const CHRONIC_ABSENCE_READERS: readonly Role[] = [
  'attendance_officer',
  'school_user',
  'team_manager',
  'senior_practitioner',
];

/** Whether someone sees every school's attendance records (else only their own schools'). */
export const seesEverySchoolsRecords = (roles: readonly Role[]) => hasAny(roles, ['attendance_officer', 'analyst']);
/** Whether someone sends marks for every school and sees every marks import (else their own). */
export const importsMarksForEverySchool = (roles: readonly Role[]) => roles.includes('attendance_officer');
/** Whether someone's attendance pages cover only their own schools: a school user and nothing more. */
export const seesOwnSchoolsOnly = (roles: readonly Role[]) => roles.every((role) => role === 'school_user');
/** Whether someone may record attendance records. */
export const mayRecordAttendance = (roles: readonly Role[]) => hasAny(roles, ATTENDANCE_RECORD_WRITERS);
/** Whether someone may import marks. */
export const mayImportMarks = (roles: readonly Role[]) => hasAny(roles, MARKS_IMPORTERS);
/** Whether someone may read the attendance records. */
export const mayReadAttendanceRecords = (roles: readonly Role[]) => hasAny(roles, ATTENDANCE_RECORD_READERS);
/** Whether someone may import comparators. */
export const mayImportComparators = (roles: readonly Role[]) => hasAny(roles, COMPARATOR_WRITERS);
/** Whether someone may read the comparators. */
export const mayReadComparators = (roles: readonly Role[]) => hasAny(roles, COMPARATOR_READERS);
/** Whether someone may see the chronic absence work list. */
export const mayReadChronicAbsence = (roles: readonly Role[]) => hasAny(roles, CHRONIC_ABSENCE_READERS);

// — Front door: referrals and triage —

/** Who asks for help for a child: school staff. */
export const REFERRERS: readonly Role[] = ['school_user'];

/** Whether someone may refer a child to the front door. */
export const mayRefer = (roles: readonly Role[]): boolean => hasAny(roles, REFERRERS);

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

/** Whether the user may change the year's vulnerability method. */
export const mayChangeMethod = (roles: readonly Role[]): boolean => hasAny(roles, METHOD_EDITORS);
/** Whether the user reads the vulnerability table as staff (not only as published to schools). */
export const mayReadAllocation = (roles: readonly Role[]): boolean => hasAny(roles, ALLOCATION_READERS);
/** Whether the user may save and approve allocation plans. */
export const mayManagePlans = (roles: readonly Role[]): boolean => hasAny(roles, PLAN_MANAGERS);

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
/** Whether the user may change clusters of schools. */
export const mayEditClusters = (roles: readonly Role[]): boolean => hasAny(roles, CLUSTER_EDITORS);
/** Whether the user may nominate for places. */
export const mayNominate = (roles: readonly Role[]): boolean => hasAny(roles, NOMINATORS);
/** Whether the user takes registers (a practitioner only for groups they facilitate). */
export const takesRegisters = (roles: readonly Role[]): boolean => hasAny(roles, REGISTER_TAKERS);

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
