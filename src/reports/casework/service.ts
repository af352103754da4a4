/**
 * The casework report: the figures of one school year, read in one transaction so they are of
 * one moment. The counting is in rules.ts, the reading in repository.ts.
 */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { schoolYearOf, schoolYearStarting, type SchoolYear } from '../../platform/school-year.ts';
import { reportYear, reportYearStart } from '../rules.ts';
import { caseworkReportRepository } from './repository.ts';
import { caseworkReport, caseworkTable } from './rules.ts';

type Trx = Transaction<Database>;

export function caseworkReportService(db: Db, clock: Clock) {
  const repository = caseworkReportRepository();

  /** The years to choose from, newest first: each year with cases, the current one and the chosen one. */
  async function yearsToChoose(trx: Trx, current: number, chosen: number): Promise<SchoolYear[]> {
    const stored = (await repository.caseYears(trx)).map(reportYearStart).filter((start) => start !== undefined);
    const starts = new Set([current, chosen, ...stored]);
    return [...starts].sort((a, b) => b - a).map(schoolYearStarting);
  }

  async function build(trx: Trx, start: number | undefined) {
    const today = clock.today();
    const current = schoolYearOf(today).start;
    const year = reportYear(start ?? current);
    const [cases, extensions, reviews, weeks, contactDays, assessmentDays] = await Promise.all([
      repository.cases(trx, year),
      repository.extensions(trx, year),
      repository.reviews(trx, year),
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
    /** The report for the school year starting on 1 August of `start` (default: the current one). */
    report(start?: number) {
      return db.transaction().execute((trx) => build(trx, start));
    },

    /** The monthly figures for download; the export is audited (figures only, no personal data). */
    exportTable(actor: Actor, start?: number) {
      return db.transaction().execute(async (trx) => {
        const { report } = await build(trx, start);
        const table = caseworkTable(report);
        await audit(trx, actor, {
          action: 'export',
          recordType: 'report',
          recordId: 'casework',
          details: { table: 'casework by month', academicYear: report.key, format: 'csv' },
        });
        return { key: report.key, label: report.label, ...table };
      });
    },
  };
}

export type CaseworkReportService = ReturnType<typeof caseworkReportService>;
