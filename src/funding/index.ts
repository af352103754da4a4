import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { fundingRoutes } from './routes.ts';

/** The de-delegated funding: its years, the schools' statements and contingency. */
export const funding: AreaModule<RouteServices> = {
  name: 'funding',
  routes(routes, services) {
    fundingRoutes(routes, services);
  },
  navigation: [
    { href: '/funding', text: 'Funding', access: ['finance_officer', 'admin', 'analyst', 'school_user'], position: 80 },
  ],
};
