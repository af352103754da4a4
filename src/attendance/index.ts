import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { chronicAbsenceRoutes } from './chronic/routes.ts';
import { attendanceDashboardRoutes } from './dashboard/routes.ts';
import { attendanceImportRoutes } from './marks/routes.ts';
import { attendanceRecordRoutes } from './records/routes.ts';

/** Children's school attendance: the records, their imports, the dashboard and chronic absence. */
export const attendance: AreaModule<RouteServices> = {
  name: 'attendance',
  routes(routes, services) {
    attendanceRecordRoutes(routes, services);
    attendanceImportRoutes(routes, services);
    attendanceDashboardRoutes(routes, services);
    chronicAbsenceRoutes(routes, services);
  },
  navigation: [
    {
      href: '/attendance',
      text: 'Attendance',
      access: ['attendance_officer', 'analyst', 'team_manager', 'senior_practitioner', 'triage_manager', 'school_user'],
      position: 70,
    },
  ],
};
