import type { ColumnType, Generated } from 'kysely';
import type { Timestamp, Now } from '../db/schema.ts';

/**
 * The attendance area's tables: marks and their stored totals, rolls, suspensions, reduced timetables, targets and
 * comparators (migrations 008 to 011 and 023).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    attendance_marks: AttendanceMarksTable;
    attendance_school_weeks: AttendanceSchoolWeeksTable;
    attendance_group_totals: AttendanceGroupTotalsTable;
    attendance_imports: AttendanceImportsTable;
    pupil_roll: PupilRollTable;
    suspensions: SuspensionsTable;
    reduced_timetables: ReducedTimetablesTable;
    attendance_targets: AttendanceTargetsTable;
    attendance_lead_professionals: AttendanceLeadProfessionalsTable;
    attendance_comparators: AttendanceComparatorsTable;
  }
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

/**
 * The year's totals for one group of pupils alike on a school's roll (year group, SEN, free school
 * meals, EAL), or for the pupils with marks who are not on it (`on_roll` false, the rest empty):
 * kept up to date with the marks and the roll (src/attendance/aggregates/repository.ts).
 */
export interface AttendanceGroupTotalsTable {
  academic_year: string;
  urn: number;
  on_roll: boolean;
  year_group: string;
  sen: string;
  fsm: boolean;
  eal: boolean;
  /** Pupils with marks. */
  marked: number;
  /** Pupils with possible sessions. */
  pupils: number;
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
  persistent: number;
  severe: number;
  /** The thresholds `persistent` and `severe` were counted at. */
  persistent_percent: ColumnType<number, number, number>;
  severe_percent: ColumnType<number, number, number>;
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
  /** When the import's process last said it was still working (src/attendance/marks/service.ts). */
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
