import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { knownEpisodesRoutes } from './known-episodes/routes.ts';
import { EVENT_NAMES, STATUS_CLASSES, STATUS_NAMES } from './outcomes/rules.ts';
import { referralsRoutes } from './routes.ts';

/** Referrals to the service, and the episodes of support already known. */
export const referrals: AreaModule<RouteServices> = {
  name: 'referrals',
  routes(routes, services) {
    referralsRoutes(routes, services);
    knownEpisodesRoutes(routes, services);
  },
  // The referral's status and timeline, which triage's and allocation's pages show too.
  viewGlobals: { statusNames: STATUS_NAMES, statusClasses: STATUS_CLASSES, eventNames: EVENT_NAMES },
  navigation: [
    {
      href: '/referrals',
      text: 'Referrals',
      access: ['school_user', 'triage_manager', 'team_manager'],
      position: 20,
    },
  ],
};
