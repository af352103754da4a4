import type { RouteTable } from '../platform/permissions.ts';
import { isAdministrator } from '../platform/policies.ts';
import type { RouteServices } from '../services.ts';
import { homeFor } from './rules.ts';

/** The home page, and the information pages linked from every footer. */
export function siteRoutes(routes: RouteTable, { schools, council, clock }: RouteServices) {
  routes.get('/', 'signed-in', async (_req, res) => {
    const user = res.locals.user;
    const schoolNames = (await schools.names(user.schoolUrns)).join(', ');
    // An administrator of a live instance that is not yet open sees what is left to do first.
    const today = clock.today();
    const tasks =
      isAdministrator(user.roles) && !(await council.referralsOpen(today))
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

/**
 * Health checks for a load balancer or monitoring, public and without personal data:
 * - `/health/live`: the process answers (no database): restart it if this fails;
 * - `/health/ready`: the database answers and has run every migration this version has: send
 *   it requests only while this is 200 (503 otherwise, saying which part is not ready);
 * - `/health`: the database answers (kept for existing monitors).
 */
export function healthRoutes(routes: RouteTable, { health }: RouteServices) {
  routes.get('/health', 'public', async (_req, res) => {
    if (await health.databaseAnswers()) res.json({ status: 'UP', database: 'UP' });
    else res.status(503).json({ status: 'DOWN', database: 'DOWN' });
  });

  routes.get('/health/live', 'public', (_req, res) => {
    res.json({ status: 'UP' });
  });

  routes.get('/health/ready', 'public', async (_req, res) => {
    let state;
    try {
      state = await health.migrationState();
    } catch {
      res.status(503).json({ status: 'DOWN', database: 'DOWN', migrations: 'UNKNOWN' });
      return;
    }
    const migrated = state.pending.length === 0;
    res.status(migrated ? 200 : 503).json({
      status: migrated ? 'UP' : 'DOWN',
      database: 'UP',
      migrations: migrated ? 'UP' : 'PENDING',
      pending: state.pending,
    });
  });
}
