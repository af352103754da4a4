/**
 * Who may do what: every list of roles the service uses, by name, and the policy functions built
 * on them. Routes declare one of these (src/platform/permissions.ts keeps the table of routes);
 * services ask a named policy function, never a role by hand.
 */
import type { Role } from './roles.ts';

// — Administration —

export const ADMINISTRATORS: readonly Role[] = ['admin'];

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

const hasAny = (roles: readonly Role[], allowed: readonly Role[]) => roles.some((role) => allowed.includes(role));

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

// — Allocation —

// — Casework —

// — Groups —

// — Funding —

// — Reports —
