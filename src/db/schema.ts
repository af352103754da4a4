import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  name: string;
  roles: string[];
  password_hash: string;
  disabled_at: Timestamp | null;
  last_sign_in_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UserSchoolsTable {
  user_id: number;
  school_urn: number;
}

export interface SessionsTable {
  sid: string;
  sess: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Timestamp;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  ip: string;
  succeeded: boolean;
  at: CreatedAt;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: CreatedAt;
  user_id: number | null;
  action: string;
  record_type: string;
  record_id: string | null;
  ip: string | null;
  details: ColumnType<Record<string, unknown> | null, string | null, never>;
}

export interface SchoolsTable {
  urn: number;
  laestab: string;
  la_code: number;
  name: string | null;
  phase: string;
  school_type: string;
  governance: string;
  maintained: boolean;
  number_on_roll: number;
  sen_support_count: number | null;
  ehcp_count: number | null;
  eal_count: number | null;
  fsm_count: number | null;
  fsm_ever6_pct: number | null;
  overall_absence_pct: number | null;
  persistent_absence_pct: number | null;
  census_year: string;
}

export interface ChildrenTable {
  id: Generated<number>;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  upn: string | null;
  school_urn: number;
  year_group: string;
  created_at: CreatedAt;
}

export interface CarersTable {
  id: Generated<number>;
  child_id: number;
  name: string;
  relationship: string;
  phone: string | null;
  has_parental_responsibility: boolean;
}

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Timestamp;
  updated_by: number | null;
}

export interface BankHolidaysTable {
  date: string;
  name: string;
}

export interface TermPeriodsTable {
  id: Generated<number>;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface ReferralsTable {
  id: Generated<number>;
  reference: string | null;
  service: Generated<string>;
  status: Generated<string>;
  school_urn: number;
  child_id: number | null;
  answers: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: number;
  created_at: CreatedAt;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  outcome_at: Timestamp | null;
  level_of_need: number | null;
  outcome: string | null;
  outcome_reason: string | null;
  panel_date: string | null;
  safeguarding_passed_at: Timestamp | null;
}

export interface ReferralEventsTable {
  id: Generated<number>;
  referral_id: number;
  at: CreatedAt;
  user_id: number | null;
  kind: string;
  message: string | null;
  visible_to_referrer: Generated<boolean>;
}

export interface KnownEpisodesTable {
  id: Generated<number>;
  upn: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  service: string;
  status: string;
  imported_at: CreatedAt;
  imported_by: number | null;
}

export interface ReferralMatchesTable {
  id: Generated<number>;
  referral_id: number;
  source: string;
  source_id: number;
  reason: string;
  decision: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface NotificationsTable {
  id: Generated<number>;
  template: string;
  recipient: string;
  personalisation: ColumnType<Record<string, string>, string, string>;
  referral_id: number | null;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  last_error: string | null;
  created_at: CreatedAt;
  sent_at: Timestamp | null;
}

/** A school's census figures for an academic year ('2026/27'); null is unknown, never zero. */
export interface SchoolFiguresTable {
  academic_year: string;
  urn: number;
  number_on_roll: number;
  sen_support: number | null;
  ehcp: number | null;
  looked_after: number | null;
  mobility: number | null;
  eal: number | null;
  fsm: number | null;
  /** The figures (column names) that are generated demo values, not published data. */
  demo_fields: ColumnType<string[], string[] | undefined, string[]>;
  imported_at: CreatedAt;
  imported_by: number | null;
}

/** One version of an academic year's allocation plan; rows are the quotas as saved. */
export interface AllocationPlansTable {
  id: Generated<number>;
  academic_year: string;
  version: number;
  status: Generated<string>;
  capacity: number;
  core_offer: number;
  /** numeric: read back as a string. */
  group_share: ColumnType<string, number, number>;
  scope: string;
  small_groups: ColumnType<Record<string, number>, string, string>;
  rows: ColumnType<unknown[], string, string>;
  created_by: number | null;
  created_at: CreatedAt;
  approved_by: number | null;
  approved_at: Timestamp | null;
  change_reason: string | null;
  /** The vulnerability method the quotas were worked out with; null for plans saved before it was kept. */
  method: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface VulnerabilityMethodsTable {
  academic_year: string;
  basis: string;
  normalisation: string;
  weights: ColumnType<Record<string, number>, string, string>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PractitionersTable {
  user_id: number;
  practitioner_type: string;
  /** numeric: read back as a number by the type parser. */
  fte: ColumnType<number, number | undefined, number>;
  max_caseload: number;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface CasesTable {
  id: Generated<number>;
  referral_id: number;
  child_id: number;
  school_urn: number;
  academic_year: string;
  status: Generated<string>;
  practitioner_id: number;
  practitioner_type: string;
  allocated_by: number | null;
  allocated_at: ColumnType<Date, Date | undefined, Date>;
  contact_due: string;
  assessment_due: string;
  planned_end: string;
  first_contact_on: string | null;
  assessment_completed_on: string | null;
  over_quota: Generated<boolean>;
  over_caseload: Generated<boolean>;
  allocation_reason: string | null;
  closed_at: Timestamp | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: ColumnType<Date, Date | undefined, never>;
  user_id: number | null;
  kind: string;
  message: string | null;
}

export interface Database {
  users: UsersTable;
  user_schools: UserSchoolsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  audit_events: AuditEventsTable;
  schools: SchoolsTable;
  children: ChildrenTable;
  carers: CarersTable;
  settings: SettingsTable;
  bank_holidays: BankHolidaysTable;
  term_periods: TermPeriodsTable;
  referrals: ReferralsTable;
  referral_events: ReferralEventsTable;
  known_episodes: KnownEpisodesTable;
  referral_matches: ReferralMatchesTable;
  notifications: NotificationsTable;
  school_figures: SchoolFiguresTable;
  allocation_plans: AllocationPlansTable;
  vulnerability_methods: VulnerabilityMethodsTable;
  practitioners: PractitionersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
}
