import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';
import { homeFor } from './home.ts';
import { londonDate } from '../platform/london-time.ts';

/** The home page, and the information pages linked from every footer. */
export function siteRoutes(routes: RouteTable, { schools, council, clock }: Services) {
  routes.get('/', 'signed-in', async (_req, res) => {
    const user = res.locals.user;
    const schoolNames = (await schools.names(user.schoolUrns)).join(', ');
    // An administrator of a live instance that is not yet open sees what is left to do first.
    const today = londonDate(clock.now());
    const tasks =
      user.roles.includes('admin') && !(await council.referralsOpen(today))
        ? await council.openingTasks(today)
        : undefined;
    res.render('site/home', { title: 'Home', sections: homeFor(user), schoolNames, tasks });
  });
  const pages = {
    '/accessibility': ['site/accessibility', 'Accessibility statement'],
    '/privacy': ['site/privacy', 'Privacy notice'],
    '/cookies': ['site/cookies', 'Cookies'],
    '/about-the-data': ['site/about-the-data', 'About the data'],
  } as const;
  for (const [path, [view, title]] of Object.entries(pages)) {
    routes.get(path, 'public', (_req, res) => res.render(view, { title }));
  }
}
