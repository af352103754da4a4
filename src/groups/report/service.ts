/**
 * Reads what the groups report counts, in one transaction so the figures are of one moment: the
 * year's programmes with their sessions, places (and the schools of the children they are for,
 * with each school's cluster on the programme's first session), marks and scores; the cases
 * allocated in the year; the approved allocation plan's capacity. Counting is in rules.ts.
 * Figures only: no names are read.
 */
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { readSetting } from '../../platform/settings/service.ts';
import type { Clock } from '../../platform/clock.ts';
import { halfTermsOf } from '../repository.ts';
import { groupYearOf, yearFromQuery, yearLabelOf, yearOptions } from '../rules.ts';
import { capacityOf, caseworkOf, programmesOf, yearsToChoose, type Trx } from './repository.ts';
import { groupsReport, reportTable } from './rules.ts';

export const REPORT_RECORD = 'group-report';

export function groupReportService(db: Db, clock: Clock) {
  async function build(trx: Trx, yearParam: unknown) {
    const today = clock.today();
    const year = yearFromQuery(yearParam, today);
    const halfTerms = (await halfTermsOf(trx, year)).map((term) => term.name);
    const report = groupsReport({
      halfTerms,
      programmes: await programmesOf(trx, year),
      today,
      percent: await readSetting(trx, 'group-completion-percent'),
      casework: await caseworkOf(trx, year),
      capacity: await capacityOf(trx, year),
    });
    return {
      year,
      yearLabel: yearLabelOf(year),
      report,
      years: yearOptions(await yearsToChoose(trx, groupYearOf(today), year), year),
    };
  }

  return {
    /** The report for a year (`?year=2026/27`; the current school year otherwise). Figures only, so not audited. */
    report(yearParam: unknown) {
      return db.transaction().execute((trx) => build(trx, yearParam));
    },

    /** The report as one table for download; the export is audited (figures only). */
    exportTable(actor: Actor, yearParam: unknown) {
      return db.transaction().execute(async (trx) => {
        const { year, report } = await build(trx, yearParam);
        const table = reportTable(year, report);
        await audit(trx, actor, {
          action: 'export',
          recordType: REPORT_RECORD,
          recordId: year,
          details: { rows: table.rows.length },
        });
        return { year, ...table };
      });
    },
  };
}
