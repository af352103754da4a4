// The allocation area: the vulnerability table and its method, the year's allocation plan of
// cases per school, and the team manager's queue of referrals waiting for a practitioner.
import type { RouteTable } from '../platform/permissions.ts';
import type { RouteServices } from '../services.ts';
import { methodRoutes } from './methods/routes.ts';
import { planRoutes } from './plans/routes.ts';
import { queueRoutes } from './queue/routes.ts';
import { ALLOCATION_READERS } from '../platform/policies.ts';
import { publishedRoutes, vulnerabilityRoutes } from './vulnerability/routes.ts';

export function allocationRoutes(routes: RouteTable, services: RouteServices): void {
  planRoutes(routes, services); // before the others: the plan's pages sit under /allocation/plan
  vulnerabilityRoutes(routes, services);
  methodRoutes(routes, services);
  publishedRoutes(routes, services, ALLOCATION_READERS);
  queueRoutes(routes, services);
}
