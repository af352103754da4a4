// The attendance dashboard and its downloads.
import type { Request, Response } from 'express';
import type { Services } from '../services.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { audit } from '../platform/audit/audit.ts';
import { sendTable, TABLE_FORMATS, type TableFormat } from '../platform/xlsx-export.ts';
import { attendanceDashboard, DASHBOARD_READERS, schoolsTable } from './dashboard.ts';
import { PERIOD_CHOICES } from './periods.ts';
import { CHRONIC_READERS } from './chronic.ts';
import { RECORD_READERS } from './roll/fields.ts';

const asked = (req: Request) => ({
  year: typeof req.query.year === 'string' ? req.query.year : undefined,
  period: typeof req.query.period === 'string' ? req.query.period : undefined,
});

export function attendanceDashboardRoutes(routes: RouteTable, { db }: Services) {
  const dashboard = attendanceDashboard(db);

  routes.get('/attendance', DASHBOARD_READERS, async (req, res) => {
    const view = await dashboard.view(res.locals.user, asked(req));
    const choice = view.empty ? undefined : view.choice;
    res.render('attendance/dashboard', {
      title: 'Attendance',
      ...view,
      periodItems: PERIOD_CHOICES.map((each) => ({ value: each.value, text: each.text, selected: each.value === choice })),
      yearItems: view.years.map((year) => ({ value: year, text: year, selected: !view.empty && year === view.year })),
      canImport: res.locals.user.roles.some((role: string) => role === 'attendance_officer' || role === 'school_user'),
      canSeeRecords: res.locals.user.roles.some((role: string) => (RECORD_READERS as readonly string[]).includes(role)),
      canSeePupils: res.locals.user.roles.some((role: string) => (CHRONIC_READERS as readonly string[]).includes(role)),
    });
  });

  routes.get('/attendance/groups', DASHBOARD_READERS, async (req, res) => {
    const view = await dashboard.groups(res.locals.user, asked(req));
    const choice = view.empty ? undefined : view.choice;
    res.render('attendance/groups', {
      title: 'Attendance by pupil group',
      ...view,
      periodItems: PERIOD_CHOICES.map((each) => ({ value: each.value, text: each.text, selected: each.value === choice })),
      yearItems: view.years.map((year) => ({ value: year, text: year, selected: !view.empty && year === view.year })),
    });
  });

  for (const format of TABLE_FORMATS) {
    routes.get(`/attendance/schools.${format}`, DASHBOARD_READERS, async (req: Request, res: Response) => {
      const view = await dashboard.view(res.locals.user, asked(req));
      if (view.empty) return res.redirect('/attendance');
      await audit(db, actorOf(req, res), { action: 'export', recordType: 'attendance-dashboard', details: { year: view.year, from: view.period.from, to: view.period.to, format } });
      await sendTable(res, { filename: `attendance-${view.year.replace('/', '-')}-${view.period.from}-to-${view.period.to}`, sheet: 'Attendance by school', format: format as TableFormat, ...schoolsTable(view.schools) });
    });
  }
}
