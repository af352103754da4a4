/**
 * The casework report's data: the cases open at some time in an academic year, their meetings,
 * measures and scores, extensions and post-closure reviews, read in one transaction so the
 * figures are of one moment. The counting is in casework-rules.ts. Aggregates only: no names,
 * notes or answers are read.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { readSetting } from '../platform/settings/service.ts';
import { londonDate } from '../platform/london-time.ts';
import { academicYearOf } from '../schools/figures/import.ts';
import type { AspectScores } from '../casework/rules.ts';
import { hasScores } from '../casework/meetings/rules.ts';
import { academicYear, type AcademicYear } from './front-door.ts';
import {
  academicYearStart,
  caseworkReport,
  caseworkTable,
  type ReportCase,
  type ReportExtension,
  type ReportReview,
} from './casework-rules.ts';

type Trx = Transaction<Database>;

const dayOf = (instant: Date | null) => (instant ? londonDate(instant) : null);

/** Cases allocated before the year ended and not closed before it began. */
async function casesOf(trx: Trx, year: AcademicYear): Promise<ReportCase[]> {
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
    .where('cases.allocated_at', '<', year.until)
    .where((eb) => eb.or([eb('cases.closed_at', 'is', null), eb('cases.closed_at', '>=', year.from)]))
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
}

async function extensionsOf(trx: Trx, year: AcademicYear): Promise<ReportExtension[]> {
  const rows = await trx
    .selectFrom('case_extensions')
    .select(['requested_at', 'decision', 'decided_at'])
    .where((eb) => {
      const within = (column: 'requested_at' | 'decided_at') =>
        eb.and([eb(column, '>=', year.from), eb(column, '<', year.until)]);
      return eb.or([within('requested_at'), within('decided_at')]);
    })
    .execute();
  return rows.map((row) => ({
    requestedOn: londonDate(row.requested_at),
    approvedOn: row.decision === 'approved' ? dayOf(row.decided_at) : null,
  }));
}

async function reviewsOf(trx: Trx, year: AcademicYear): Promise<ReportReview[]> {
  const rows = await trx
    .selectFrom('case_measures')
    .select(['recorded_on', 'placement_kept'])
    .where('point', '=', 'post-closure')
    .where('recorded_on', '>=', `${year.start}-09-01`)
    .where('recorded_on', '<', `${year.start + 1}-09-01`)
    .execute();
  return rows.map((row) => ({ reviewedOn: row.recorded_on, placementKept: row.placement_kept }));
}

/** The years to choose from, newest first: each year with cases, the current one and the chosen one. */
async function yearsToChoose(trx: Trx, current: number, chosen: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('cases')
    .select(sql<string>`distinct academic_year`.as('year'))
    .execute();
  const starts = new Set([
    current,
    chosen,
    ...rows.map((row) => academicYearStart(row.year)).filter((start) => start !== undefined),
  ]);
  return [...starts].sort((a, b) => b - a).map((start) => `${start}/${String((start + 1) % 100).padStart(2, '0')}`);
}

export function caseworkReportService(db: Db) {
  async function build(trx: Trx, start: number | undefined, now: Date) {
    const today = londonDate(now);
    const current = academicYearStart(academicYearOf(today))!;
    const year = academicYear(start ?? current);
    const [cases, extensions, reviews, weeks, contactDays, assessmentDays] = await Promise.all([
      casesOf(trx, year),
      extensionsOf(trx, year),
      reviewsOf(trx, year),
      readSetting(trx, 'taf-interval-weeks'),
      readSetting(trx, 'initial-contact-working-days'),
      readSetting(trx, 'assessment-within-working-days'),
    ]);
    return {
      report: caseworkReport({ start: year.start, cases, extensions, reviews, weeks, today }),
      years: await yearsToChoose(trx, current, year.start),
      clocks: { weeks, contactDays, assessmentDays },
    };
  }

  return {
    /** The report for the academic year starting in September of `start` (default: the current one). */
    report(start?: number, now = new Date()) {
      return db.transaction().execute((trx) => build(trx, start, now));
    },

    /** The monthly figures for download; the export is audited (figures only, no personal data). */
    exportTable(actor: Actor, start?: number, now = new Date()) {
      return db.transaction().execute(async (trx) => {
        const { report } = await build(trx, start, now);
        const table = caseworkTable(report);
        await audit(trx, actor, {
          action: 'export',
          recordType: 'report',
          recordId: 'casework',
          details: { table: 'casework by month', academicYear: report.label, format: 'csv' },
        });
        return { label: report.label, ...table };
      });
    },
  };
}

export type CaseworkReportService = ReturnType<typeof caseworkReportService>;
