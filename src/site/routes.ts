import type { RouteTable } from '../platform/permissions.ts';
import type { Services } from '../services.ts';
import { homeFor } from './home.ts';

/** The home page, and the information pages linked from every footer. */
export function siteRoutes(routes: RouteTable, { schools }: Services) {
  routes.get('/', 'signed-in', async (_req, res) => {
    const user = res.locals.user;
    const schoolNames = (await schools.names(user.schoolUrns)).join(', ');
    res.render('site/home', { title: 'Home', sections: homeFor(user), schoolNames });
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
