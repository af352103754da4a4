import type { AreaModule } from './platform/area.ts';
import type { RouteServices } from './services.ts';
import { site } from './site/index.ts';
import { schools } from './schools/index.ts';
import { children } from './children/index.ts';
import { triage } from './triage/index.ts';
import { referrals } from './referrals/index.ts';
import { allocation } from './allocation/index.ts';
import { casework } from './casework/index.ts';
import { attendance } from './attendance/index.ts';
import { funding } from './funding/index.ts';
import { groups } from './groups/index.ts';
import { reports } from './reports/index.ts';

/**
 * The areas of the service, in the order their routes are registered (src/routes.ts), between
 * the platform's sign-in routes and its administration pages. Order matters where paths overlap:
 * triage comes before referrals, as its /referrals/:id/more-information would otherwise be taken
 * by the referrals' /referrals/:id/:page.
 * Routes are given every service but not the database (RouteServices).
 */
export const AREAS: readonly AreaModule<RouteServices>[] = [
  site,
  schools,
  children,
  triage,
  referrals,
  allocation,
  casework,
  attendance,
  funding,
  groups,
  reports,
];
