import type { ColumnType } from 'kysely';
import type { CreatedAt } from '../db/schema.ts';

/**
 * The schools area's tables: the borough's schools (migration 001_foundation, the register's columns from 019_school_register) and their census figures (003_school_figures).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    schools: SchoolsTable;
    school_figures: SchoolFiguresTable;
  }
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
