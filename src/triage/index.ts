import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { decisionRoutes } from './decisions/routes.ts';
import { panelRoutes } from './panels/routes.ts';
import { triageRoutes } from './routes.ts';

/**
 * The front door: triage panels and their decisions. Its routes come before the referrals area's
 * (src/areas.ts), as decisionRoutes's /referrals/:id/more-information would otherwise be taken
 * by the referrals' /referrals/:id/:page.
 */
export const triage: AreaModule<RouteServices> = {
  name: 'triage',
  routes(routes, services) {
    decisionRoutes(routes, services);
    panelRoutes(routes, services); // before triageRoutes: its /triage/:id would take /triage/panels
    triageRoutes(routes, services);
  },
  navigation: [{ href: '/triage', text: 'Front door', access: ['triage_manager', 'team_manager'], position: 10 }],
};
