// The groups area (Havering SEMH Team proposal): the overview, clusters, the rotation, programmes,
// places, registers and the report.
import type { RouteTable } from '../platform/permissions.ts';
import type { RouteServices } from '../services.ts';
import { mayUse } from '../platform/permissions.ts';
import type { CurrentUser, Role } from '../platform/roles.ts';
import { CLUSTER_EDITORS, GROUP_ORGANISERS, GROUP_READERS, GROUP_REPORT_READERS } from '../platform/policies.ts';
import { clusterRoutes } from './clusters/routes.ts';
import { rotationRoutes } from './rotation/routes.ts';
import { programmeRoutes } from './programmes/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { registerRoutes } from './registers/routes.ts';
import { groupReportRoutes } from './report/routes.ts';

/** The links on the overview each role may use. */
function linksFor(user: CurrentUser, year: string) {
  const query = `?year=${encodeURIComponent(year)}`;
  const links: { href: string; text: string; access: readonly Role[] }[] = [
    { href: `/groups/clusters${query}`, text: 'Clusters of schools', access: [...CLUSTER_EDITORS, ...GROUP_READERS] },
    { href: `/groups/rotation${query}`, text: 'Rotation of clusters over the half terms', access: GROUP_READERS },
    { href: '/groups/programmes/new?kind=parent-group', text: 'Create a parent group', access: GROUP_ORGANISERS },
    { href: '/groups/programmes/new?kind=small-group', text: 'Create a small group', access: GROUP_ORGANISERS },
    { href: `/groups/report${query}`, text: 'Groups report', access: GROUP_REPORT_READERS },
  ];
  return links.filter((link) => mayUse(link.access, user.roles)).map(({ href, text }) => ({ href, text }));
}

export function groupsRoutes(routes: RouteTable, services: RouteServices): void {
  routes.get('/groups', GROUP_READERS, async (req, res) => {
    const user: CurrentUser = res.locals.user;
    const page = await services.groups.overview.page(user, req.query.year);
    res.render('groups/index', { title: `Groups ${page.yearLabel}`, ...page, links: linksFor(user, page.year) });
  });
  clusterRoutes(routes, services);
  rotationRoutes(routes, services);
  groupReportRoutes(routes, services);
  programmeRoutes(routes, services);
  registerRoutes(routes, services);
  placeRoutes(routes, services);
}
