import type { ColumnType, Generated } from 'kysely';
import type {} from '../db/schema.ts';

/** The groups area's tables (migration 013_groups); they join the service's Database type (src/db/schema.ts) by declaration merging. */

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A date column: read and written as 'YYYY-MM-DD' (see the connection's type parsers). */
type DateColumn = string;
/** numeric: read as a number (see the connection's type parsers). */
type Numeric = ColumnType<number, number | string, number | string>;

export type ProgrammeKind = 'parent-group' | 'small-group';
export type PlaceStatus = 'nominated' | 'confirmed' | 'waiting' | 'declined' | 'withdrawn';
export type AttendanceStatus = 'attended' | 'apologies' | 'did-not-attend';

export interface GroupClustersTable {
  id: Generated<number>;
  academic_year: string;
  name: string;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface GroupClusterSchoolsTable {
  id: Generated<number>;
  cluster_id: number;
  academic_year: string;
  urn: number;
  joined_on: DateColumn;
  left_on: DateColumn | null;
  move_reason: string | null;
  changed_by: number | null;
  changed_at: CreatedAt;
}

export interface GroupRotationTable {
  id: Generated<number>;
  academic_year: string;
  position: number;
  cluster_id: number;
  term_name: string;
  starts_on: DateColumn;
  ends_on: DateColumn;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface GroupProgrammesTable {
  id: Generated<number>;
  kind: ProgrammeKind;
  academic_year: string;
  term_name: string;
  cluster_id: number | null;
  urn: number | null;
  name: string;
  focus: string | null;
  venue: string;
  capacity: number;
  open_to_all: ColumnType<boolean, boolean | undefined, boolean>;
  measure_name: string | null;
  status: ColumnType<'open' | 'cancelled', 'open' | 'cancelled' | undefined, 'open' | 'cancelled'>;
  created_by: number | null;
  created_at: CreatedAt;
}

export interface GroupFacilitatorsTable {
  programme_id: number;
  user_id: number;
}

export interface GroupSessionsTable {
  id: Generated<number>;
  programme_id: number;
  held_on: DateColumn;
}

export interface GroupPlacesTable {
  id: Generated<number>;
  programme_id: number;
  status: PlaceStatus;
  urn: number;
  case_id: number | null;
  parent_name: string | null;
  parent_contact: string | null;
  consent_to_share: ColumnType<boolean, boolean | undefined, boolean>;
  consent_by: string | null;
  consent_on: DateColumn | null;
  consent_withdrawn_at: Timestamp | null;
  pre_score: Numeric | null;
  post_score: Numeric | null;
  waiting_since: Timestamp | null;
  decision_note: string | null;
  nominated_by: number | null;
  nominated_at: CreatedAt;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface GroupPlaceChildrenTable {
  id: Generated<number>;
  place_id: number;
  urn: number;
  child_name: string | null;
  upn: string | null;
  year_group: string | null;
  added_by: number | null;
  added_at: CreatedAt;
}

export interface GroupAttendanceTable {
  session_id: number;
  place_id: number;
  status: AttendanceStatus;
  recorded_by: number | null;
  recorded_at: Timestamp;
}

declare module '../db/schema.ts' {
  interface Database {
    group_clusters: GroupClustersTable;
    group_cluster_schools: GroupClusterSchoolsTable;
    group_rotation: GroupRotationTable;
    group_programmes: GroupProgrammesTable;
    group_facilitators: GroupFacilitatorsTable;
    group_sessions: GroupSessionsTable;
    group_places: GroupPlacesTable;
    group_place_children: GroupPlaceChildrenTable;
    group_attendance: GroupAttendanceTable;
  }
}
