import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { checkedValues } from '../../platform/checkboxes.ts';
import { schoolName } from '../../schools/service.ts';
import type { ReportYear } from '../rules.ts';
import type { ReportReferral } from './rules.ts';

type Reader = Db | Transaction<Database>;

export function frontDoorReportRepository() {
  return {
    /** Referrals sent in the year, with only what the report counts (the needs' codes, not the answers). */
    async referralsSent(db: Reader, year: ReportYear): Promise<ReportReferral[]> {
      const rows = await db
        .selectFrom('referrals')
        .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
        .select([
          'referrals.submitted_at',
          'referrals.acknowledged_at',
          'referrals.outcome_at',
          'referrals.outcome',
          'referrals.level_of_need',
          'schools.urn',
          'schools.name',
        ])
        .select(sql<unknown>`referrals.answers #> '{pages,needs,needs}'`.as('needs'))
        .where('referrals.status', '!=', 'draft')
        .where('referrals.submitted_at', '>=', year.startsAt)
        .where('referrals.submitted_at', '<', year.endsAt)
        .$narrowType<{ submitted_at: Date }>()
        .execute();
      return rows.map((row) => ({
        submittedAt: row.submitted_at,
        acknowledgedAt: row.acknowledged_at,
        outcomeAt: row.outcome_at,
        outcome: row.outcome,
        levelOfNeed: row.level_of_need,
        schoolUrn: row.urn,
        schoolName: schoolName(row),
        needs: checkedValues(row.needs),
      }));
    },

    /** When the first referral was sent, if any has been. */
    async firstSent(db: Reader): Promise<Date | undefined> {
      const first = await db
        .selectFrom('referrals')
        .select((eb) => eb.fn.min('submitted_at').as('first'))
        .where('status', '!=', 'draft')
        .executeTakeFirst();
      return first?.first ? new Date(first.first) : undefined;
    },
  };
}
