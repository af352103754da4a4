// The attendance dashboard and its downloads.
import type { Request, Response } from 'express';
import type { Services } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { sendTable, TABLE_FORMATS, type TableFormat } from '../../platform/xlsx-export.ts';
import { DASHBOARD_READERS, schoolsTable } from './service.ts';
import { askedPeriod, periodPage, periodQuery } from '../period/forms.ts';
import type { Role } from '../../platform/roles.ts';
import { COMPARATOR_READERS } from '../comparators/routes.ts';
import { CHRONIC_READERS } from '../chronic/service.ts';
import { RECORD_READERS } from '../records/forms.ts';

export function attendanceDashboardRoutes(routes: RouteTable, { attendanceDashboard: dashboard }: Services) {
  routes.get('/attendance', DASHBOARD_READERS, async (req, res) => {
    const view = await dashboard.view(res.locals.user, askedPeriod(req));
    res.status(view.chosen.errors?.length ? 400 : 200).render('attendance/dashboard', {
      title: 'Attendance',
      ...view,
      ...periodPage(req, res, view.chosen),
      canImport: res.locals.user.roles.some((role: string) => role === 'attendance_officer' || role === 'school_user'),
      canSeeRecords: res.locals.user.roles.some((role: string) => (RECORD_READERS as readonly string[]).includes(role)),
      canSeeComparators: res.locals.user.roles.some((role: string) => COMPARATOR_READERS.includes(role as Role)),
      canSeePupils: res.locals.user.roles.some((role: string) => (CHRONIC_READERS as readonly string[]).includes(role)),
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
