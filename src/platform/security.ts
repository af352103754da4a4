import { randomBytes } from 'node:crypto';
import helmet from 'helmet';
import session from 'express-session';
import { csrfSync } from 'csrf-sync';
import { Router, type Request, type Response } from 'express';
import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import { DatabaseSessionStore } from './auth/session-store.ts';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
    lastSeenAt?: number;
    returnTo?: string;
    flash?: string;
  }
}

/** Security headers with a per-response nonce for the only scripts the pages load. */
export function setUpWebSecurity(): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString('base64');
    next();
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [
            "'self'",
            // Helmet gives Node's response; this router's responses are Express's.
            (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
          ],
          styleSrc: ["'self'"],
          fontSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: true,
      // Sent below only for requests that came over HTTPS: RFC 6797 forbids it over plain HTTP.
      strictTransportSecurity: false,
    }),
  );
  const hsts = helmet.strictTransportSecurity();
  router.use((req, res, next) => (req.secure ? hsts(req, res, next) : next()));
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  return router;
}

export function setUpWebSession(config: Config, db: Db): { router: Router; store: DatabaseSessionStore } {
  const store = new DatabaseSessionStore(db);
  const router = Router();
  router.use(
    session({
      name: 'inclusion-hub.sid',
      store,
      secret: config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      rolling: false,
      // The cookie outlives the idle timeout so that a timed-out user is told why (see auth).
      cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: 8 * 60 * 60 * 1000 },
    }),
  );
  return { router, store };
}

/**
 * A file-upload (multipart) body is read only by its own route, after this check and after the
 * route's access check, so nobody can make the server hold an upload first. Such a form sends
 * its token in the query string instead (`action="…?_csrf=…"`); only multipart requests may, so
 * every other form keeps its token out of URLs. The request log leaves query strings out, and
 * the Referrer-Policy (no-referrer) keeps the URL out of Referer headers.
 */
function multipartQueryToken(req: Request): string | undefined {
  const token = req.query?._csrf;
  return req.is('multipart/form-data') && typeof token === 'string' ? token : undefined;
}

const csrf = csrfSync({
  getTokenFromRequest: (req: Request) =>
    (req.body?._csrf as string | undefined) ?? multipartQueryToken(req) ?? req.get('x-csrf-token'),
});

export const csrfErrorName = csrf.invalidCsrfTokenError.name;

/** A CSRF token on every form; every POST must return it. */
export function setUpCsrf(): Router {
  const router = Router();
  router.use(csrf.csrfSynchronisedProtection);
  router.use((req, res, next) => {
    // Signed-in pages all carry a form (sign out). Anonymous visitors get a token, and so
    // a session, only on pages with a form, via csrfTokenFor().
    if (req.session.userId) res.locals.csrfToken = csrf.generateToken(req);
    next();
  });
  return router;
}

export function csrfTokenFor(req: Request): string {
  return csrf.generateToken(req);
}
