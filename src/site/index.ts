import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { healthRoutes, siteRoutes } from './routes.ts';

/** The service's own pages: the health checks and the home page. */
export const site: AreaModule<RouteServices> = {
  name: 'site',
  routes(routes, services) {
    healthRoutes(routes, services);
    siteRoutes(routes, services);
  },
};
