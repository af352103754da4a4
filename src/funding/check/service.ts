// The check of a funding year: its printed figures beside the figures worked out from its rates
// and school data set.
import type { Db } from '../../db/connection.ts';
import type { FundingPapersService } from '../papers/service.ts';
import { printedFiguresOf } from './repository.ts';
import { checkPage } from './rules.ts';

export function fundingCheckService(db: Db, papers: Pick<FundingPapersService, 'calculated'>) {
  return {
    /** The year's check page, or 404 when the label names no funding year. */
    async check(label: string) {
      const { year, calculation } = await papers.calculated(label);
      return { year: year.year, ...checkPage(year, calculation, await printedFiguresOf(db, year.year)) };
    },
  };
}
