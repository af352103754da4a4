// The groups area [issue 9; seed 000]: clusters, the rotation, programmes, places, registers and the report.
import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';
import { groupOverviewRoutes } from './overview-routes.ts';
import { clusterRoutes } from './clusters/routes.ts';
import { rotationRoutes } from './rotation/routes.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { registerRoutes } from './registers/routes.ts';
import { groupReportRoutes } from './report/routes.ts';

export function groupsRoutes(routes: RouteTable, services: Services): void {
  groupOverviewRoutes(routes, services);
  clusterRoutes(routes, services);
  rotationRoutes(routes, services);
  groupReportRoutes(routes, services);
  programmeRoutes(routes, services);
  registerRoutes(routes, services);
  placeRoutes(routes, services);
}
