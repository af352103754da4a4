import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { schoolFiguresRoutes } from './figures/routes.ts';
import { giasRoutes } from './gias/routes.ts';
import { schoolsRoutes } from './routes.ts';

/** The authority's schools, their figures, and the register of schools (GIAS) they come from. */
export const schools: AreaModule<RouteServices> = {
  name: 'schools',
  routes(routes, services) {
    schoolFiguresRoutes(routes, services); // before schoolsRoutes: its /schools/:urn would take /schools/figures
    schoolsRoutes(routes, services);
    giasRoutes(routes, services);
  },
  navigation: [{ href: '/schools', text: 'Schools', access: 'signed-in', position: 90 }],
};
