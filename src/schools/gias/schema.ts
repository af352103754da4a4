import type { ColumnType, Generated } from 'kysely';
import type {} from '../../db/schema.ts';

/** Imports of the GIAS establishment file (migration 019_school_register); they join the service's Database type (src/db/schema.ts) by declaration merging. */
export type GiasImportStatus = 'running' | 'imported' | 'refused' | 'failed';

/** jsonb: written as JSON text, read as the value. */
type Json<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface GiasImportsTable {
  id: Generated<number>;
  file_name: string;
  la_code: number;
  status: ColumnType<GiasImportStatus, GiasImportStatus | undefined, GiasImportStatus>;
  uploaded_by: number | null;
  started_at: ColumnType<Date, Date, Date>;
  finished_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  bytes_total: ColumnType<number, number | undefined, number>;
  bytes_done: ColumnType<number, number | undefined, number>;
  rows_done: ColumnType<number, number | undefined, number>;
  counts: Json<Record<string, unknown>>;
  problems: Json<{ row?: number; column?: string; message: string }[]>;
}

declare module '../../db/schema.ts' {
  interface Database {
    gias_imports: GiasImportsTable;
  }
}
