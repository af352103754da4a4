// The school data set for a funding year (Havering schools forum report 2024-25), as the DfE's
// Authority Proforma Tool gives it: one school a row with its phase, status (maintained or
// academy) and units per formula factor, from a CSV file or an Excel workbook with exactly the
// columns the statement files have (the rows are checked by ./rules.ts); one bad row refuses the
// whole file with every problem named by row and column. Importing replaces the year's data set
// in one transaction with its audit entry.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import { dataSetSummary, replaceDataSet, schoolsPage } from './repository.ts';
import { parseSchoolDataFile, SCHOOL_DETAIL_COLUMNS } from './rules.ts';

export const SCHOOL_DATA_RECORD = 'funding-school-data';

export type SchoolDataImportOutcome =
  | { ok: true; schools: number; maintained: number; academies: number; replaced: number }
  | { ok: false; problems: ImportProblem[] };

/** The formula factors' keys: the data set has a column for each. */
export interface FactorKeys {
  keys(): Promise<string[]>;
}

export function schoolDataService(db: Db, factors: FactorKeys) {
  return {
    /** The data set's columns: the school's details, then a column for every factor, the authority's own included. */
    async columns(): Promise<string[]> {
      return [...SCHOOL_DETAIL_COLUMNS, ...(await factors.keys())];
    },

    /** The year's data set at a glance: schools, maintained and academies, and total units per factor. */
    summary: (year: string) => dataSetSummary(db, year),

    /** One page of the year's schools by name, with their pupils (AWPU units). */
    page: (year: string, page: number) => schoolsPage(db, year, page),

    /** Imports a data set file for the year, replacing the year's data set, or changes nothing and says what is wrong. */
    async importFile(actor: Actor, year: string, file: Buffer): Promise<SchoolDataImportOutcome> {
      const keys = await factors.keys();
      const parsed = await parseSchoolDataFile(file, keys);
      if (!parsed.ok) return parsed;
      const { rows } = parsed;
      const maintained = rows.filter((row) => row.status === 'maintained').length;
      const replaced = await db.transaction().execute(async (trx) => {
        const replaced = await replaceDataSet(trx, year, rows, keys, actor.userId);
        const details = { schools: rows.length, maintained, academies: rows.length - maintained, replaced };
        await audit(trx, actor, { action: 'import', recordType: SCHOOL_DATA_RECORD, recordId: year, details });
        return replaced;
      });
      return { ok: true, schools: rows.length, maintained, academies: rows.length - maintained, replaced };
    },
  };
}
