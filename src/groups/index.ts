import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { groupsRoutes } from './routes.ts';

/** Group programmes for children: places, registers and their reports. */
export const groups: AreaModule<RouteServices> = {
  name: 'groups',
  routes(routes, services) {
    groupsRoutes(routes, services);
  },
  navigation: [
    {
      href: '/groups',
      text: 'Groups',
      access: ['senior_practitioner', 'practitioner', 'team_manager', 'school_user'],
      position: 60,
    },
  ],
};
