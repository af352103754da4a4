import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.ts';

/** Addresses whose last part is a secret (a one-time password link): logged with the secret left out. */
const SECRET_PATHS = [/^(\/set-password\/)[^/]+/];

/** The request's path as the log may show it: no query string, and no secret from a one-time link. */
export function loggedPath(req: Request): string {
  return SECRET_PATHS.reduce((path, pattern) => path.replace(pattern, '$1[token]'), req.path);
}

/** One line per request: method, path (no query string), status, time and user id. No personal data. */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          path: loggedPath(req),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          userId: res.locals.user?.id,
        },
        'request',
      );
    });
    next();
  };
}
