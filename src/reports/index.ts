import type { AreaModule } from '../platform/area.ts';
import type { Services } from '../services.ts';
import { reportsRoutes } from './routes.ts';

/** Reports on the service's work. */
export const reports: AreaModule<Services> = {
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
