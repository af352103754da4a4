// The attendance records beside the session marks: the pupil roll, suspensions and permanent
// exclusions, reduced timetables, and the comparators the dashboard sets the borough beside.
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { rollRoutes } from '../roll/routes.ts';
import { suspensionRoutes } from '../suspensions/routes.ts';
import { reducedTimetableRoutes } from '../reduced-timetables/routes.ts';
import { comparatorRoutes } from '../comparators/routes.ts';

export function attendanceRecordRoutes(routes: RouteTable, services: RouteServices) {
  rollRoutes(routes, services);
  suspensionRoutes(routes, services);
  reducedTimetableRoutes(routes, services);
  comparatorRoutes(routes, services);
}
