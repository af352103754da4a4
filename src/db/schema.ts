import type { ColumnType, Generated } from 'kysely';
import type { GroupTables } from '../groups/schema.ts';
import type { SignInTables } from '../platform/auth/schema.ts';
import type { InstanceTables } from '../platform/instance/schema.ts';
import type { PasswordLinkTables } from '../platform/users/schema.ts';
import type { GiasTables } from '../schools/gias/schema.ts';

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
  /** The census the figures come from; null for a school known only from the register (GIAS). */
  census_year: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<SchoolStatus, SchoolStatus | undefined, SchoolStatus>;
  open_date: string | null;
  close_date: string | null;
  establishment_type: string | null;
  establishment_type_group: string | null;
  statutory_low_age: number | null;
  statutory_high_age: number | null;
  postcode: string | null;
  predecessor_urn: number | null;
  register_updated_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type SchoolStatus = 'open' | 'closed';

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
  plan_version: Generated<number>;
  next_meeting_due: string | null;
  post_closure_review_due: string | null;
  post_closure_review_on: string | null;
  reopened_from: number | null;
}

type Json<T> = ColumnType<T, string, string>;
type Now = ColumnType<Date, Date | undefined, Date>;

export interface CaseRiskChecksTable {
  id: Generated<number>;
  case_id: number;
  answers: Json<Record<string, unknown>>;
  outcome: string;
  notes: string | null;
  completed_by: number | null;
  completed_at: Now;
}

export interface CaseContactsTable {
  id: Generated<number>;
  case_id: number;
  contact_at: Timestamp;
  contact_type: string;
  with_whom: string;
  summary: string;
  risk_check_id: number | null;
  recorded_by: number | null;
  recorded_at: Now;
}

export interface CaseFamilyMembersTable {
  id: Generated<number>;
  case_id: number;
  name: string;
  date_of_birth: string | null;
  unborn: Generated<boolean>;
  relationship: string;
  gender: string | null;
  ethnicity: string | null;
  disability: string | null;
  lives_at_home: Generated<boolean>;
}

export interface CaseConsentsTable {
  id: Generated<number>;
  case_id: number;
  kind: string;
  agreed: boolean;
  given_by: string;
  given_by_role: string;
  given_on: string;
  withdrawn_on: string | null;
  withdrawal_reason: string | null;
  recorded_by: number | null;
  recorded_at: Now;
}

export interface CaseAssessmentsTable {
  case_id: number;
  version: Generated<number>;
  parent_scores: ColumnType<Record<string, unknown>, string | undefined, string>;
  child_scores: ColumnType<Record<string, unknown>, string | undefined, string>;
  practitioner_view: ColumnType<Record<string, unknown>, string | undefined, string>;
  child_voice: string | null;
  school_input: string | null;
  completed_on: string | null;
  updated_by: number | null;
  updated_at: Now;
}

export interface CaseActionsTable {
  id: Generated<number>;
  case_id: number;
  aspect: string;
  no_action: Generated<boolean>;
  action: string | null;
  for_whom: string | null;
  who: string | null;
  school_owns: Generated<boolean>;
  by_when: string | null;
  difference: string | null;
  readiness: number | null;
  status: Generated<string>;
  progress: string | null;
  created_by: number | null;
  created_at: Now;
  updated_at: Now;
}

export interface CaseMeetingsTable {
  id: Generated<number>;
  case_id: number;
  held_on: string;
  invitees: ColumnType<unknown[], string | undefined, string>;
  parent_scores: ColumnType<Record<string, unknown>, string | undefined, string>;
  child_scores: ColumnType<Record<string, unknown>, string | undefined, string>;
  parent_summary: string | null;
  child_summary: string | null;
  taf_view: string | null;
  decision: string;
  decision_detail: string | null;
  stepped_up_on: string | null;
  next_meeting_on: string | null;
  next_meeting_time: string | null;
  next_meeting_venue: string | null;
  recorded_by: number | null;
  recorded_at: Now;
}

export interface CaseLeadProfessionalsTable {
  id: Generated<number>;
  case_id: number;
  practitioner_id: number;
  from_date: string;
  to_date: string | null;
  reason: string | null;
  changed_by: number | null;
}

export interface CaseMeasuresTable {
  id: Generated<number>;
  case_id: number;
  point: string;
  meeting_id: number | null;
  recorded_on: string;
  behaviour_points: number | null;
  /** numeric: read back as a number by the type parser. */
  attendance_percent: number | null;
  suspensions: number | null;
  placement_kept: boolean | null;
  recorded_by: number | null;
}

