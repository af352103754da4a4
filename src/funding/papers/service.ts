// The forum paper's downloads: each one taken is recorded in the audit trail with who took it.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { FundingYear } from './rules.ts';

export const PAPER_RECORD = 'funding-paper';

export function fundingPapersService(db: Db) {
  return {
    /** Records that `actor` took a download of the year's paper. */
    async recordDownload(actor: Actor, year: FundingYear, format: 'xlsx' | 'csv') {
      await audit(db, actor, {
        action: 'export',
        recordType: PAPER_RECORD,
        recordId: year.year,
        details: { format, schools: year.schools.length },
      });
    },
  };
}
