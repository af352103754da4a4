// The groups report [issue 9]: per year and half term, with a CSV download. Figures only.
import { actorOf } from '../../platform/auth/routes.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { sendTable } from '../../platform/xlsx-export.ts';
import type { Services } from '../../services.ts';
import { GROUP_REPORT_READERS } from '../access.ts';
import { groupReportService } from './service.ts';

export function groupReportRoutes(routes: RouteTable, { db }: Services): void {
  const reports = groupReportService(db);

  // Aggregates only: no names are read, so the page is not audited as a record view.
  routes.get('/groups/report', GROUP_REPORT_READERS, async (req, res) => {
    const { year, report, years } = await reports.report(req.query.year);
    res.render('groups/report/index', { title: `Groups report ${year}`, year, report, years });
  });

  routes.get('/groups/report.csv', GROUP_REPORT_READERS, async (req, res) => {
    const { year, header, rows } = await reports.exportTable(actorOf(req, res), req.query.year);
    const label = year.replace('/', '-');
    await sendTable(res, { filename: `groups-report-${label}`, sheet: `Groups ${label}`, header, rows, format: 'csv' });
  });
}
