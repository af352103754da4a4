import type { AreaModule } from '../platform/area.ts';
import type { RouteServices } from '../services.ts';
import { CASE_EVENT_NAMES } from './rules.ts';
import { caseworkRoutes } from './routes.ts';

/** Cases: the work with a family from allocation to closure. */
export const casework: AreaModule<RouteServices> = {
  name: 'casework',
  routes(routes, services) {
    caseworkRoutes(routes, services);
  },
  viewGlobals: {
    caseEventNames: CASE_EVENT_NAMES,
    caseStatusNames: { open: 'Open', 'closure-proposed': 'Closure proposed', closed: 'Closed' },
    caseStatusClasses: {
      open: 'govuk-tag--green',
      'closure-proposed': 'govuk-tag--yellow',
      closed: 'govuk-tag--grey',
    },
  },
  navigation: [
    { href: '/cases', text: 'Cases', access: ['practitioner', 'senior_practitioner', 'team_manager'], position: 40 },
  ],
};
