import { Router } from 'express';
import type { RouteServices } from './services.ts';
import type { AreaModule } from './platform/area.ts';
import { RouteTable } from './platform/permissions.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { continueAfterPassword, twoFactorRoutes } from './platform/auth/two-factor/routes.ts';
import { signInOptions, singleSignOnRoutes } from './platform/auth/oidc/routes.ts';
import { signInAdminRoutes } from './platform/auth/admin-routes.ts';
import { usersRoutes } from './platform/users/routes.ts';
import { setPasswordRoutes } from './platform/users/set-password-routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { outboxRoutes } from './platform/notify/routes.ts';
import { settingsRoutes } from './platform/settings/routes.ts';
import { calendarRoutes } from './platform/calendar/routes.ts';
import { termDatesImportRoutes } from './platform/calendar/import-routes.ts';
import { councilRoutes } from './platform/instance/routes.ts';

/**
 * Every route of the service, each declared with the roles that may use it: the platform's
 * sign-in routes, then each area's in the order given (src/areas.ts), then the administration pages.
 */
export function buildRoutes(services: RouteServices, areas: readonly AreaModule<RouteServices>[]): RouteTable {
  const routes = new RouteTable(Router());
  routes.router.use('/sign-in', signInOptions(services.config));
  authRoutes(routes, services.auth, services.config, continueAfterPassword(services));
  twoFactorRoutes(routes, services);
  setPasswordRoutes(routes, services);
  singleSignOnRoutes(routes, services);
  for (const area of areas) area.routes(routes, services);
  usersRoutes(routes, services);
  signInAdminRoutes(routes, services);
  settingsRoutes(routes, services);
  councilRoutes(routes, services);
  termDatesImportRoutes(routes, services); // before calendarRoutes, whose /admin/term-dates/:id pages are near
  calendarRoutes(routes, services);
  auditRoutes(routes, services);
  outboxRoutes(routes, services);
  return routes;
}
