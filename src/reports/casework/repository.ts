/**
 * The casework report's data: the cases open at some time in a school year, their meetings,
 * measures and scores, extensions and post-closure reviews. Aggregates only: no names, notes or
 * answers are read.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { londonDate } from '../../platform/london-time.ts';
import type { AspectScores } from '../../casework/rules.ts';
import { hasScores } from '../../casework/meetings/rules.ts';
import type { ReportYear } from '../rules.ts';
import type { ReportCase, ReportExtension, ReportReview } from './rules.ts';

type Trx = Transaction<Database>;

const dayOf = (instant: Date | null) => (instant ? londonDate(instant) : null);

export function caseworkReportRepository() {
  return {
    /** Cases allocated before the year ended and not closed before it began. */
    async cases(trx: Trx, year: ReportYear): Promise<ReportCase[]> {
      const rows = await trx
        .selectFrom('cases')
        .leftJoin('case_closures', 'case_closures.case_id', 'cases.id')
        .leftJoin('case_assessments', 'case_assessments.case_id', 'cases.id')
        .select([
          'cases.id',
          'cases.status',
          'cases.allocated_at',
          'cases.closed_at',
          'cases.contact_due',
          'cases.first_contact_on',
          'cases.assessment_due',
          'cases.assessment_completed_on',
        ])
        .select(['case_closures.reason', 'case_assessments.parent_scores'])
        .where('cases.allocated_at', '<', year.endsAt)
        .where((eb) => eb.or([eb('cases.closed_at', 'is', null), eb('cases.closed_at', '>=', year.startsAt)]))
        .orderBy('cases.id')
        .execute();
      if (rows.length === 0) return [];
      const ids = rows.map((row) => row.id);
      const [meetings, kept] = await Promise.all([
        trx
          .selectFrom('case_meetings')
          .select(['case_id', 'held_on', 'next_meeting_on', 'parent_scores'])
          .where('case_id', 'in', ids)
          .orderBy('held_on')
          .orderBy('id')
          .execute(),
        trx
          .selectFrom('case_measures')
          .select(['case_id', 'placement_kept'])
          .where('case_id', 'in', ids)
          .where('point', '=', 'closure')
          .orderBy('id')
          .execute(),
      ]);
      const keptAtClosure = new Map(kept.map((row) => [row.case_id, row.placement_kept]));
      return rows.map((row) => {
        const own = meetings.filter((meeting) => meeting.case_id === row.id);
        const latestScored = own.findLast((meeting) => hasScores(meeting.parent_scores as AspectScores));
        const closed = row.status === 'closed';
        return {
          allocatedOn: londonDate(row.allocated_at),
          closedOn: closed ? dayOf(row.closed_at) : null,
          status: row.status,
          contactDue: row.contact_due,
          firstContactOn: row.first_contact_on,
          assessmentDue: row.assessment_due,
          assessmentCompletedOn: row.assessment_completed_on,
          closureReason: closed ? row.reason : null,
          placementKeptAtClosure: closed ? (keptAtClosure.get(row.id) ?? null) : null,
          meetings: own.map((meeting) => ({ heldOn: meeting.held_on, nextMeetingOn: meeting.next_meeting_on })),
          firstScores: (row.parent_scores ?? null) as AspectScores | null,
          latestScores: (latestScored?.parent_scores ?? null) as AspectScores | null,
        };
      });
    },

    async extensions(trx: Trx, year: ReportYear): Promise<ReportExtension[]> {
      const rows = await trx
        .selectFrom('case_extensions')
        .select(['requested_at', 'decision', 'decided_at'])
        .where((eb) => {
          const within = (column: 'requested_at' | 'decided_at') =>
            eb.and([eb(column, '>=', year.startsAt), eb(column, '<', year.endsAt)]);
          return eb.or([within('requested_at'), within('decided_at')]);
        })
        .execute();
      return rows.map((row) => ({
        requestedOn: londonDate(row.requested_at),
        approvedOn: row.decision === 'approved' ? dayOf(row.decided_at) : null,
      }));
    },

    async reviews(trx: Trx, year: ReportYear): Promise<ReportReview[]> {
      const rows = await trx
        .selectFrom('case_measures')
        .select(['recorded_on', 'placement_kept'])
        .where('point', '=', 'post-closure')
        .where('recorded_on', '>=', year.from)
        .where('recorded_on', '<=', year.to)
        .execute();
      return rows.map((row) => ({ reviewedOn: row.recorded_on, placementKept: row.placement_kept }));
    },

    /** The school years the cases were allocated in, as stored ('2026/27'). */
    async caseYears(trx: Trx): Promise<string[]> {
      const rows = await trx
        .selectFrom('cases')
        .select(sql<string>`distinct academic_year`.as('year'))
        .execute();
      return rows.map((row) => row.year);
    },
  };
}
