import './platform/locals.ts';
import express from 'express';
import type { Services } from './services.ts';
import { setUpViews } from './platform/views.ts';
import { setUpCsrf, setUpWebSecurity, setUpWebSession } from './platform/security.ts';
import { currentUser } from './platform/auth/routes.ts';
import { resumeForm } from './platform/auth/resume.ts';
import { errorHandler, notFoundHandler } from './platform/errors.ts';
import { requestLogger } from './platform/request-logger.ts';
import { buildRoutes } from './routes.ts';
import { councilLocals } from './platform/instance/routes.ts';

/** Builds the web application from its parts; `server.ts` starts it. */
export function buildApp(services: Services) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', services.config.trustProxy);
  app.use(requestLogger(services.logger));
  setUpViews(app);
  app.use(setUpWebSecurity());
  // Every page, error pages included, shows the council's words and whether this is the demo.
  app.use(councilLocals(services.council));
  app.use(express.urlencoded({ extended: false, limit: '1mb' }));
  app.use(express.json({ limit: '1mb' }));
  const session = setUpWebSession(services.config, services.db);
  app.use(session.router);
  app.use(setUpCsrf());
  app.use(currentUser(services.auth, services.config));
  app.use(resumeForm);
  const routes = buildRoutes(services);
  app.use(routes.router);
  app.use(notFoundHandler);
  app.use(errorHandler(services.logger));
  return { app, routes, sessionStore: session.store };
}
