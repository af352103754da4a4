import type { AreaModule } from '../platform/area.ts';
import type { Services } from '../services.ts';
import { planRoutes } from './plan-routes.ts';
import { practitionerTypeName } from './practitioner-types.ts';
import { queueRoutes } from './queue-routes.ts';
import { allocationRoutes } from './routes.ts';

/** Sharing the service among schools, and allocating referrals to practitioners. */
export const allocation: AreaModule<Services> = {
  name: 'allocation',
  routes(routes, services) {
    planRoutes(routes, services); // before allocationRoutes, which owns the rest of /allocation
    allocationRoutes(routes, services);
    queueRoutes(routes, services);
  },
  viewFilters: { practitionerType: practitionerTypeName },
  navigation: [{ href: '/allocation/queue', text: 'Allocation', access: ['team_manager'], position: 30 }],
};
