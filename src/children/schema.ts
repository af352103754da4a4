import type { Generated } from 'kysely';
import type { CreatedAt } from '../db/schema.ts';

/**
 * The children area's tables: children and their carers (migration 001_foundation).
 * They join the service's Database type (src/db/schema.ts) by declaration merging.
 */
declare module '../db/schema.ts' {
  interface Database {
    children: ChildrenTable;
    carers: CarersTable;
  }
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
