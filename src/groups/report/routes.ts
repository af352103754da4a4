// The groups report: per year and half term, with a CSV download. Figures only.
import { actorOf } from '../../platform/auth/routes.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { sendTable } from '../../platform/xlsx-export.ts';
import type { RouteServices } from '../../services.ts';
import { GROUP_REPORT_READERS } from '../../platform/policies.ts';

export function groupReportRoutes(routes: RouteTable, services: RouteServices): void {
  const reports = services.groups.report;

  // Aggregates only: no names are read, so the page is not audited as a record view.
  routes.get('/groups/report', GROUP_REPORT_READERS, async (req, res) => {
    const page = await reports.report(req.query.year);
    res.render('groups/report/index', { title: `Groups report ${page.yearLabel}`, ...page });
  });

  routes.get('/groups/report.csv', GROUP_REPORT_READERS, async (req, res) => {
    const { year, header, rows } = await reports.exportTable(actorOf(req, res), req.query.year);
    const label = year.replace('/', '-');
    await sendTable(res, { filename: `groups-report-${label}`, sheet: `Groups ${label}`, header, rows, format: 'csv' });
  });
}
