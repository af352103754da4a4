import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { loadCalendar } from '../../platform/calendar/service.ts';
import { londonDate } from '../../platform/london-time.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { clockRules } from '../../referrals/service.ts';
import { reportYear } from '../rules.ts';
import { frontDoorReportRepository } from './repository.ts';
import { frontDoorReport, timelinessCsv } from './rules.ts';

export function frontDoorReportService(db: Db, clock: Clock) {
  const repository = frontDoorReportRepository();

  /** The school years to choose from: from the first referral's to the current one, newest first. */
  async function yearsToChoose(trx: Transaction<Database>, current: number, chosen: number): Promise<number[]> {
    const first = await repository.firstSent(trx);
    const earliest = first ? schoolYearOf(londonDate(first)).start : current;
    const years = new Set([chosen]);
    for (let year = Math.min(earliest, current); year <= current; year++) years.add(year);
    return [...years].sort((a, b) => b - a);
  }

  /** Settings, calendar and referrals read in one transaction, so the figures are of one moment. */
  async function build(trx: Transaction<Database>, start: number | undefined) {
    const now = clock.now();
    const current = schoolYearOf(londonDate(now)).start;
    const year = reportYear(start ?? current);
    const rules = await clockRules(trx);
    const calendar = await loadCalendar(trx);
    const report = frontDoorReport(await repository.referralsSent(trx, year), rules, calendar, now, year);
    return { report, years: await yearsToChoose(trx, current, year.start) };
  }

  return {
    /** The report for the school year starting on 1 August of `start` (default: the current one). */
    report(start?: number) {
      return db.transaction().execute((trx) => build(trx, start));
    },

    /** The monthly timeliness table as CSV; the export is audited (figures only, no personal data). */
    exportTimeliness(actor: Actor, start?: number) {
      return db.transaction().execute(async (trx) => {
        const { report } = await build(trx, start);
        await audit(trx, actor, {
          action: 'export',
          recordType: 'report',
          recordId: 'front-door',
          details: { table: 'timeliness by month', academicYear: report.year.label },
        });
        return { year: report.year, csv: timelinessCsv(report) };
      });
    },
  };
}

export type FrontDoorReportService = ReturnType<typeof frontDoorReportService>;
