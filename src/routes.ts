import { Router } from 'express';
import type { Services } from './services.ts';
import { RouteTable } from './platform/permissions.ts';
import { authRoutes } from './platform/auth/routes.ts';
import { continueAfterPassword, twoFactorRoutes } from './platform/auth/two-factor/routes.ts';
import { signInOptions, singleSignOnRoutes } from './platform/auth/oidc/routes.ts';
import { signInAdminRoutes } from './platform/auth/admin-routes.ts';
import { healthRoutes } from './site/health.ts';
import { siteRoutes } from './site/routes.ts';
import { usersRoutes } from './platform/users/routes.ts';
import { setPasswordRoutes } from './platform/users/set-password-routes.ts';
import { auditRoutes } from './platform/audit/routes.ts';
import { outboxRoutes } from './platform/notify/routes.ts';
import { settingsRoutes } from './platform/settings/routes.ts';
import { calendarRoutes } from './platform/calendar/routes.ts';
import { termDatesImportRoutes } from './platform/calendar/import-routes.ts';
import { schoolsRoutes } from './schools/routes.ts';
import { schoolFiguresRoutes } from './schools/figures/routes.ts';
import { childrenRoutes } from './children/routes.ts';
import { referralsRoutes } from './referrals/routes.ts';
import { triageRoutes } from './triage/routes.ts';
import { allocationRoutes } from './allocation/routes.ts';
import { decisionRoutes } from './triage/decision-routes.ts';
import { panelRoutes } from './triage/panel-routes.ts';
import { knownEpisodesRoutes } from './referrals/known-episodes/routes.ts';
import { reportsRoutes } from './reports/routes.ts';
import { caseworkRoutes } from './casework/routes.ts';
import { attendanceRecordRoutes } from './attendance/records-routes.ts';
import { attendanceImportRoutes } from './attendance/import-routes.ts';
import { attendanceDashboardRoutes } from './attendance/dashboard-routes.ts';
import { chronicAbsenceRoutes } from './attendance/chronic-routes.ts';
import { fundingRoutes } from './funding/routes.ts';
import { groupsRoutes } from './groups/routes.ts';
import { councilRoutes } from './platform/instance/routes.ts';
import { giasRoutes } from './schools/gias/routes.ts';

/** Every route of the service, each declared with the roles that may use it. */
export function buildRoutes(services: Services): RouteTable {
  const routes = new RouteTable(Router());
  healthRoutes(routes, services);
  routes.router.use('/sign-in', signInOptions(services.config));
  authRoutes(routes, services.auth, services.config, continueAfterPassword(services));
  twoFactorRoutes(routes, services);
  setPasswordRoutes(routes, services);
  singleSignOnRoutes(routes, services);
  siteRoutes(routes, services);
  schoolFiguresRoutes(routes, services); // before schoolsRoutes: its /schools/:urn would take /schools/figures
  schoolsRoutes(routes, services);
  childrenRoutes(routes, services);
  decisionRoutes(routes, services); // before referralsRoutes: its /referrals/:id/:page would take /referrals/:id/more-information
  referralsRoutes(routes, services);
  panelRoutes(routes, services); // before triageRoutes: its /triage/:id would take /triage/panels
  triageRoutes(routes, services);
  allocationRoutes(routes, services);
  caseworkRoutes(routes, services);
  attendanceRecordRoutes(routes, services);
  attendanceImportRoutes(routes, services);
  attendanceDashboardRoutes(routes, services);
  chronicAbsenceRoutes(routes, services);
  fundingRoutes(routes, services);
  groupsRoutes(routes, services);
  knownEpisodesRoutes(routes, services);
  reportsRoutes(routes, services);
  usersRoutes(routes, services);
  signInAdminRoutes(routes, services);
  settingsRoutes(routes, services);
  councilRoutes(routes, services);
  giasRoutes(routes, services);
  termDatesImportRoutes(routes, services); // before calendarRoutes, whose /admin/term-dates/:id pages are near
  calendarRoutes(routes, services);
  auditRoutes(routes, services);
  outboxRoutes(routes, services);
  return routes;
}
