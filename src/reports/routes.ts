import type { RouteTable } from '../platform/permissions.ts';
import { CASEWORK_REPORT_ROLES, REPORT_ROLES } from '../platform/policies.ts';
import { actorOf } from '../platform/auth/routes.ts';
import type { RouteServices } from '../services.ts';
import { sendTable } from '../platform/xlsx-export.ts';
import { reportYearStart } from './rules.ts';
import { yearSchema } from './forms.ts';

export function reportsRoutes(routes: RouteTable, { frontDoorReport, caseworkReport: casework }: RouteServices) {
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

  // `?year=2026/27`; anything else means the current school year. Aggregates only, like the front door's.
  routes.get('/reports/casework', CASEWORK_REPORT_ROLES, async (req, res) => {
    const { report, years, clocks } = await casework.report(reportYearStart(req.query.year));
    res.render('reports/casework', { title: `Casework report ${report.label}`, report, years, clocks });
  });

  routes.get('/reports/casework.csv', CASEWORK_REPORT_ROLES, async (req, res) => {
    const { key, header, rows } = await casework.exportTable(actorOf(req, res), reportYearStart(req.query.year));
    await sendTable(res, {
      filename: `casework-report-${key.replace('/', '-')}`,
      sheet: `Casework ${key.replace('/', '-')}`,
      header,
      rows,
      format: 'csv',
    });
  });
}
