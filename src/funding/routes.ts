// The funding area [issue 8; seed 001]: de-delegation for the schools forum. Each part of the
// area registers its own routes here.
import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';
import { factorRoutes } from './factor-routes.ts';
import { fundingYearRoutes } from './year-routes.ts';
import { fundingServiceRoutes } from './service-routes.ts';
import { schoolDataRoutes } from './school-data-routes.ts';
import { contingencyRoutes } from './contingency/routes.ts';
import { paperRoutes } from './paper-routes.ts';
import { statementRoutes } from './statement-routes.ts';
import { whatIfRoutes } from './what-if-routes.ts';
import { checkRoutes } from './check-routes.ts';

export function fundingRoutes(routes: RouteTable, services: Services) {
  factorRoutes(routes, services.db); // before fundingYearRoutes: its /funding/:year would take /funding/factors
  fundingYearRoutes(routes, services.db);
  fundingServiceRoutes(routes, services.db);
  schoolDataRoutes(routes, services.db);
  contingencyRoutes(routes, services.db);
  paperRoutes(routes, services.db);
  statementRoutes(routes, services.db);
  whatIfRoutes(routes, services.db);
  checkRoutes(routes, services.db);
}
