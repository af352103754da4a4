import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { practitionerTypeName } from '../platform/users/practitioner-types.ts';
import { allocationRoutes } from './routes.ts';

/** Sharing the service among schools, and allocating referrals to practitioners. */
export const allocation: AreaModule<RouteServices> = {
  name: 'allocation',
  routes(routes, services) {
    allocationRoutes(routes, services); // the plan's pages first, then the rest of /allocation and the queue
  },
  viewFilters: { practitionerType: practitionerTypeName },
  navigation: [{ href: '/allocation/queue', text: 'Allocation', access: ['team_manager'], position: 30 }],
};
