// A funding year worked out as the forum paper prints it, and the paper's downloads: each one
// taken is recorded in the audit trail with who took it.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { calculate, type Calculation } from '../rules.ts';
import { isFundingYearLabel } from '../years/rules.ts';
import { loadFundingYear } from './repository.ts';
import type { FundingYear } from './rules.ts';

export const PAPER_RECORD = 'funding-paper';

export function fundingPapersService(db: Db) {
  return {
    /** A year and its figures worked out, or 404 when the label names no funding year. */
    async calculated(label: string): Promise<{ year: FundingYear; calculation: Calculation }> {
      const year = isFundingYearLabel(label) ? await loadFundingYear(db, label) : undefined;
      if (!year) throw new NotFoundError();
      return { year, calculation: calculate(year.schools, year.rates) };
    },

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

export type FundingPapersService = ReturnType<typeof fundingPapersService>;
