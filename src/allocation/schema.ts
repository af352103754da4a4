import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from '../db/schema.ts';

/**
 * The allocation area's tables: plans, vulnerability methods, practitioners, and the cases they allocate (migrations 004_allocation_plans, 005_allocation_cases).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    allocation_plans: AllocationPlansTable;
    vulnerability_methods: VulnerabilityMethodsTable;
    practitioners: PractitionersTable;
    cases: CasesTable;
    case_events: CaseEventsTable;
  }
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

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  at: ColumnType<Date, Date | undefined, never>;
  user_id: number | null;
  kind: string;
  message: string | null;
}
