// School statements: the schools of a year a user may choose, and one school's statement, each
// view of a statement recorded in the audit trail.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { FundingPapersService } from '../papers/service.ts';
import { maySeeStatement, schoolChoices, schoolStatement } from './rules.ts';

export const STATEMENT_RECORD = 'funding-statement';

type Viewer = Pick<CurrentUser, 'roles' | 'schoolUrns'>;

export function statementsService(db: Db, papers: Pick<FundingPapersService, 'calculated'>) {
  return {
    /** The year's schools the user may choose; 404 when the label names no funding year. */
    async choices(label: string, user: Viewer) {
      const { year } = await papers.calculated(label);
      return { year: year.year, schools: schoolChoices(year, user), hasDataSet: year.schools.length > 0 };
    },

    /**
     * A school's statement for the year, recorded as seen; undefined when the user may not see it
     * or the school is not in the year's data set (the two look the same, so nothing leaks).
     */
    async statement(actor: Actor, user: Viewer, label: string, urn: number) {
      if (!maySeeStatement(user, urn)) return undefined;
      const { year, calculation } = await papers.calculated(label);
      const statement = schoolStatement(year, calculation, urn);
      if (!statement) return undefined;
      await audit(db, actor, {
        action: 'view',
        recordType: STATEMENT_RECORD,
        recordId: urn,
        details: { year: year.year },
      });
      return { year: year.year, statement, choices: schoolChoices(year, user).length };
    },
  };
}
