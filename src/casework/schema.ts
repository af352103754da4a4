import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Json, Now } from '../db/schema.ts';

/**
 * The casework area's tables: what a practitioner records on a case (migrations 006_casework, 007_case_professionals).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
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
  }
}

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
