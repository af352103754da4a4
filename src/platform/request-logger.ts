import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.ts';

/** One line per request: method, path (no query string), status, time and user id. No personal data. */
export function requestLogger(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          path: req.path,
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
