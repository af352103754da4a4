import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import type { Role } from '../platform/roles.ts';
import { actorOf } from '../platform/auth/routes.ts';
import type { Services } from '../services.ts';
import { sendTable } from '../platform/xlsx-export.ts';
import { academicYearStart } from './casework-rules.ts';

/** Who may see the front door's figures: the people who run it, and the analysts. */
export const REPORT_ROLES: readonly Role[] = ['triage_manager', 'team_manager', 'analyst'];

/** Who may see the casework figures: the team's managers, and the analysts. */
export const CASEWORK_REPORT_ROLES: readonly Role[] = ['team_manager', 'senior_practitioner', 'analyst'];

/** `?year=2026` is the academic year 2026 to 2027; anything else means the current year. */
const yearSchema = z.coerce.number().int().min(2000).max(2098).optional().catch(undefined);

export function reportsRoutes(routes: RouteTable, { frontDoorReport, caseworkReport: casework }: Services) {
  // Aggregates only: no individual record is read, so the page is not audited as a record view.
  routes.get('/reports/front-door', REPORT_ROLES, async (req, res) => {
    const { report, years } = await frontDoorReport.report(yearSchema.parse(req.query.year));
    res.render('reports/front-door', { title: `Front door report, ${report.year.label}`, report, years });
  });

  routes.get('/reports/front-door.csv', REPORT_ROLES, async (req, res) => {
    const { year, csv } = await frontDoorReport.exportTimeliness(actorOf(req, res), yearSchema.parse(req.query.year));
    res
      .attachment(`front-door-timeliness-${year.start}-to-${year.start + 1}.csv`)
      .type('text/csv; charset=utf-8')
      .send(csv);
  });

  // `?year=2026/27`; anything else means the current academic year. Aggregates only, like the front door's.
  routes.get('/reports/casework', CASEWORK_REPORT_ROLES, async (req, res) => {
    const { report, years, clocks } = await casework.report(academicYearStart(req.query.year));
    res.render('reports/casework', { title: `Casework report ${report.label}`, report, years, clocks });
  });

  routes.get('/reports/casework.csv', CASEWORK_REPORT_ROLES, async (req, res) => {
    const { label, header, rows } = await casework.exportTable(actorOf(req, res), academicYearStart(req.query.year));
    await sendTable(res, {
      filename: `casework-report-${label.replace('/', '-')}`,
      sheet: `Casework ${label.replace('/', '-')}`,
      header,
      rows,
      format: 'csv',
    });
  });
}
