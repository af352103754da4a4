// The funding area [issue 8; seed 001]: de-delegation for the schools forum. Each part of the
// area registers its own routes here.
import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';

export function fundingRoutes(routes: RouteTable, services: Services) {
  void routes;
  void services;
}
