// The attendance dashboard and its downloads.
import type { Request, Response } from 'express';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { sendTable, TABLE_FORMATS, type TableFormat } from '../../platform/xlsx-export.ts';
import { schoolsTable } from './service.ts';
import { askedPeriod, periodPage, periodQuery } from '../period/forms.ts';
import {
  ATTENDANCE_DASHBOARD_READERS as DASHBOARD_READERS,
  mayImportMarks,
  mayReadAttendanceRecords,
  mayReadChronicAbsence,
  mayReadComparators,
} from '../../platform/policies.ts';

export function attendanceDashboardRoutes(routes: RouteTable, { attendanceDashboard: dashboard }: RouteServices) {
  routes.get('/attendance', DASHBOARD_READERS, async (req, res) => {
    const view = await dashboard.view(res.locals.user, askedPeriod(req));
    res.status(view.chosen.errors?.length ? 400 : 200).render('attendance/dashboard', {
      title: 'Attendance',
      ...view,
      ...periodPage(req, res, view.chosen),
      canImport: mayImportMarks(res.locals.user.roles),
      canSeeRecords: mayReadAttendanceRecords(res.locals.user.roles),
      canSeeComparators: mayReadComparators(res.locals.user.roles),
      canSeePupils: mayReadChronicAbsence(res.locals.user.roles),
    });
  });

  routes.get('/attendance/groups', DASHBOARD_READERS, async (req, res) => {
    const view = await dashboard.groups(res.locals.user, askedPeriod(req));
    res.status(view.chosen.errors?.length ? 400 : 200).render('attendance/groups', {
      title: 'Attendance by pupil group',
      ...view,
      ...periodPage(req, res, view.chosen),
    });
  });

  for (const format of TABLE_FORMATS) {
    routes.get(`/attendance/schools.${format}`, DASHBOARD_READERS, async (req: Request, res: Response) => {
      const view = await dashboard.view(res.locals.user, askedPeriod(req));
      if (view.empty || view.chosen.errors?.length) return res.redirect(`/attendance?${periodQuery(view.chosen)}`);
      await dashboard.recordExport(
        actorOf(req, res),
        { year: view.year, urn: view.chosen.school?.urn, from: view.period.from, to: view.period.to },
        format,
      );
      await sendTable(res, {
        filename: `attendance-${view.year.replace('/', '-')}-${view.period.from}-to-${view.period.to}`,
        sheet: 'Attendance by school',
        format: format as TableFormat,
        ...schoolsTable(view.schools),
      });
    });
  }
}
