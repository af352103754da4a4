export const ROLES = [
  'school_user',
  'triage_manager',
  'team_manager',
  'practitioner',
  'senior_practitioner',
  'attendance_officer',
  'finance_officer',
  'analyst',
  'admin',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  school_user: 'School referrer',
  triage_manager: 'Triage manager',
  team_manager: 'Team manager',
  practitioner: 'Practitioner',
  senior_practitioner: 'Senior practitioner',
  attendance_officer: 'Attendance officer',
  finance_officer: 'Finance officer',
  analyst: 'Analyst',
  admin: 'Administrator',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Roles that work with individual children and families: all but finance, analysts and administrators. */
const WITHOUT_CHILD_RECORDS: readonly Role[] = ['finance_officer', 'analyst', 'admin'];
export const CHILD_RECORD_ROLES: readonly Role[] = ROLES.filter((role) => !WITHOUT_CHILD_RECORDS.includes(role));

export interface CurrentUser {
  id: number;
  name: string;
  email: string;
  roles: Role[];
  schoolUrns: number[];
}

/** Which children a user may see. School users see only their own schools' children. */
export type Scope = { kind: 'all' } | { kind: 'schools'; urns: number[] };

export function scopeOf(user: CurrentUser): Scope {
  const seesAll = user.roles.some((role) => role !== 'school_user' && CHILD_RECORD_ROLES.includes(role));
  return seesAll ? { kind: 'all' } : { kind: 'schools', urns: user.schoolUrns };
}
