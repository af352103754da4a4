import type { RouteTable } from '../platform/permissions.ts';
import { homeFor } from './home.ts';

/** The home page, and the information pages linked from every footer. */
export function siteRoutes(routes: RouteTable) {
  routes.get('/', 'signed-in', (_req, res) => {
    res.render('site/home', { title: 'Home', sections: homeFor(res.locals.user) });
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
