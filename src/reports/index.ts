import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { reportsRoutes } from './routes.ts';

/** Reports on the service's work. */
export const reports: AreaModule<RouteServices> = {
  name: 'reports',
  routes(routes, services) {
    reportsRoutes(routes, services);
  },
  navigation: [
    {
      href: '/reports/front-door',
      text: 'Reports',
      access: ['triage_manager', 'team_manager', 'analyst'],
      position: 100,
    },
  ],
};
