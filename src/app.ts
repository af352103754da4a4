import './platform/locals.ts';
import express, { type Request } from 'express';
import type { RouteServices, Services } from './services.ts';
import { setUpViews } from './platform/views.ts';
import { setUpCsrf, setUpWebSecurity, setUpWebSession } from './platform/security.ts';
import { currentUser } from './platform/auth/routes.ts';
import { resumeForm } from './platform/auth/resume.ts';
import { errorHandler, notFoundHandler } from './platform/errors.ts';
import { requestLogger } from './platform/request-logger.ts';
import { buildRoutes } from './routes.ts';
import { AREAS } from './areas.ts';
import type { AreaModule } from './platform/area.ts';
import { serviceNavigation } from './platform/navigation.ts';
import { councilLocals } from './platform/instance/routes.ts';

/**
 * Builds the web application from its parts and its areas (src/areas.ts); `server.ts` starts it.
 * `pageLocals` adds to what every page's layout is given (such as a notice while the demo's
 * attendance marks are being made).
 */
export function buildApp(
  services: Services,
  areas: readonly AreaModule<RouteServices>[] = AREAS,
  pageLocals?: (req: Request) => Record<string, unknown>,
) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.config.trustProxy);
  app.use(requestLogger(services.logger));
  setUpViews(app, areas);
  app.use(setUpWebSecurity());
  // Every page, error pages included, shows the council's words and whether this is the demo.
  app.use(councilLocals(services.council));
  if (pageLocals)
    app.use((req, res, next) => {
      Object.assign(res.locals, pageLocals(req));
      next();
    });
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  const session = setUpWebSession(services.config, services.db);
  app.use(session.router);
  app.use(setUpCsrf());
  const navigation = serviceNavigation(areas.flatMap((area) => area.navigation ?? []));
  app.use(currentUser(services.auth, services.config, navigation));
  app.use(resumeForm);
  // Routes are given the services without the database: only services query it.
  const routes = buildRoutes(withoutDatabase(services), areas);
  app.use(routes.router);
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return { app, routes, sessionStore: session.store };
}

/** The services as routes see them: every one but the database. */
function withoutDatabase(services: Services): RouteServices {
  const routeServices: Partial<Services> = { ...services };
  delete routeServices.db;
  return routeServices as RouteServices;
}
