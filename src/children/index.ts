import type { AreaModule } from '../platform/area.ts';
import { CHILD_RECORD_ROLES } from '../platform/roles.ts';
import type { RouteServices } from '../services.ts';
import { childrenRoutes } from './routes.ts';

/** Children's records. */
export const children: AreaModule<RouteServices> = {
  name: 'children',
  routes(routes, services) {
    childrenRoutes(routes, services);
  },
  navigation: [{ href: '/children', text: 'Children', access: CHILD_RECORD_ROLES, position: 50 }],
};