export interface CaseExtensionsTable {
  id: Generated<number>;
  case_id: number;
  requested_by: number | null;
  requested_at: Now;
  reason: string;
  new_end: string;
  decision: string | null;
  decision_reason: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface CaseClosuresTable {
  case_id: number;
  reason: string;
  reason_detail: string | null;
  maintenance_plan: Json<Record<string, string>>;
  proposed_by: number | null;
  proposed_at: Now;
  signed_off_by: number | null;
  signed_off_at: Timestamp | null;
  review: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  reviewed_by: number | null;
}

export interface CaseDocumentsTable {
  id: Generated<number>;
  case_id: number;
  filename: string;
  content_type: string;
  size_bytes: number;
  content: Buffer;
  description: string | null;
  uploaded_by: number | null;
  uploaded_at: Now;
}

/** A professional working with the family on a case; kept, with when they were removed, when they leave it. */
export interface CaseProfessionalsTable {
  id: Generated<number>;
  case_id: number;
  name: string;
  role_or_agency: string;
  email: string | null;
  phone: string | null;
  added_by: number | null;
  added_at: Now;
  removed_at: Date | null;
  removed_by: number | null;
}

/** One Supporting Families headline need identified for a family, and its outcome once achieved. */
export interface CaseSupportingFamiliesTable {
  id: Generated<number>;
  case_id: number;
  outcome: string;
  need_evidence: string;
  identified_on: string;
  identified_by: number | null;
  achieved_on: string | null;
  achieved_evidence: string | null;
  recorded_by: number | null;
  recorded_at: Now;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: ColumnType<Date, Date | undefined, never>;
  user_id: number | null;
  kind: string;
  message: string | null;
}

export interface Database extends GroupTables, SignInTables, InstanceTables, PasswordLinkTables, GiasTables {
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
  case_risk_checks: CaseRiskChecksTable;
  case_contacts: CaseContactsTable;
  case_family_members: CaseFamilyMembersTable;
  case_consents: CaseConsentsTable;
  case_assessments: CaseAssessmentsTable;
  case_actions: CaseActionsTable;
  case_meetings: CaseMeetingsTable;
  case_lead_professionals: CaseLeadProfessionalsTable;
  case_measures: CaseMeasuresTable;
  case_extensions: CaseExtensionsTable;
  case_closures: CaseClosuresTable;
  case_documents: CaseDocumentsTable;
  case_professionals: CaseProfessionalsTable;
  case_supporting_families: CaseSupportingFamiliesTable;
  pupil_roll: PupilRollTable;
  suspensions: SuspensionsTable;
  reduced_timetables: ReducedTimetablesTable;
  attendance_marks: AttendanceMarksTable;
  attendance_school_weeks: AttendanceSchoolWeeksTable;
  attendance_imports: AttendanceImportsTable;
  attendance_targets: AttendanceTargetsTable;
  attendance_lead_professionals: AttendanceLeadProfessionalsTable;
  attendance_comparators: AttendanceComparatorsTable;
  funding_years: FundingYearsTable;
  funding_factors: FundingFactorsTable;
  funding_services: FundingServicesTable;
  funding_decisions: FundingDecisionsTable;
  funding_rates: FundingRatesTable;
  funding_schools: FundingSchoolsTable;
  funding_school_units: FundingSchoolUnitsTable;
  funding_printed_figures: FundingPrintedFiguresTable;
  funding_contingency_funds: FundingContingencyFundsTable;
  funding_contingency_applications: FundingContingencyApplicationsTable;
}

export interface AttendanceMarksTable {
  academic_year: string;
  urn: number;
  upn: string;
  marks: string;
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
  updated_at: Generated<Date>;
}

export interface AttendanceSchoolWeeksTable {
  academic_year: string;
  urn: number;
  week_start: string;
  pupils: number;
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
}

export interface AttendanceImportsTable {
  id: Generated<number>;
  file_name: string;
  uploaded_by: number | null;
  started_at: Generated<Date>;
  finished_at: Date | null;
  status: Generated<'running' | 'imported' | 'refused' | 'failed'>;
  rows_total: Generated<number>;
  rows_done: Generated<number>;
  academic_year: string | null;
  schools: number | null;
  pupils: number | null;
  problem_count: Generated<number>;
  problems: ColumnType<unknown[], string | undefined, string>;
  notes: ColumnType<string[], string | undefined, string>;
  /** When the import's process last said it was still working (src/attendance/imports.ts). */
  heartbeat_at: Date | null;
  /** The uploaded file it reads, kept until it finishes. */
  upload_path: string | null;
}

/** A pupil on a school's roll for an academic year ('2026/27'), as the school's roll file says. */
export interface PupilRollTable {
  academic_year: string;
  urn: number;
  upn: string;
  first_name: string;
  last_name: string;
  date_of_birth: string;
  /** 'N1', 'N2', 'R' or '1' to '13'. */
  year_group: string;
  /** N no special educational needs, K SEN support, E EHC plan. */
  sen: 'N' | 'K' | 'E';
  fsm: boolean;
  eal: boolean;
  imported_by: number | null;
  imported_at: Generated<Date>;
}

export interface SuspensionsTable {
  id: Generated<number>;
  upn: string;
  urn: number;
  academic_year: string;
  kind: 'suspension' | 'permanent-exclusion';
  start_date: string;
  sessions: number;
  /** The DfE's reason category code, such as 'DB' (persistent disruptive behaviour). */
  reason: string;
  source: 'form' | 'import';
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface ReducedTimetablesTable {
  id: Generated<number>;
  upn: string;
  pupil_name: string;
  urn: number;
  academic_year: string;
  start_date: string;
  planned_end: string;
  hours_per_week: ColumnType<number, number, number>;
  reason: string;
  parental_consent: boolean;
  return_plan: boolean;
  return_plan_summary: string | null;
  review_date: string;
  ended_on: string | null;
  recorded_by: number | null;
  created_at: Generated<Date>;
  updated_by: number | null;
  updated_at: Now;
}

export interface AttendanceTargetsTable {
  measure: string;
  phase: string;
  baseline: number;
  baseline_year: string;
  target: number;
  target_year: string;
  source: string;
}

export interface AttendanceLeadProfessionalsTable {
  id: Generated<number>;
  academic_year: string;
  urn: number;
  upn: string;
  lead_name: string;
  lead_role: string;
  has_plan: boolean;
  plan_summary: string | null;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

/** A comparator figure: England, a region or statistical neighbours, by year, phase and measure. */
export interface AttendanceComparatorsTable {
  area: string;
  academic_year: string;
  phase: string;
  measure: string;
  value: number;
  source: string;
  imported_at: Timestamp;
}

/** 'primary', 'secondary' or 'special': the phases de-delegation is decided for. */
export type FundingPhase = 'primary' | 'secondary' | 'special';

export interface FundingYearsTable {
  /** '2024-25': funding years run April to March. */
  label: string;
  created_at: CreatedAt;
}

export interface FundingFactorsTable {
  /** The school data set's column: 'nor' (AWPU), 'fsm', 'fsm6', 'eal3', 'idaci_a' … 'idaci_f', 'low_attainment', 'special_places', or one the authority adds. */
  key: string;
  name: string;
  /** What one unit is, in words: 'pupil', 'FSM pupil', 'special place'. */
  unit: string;
  sort: number;
  built_in: Generated<boolean>;
}

export interface FundingServicesTable {
  id: Generated<number>;
  year: string;
  /** Stable within a year: 'behaviour-support', 'insurance'. */
  key: string;
  name: string;
  description: Generated<string>;
  kind: 'service' | 'education-function';
  phases: FundingPhase[];
  sort: Generated<number>;
}

export interface FundingDecisionsTable {
  service_id: number;
  phase: FundingPhase;
  decision: 'proposed' | 'agreed' | 'not-agreed';
  decided_on: string | null;
  note: Generated<string>;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

export interface FundingRatesTable {
  service_id: number;
  phase: FundingPhase;
  factor: string;
  rate_pence: number;
  previous_rate_pence: number | null;
}

export interface FundingSchoolsTable {
  year: string;
  urn: number;
  name: string;
  phase: FundingPhase;
  status: 'maintained' | 'academy';
  imported_by: number | null;
  imported_at: Generated<Date>;
}

export interface FundingSchoolUnitsTable {
  year: string;
  urn: number;
  factor: string;
  /** May be a decimal: the proforma tool weights some factors by proportions. */
  units: number;
}

export interface FundingPrintedFiguresTable {
  id: Generated<number>;
  year: string;
  service_key: string;
  phase: FundingPhase;
  figure: 'factor-total' | 'total' | 'lowest' | 'median' | 'highest';
  /** For a factor's total. */
  factor: string | null;
  printed_pence: number;
  /** How the paper rounded it: 100 to the pound, 100000 to the thousand pounds. */
  rounded_to_pence: Generated<number>;
  source: string;
  note: Generated<string>;
}

export interface FundingContingencyFundsTable {
  year: string;
  fund_pence: number;
  rule: Generated<'pro-rata'>;
  set_by: number | null;
  set_at: Generated<Date>;
}

export interface FundingContingencyApplicationsTable {
  id: Generated<number>;
  year: string;
  urn: number;
  deficit_pence: number;
  asked_pence: number;
  evidence: string;
  status: Generated<'submitted' | 'agreed' | 'declined' | 'withdrawn'>;
  allocated_pence: number | null;
  decision_note: Generated<string>;
  decided_by: number | null;
  decided_at: Timestamp | null;
  converted_to_academy_on: string | null;
  applied_by: number | null;
  applied_at: Generated<Date>;
}
