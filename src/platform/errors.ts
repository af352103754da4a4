import type { NextFunction, Request, Response } from 'express';
import type { Logger } from './logger.ts';
import { loggedPath } from './request-logger.ts';
import { csrfErrorName } from './security.ts';
import { isDatabaseUnavailable } from '../db/availability.ts';
import type { ErrorItem } from './validation.ts';

export class NotFoundError extends Error {
  status = 404;
}

/**
 * Refuses what the user's account does not allow. With a `title`, the page shows the title and
 * the message as the reason; without one, the general "You do not have permission" page.
 */
export class ForbiddenError extends Error {
  status = 403;
  title: string | undefined;
  constructor(message: string, title?: string) {
    super(message);
    this.title = title;
  }
}

/** What was sent cannot be used (a field with a control character, say): nothing is changed, and the page says what. */
export class BadInputError extends Error {
  status = 400;
  problems: ErrorItem[];
  constructor(problems: ErrorItem[]) {
    super('The request has malformed fields');
    this.problems = problems;
  }
}

/** The largest id a record can have: PostgreSQL's integer. */
const MAX_ID = 2_147_483_647;

/** A record id, as given in an address or a form: a positive whole number, or undefined. */
export function recordId(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= MAX_ID ? id : undefined;
}

/** The record id in the address (`:id`, or another parameter): a positive whole number, or the page is not found. */
export function idOf(req: Request, name = 'id'): number {
  const id = recordId(req.params[name]);
  if (id === undefined) throw new NotFoundError();
  return id;
}

/** GOV.UK-style 404, 403 and 500 pages that never show a stack trace or personal data. */
export function notFoundHandler(_req: Request, res: Response) {
  res.status(404).render('errors/not-found', { title: 'Page not found' });
}

export function errorHandler(logger: Logger) {
  return (error: Error & { status?: number; code?: string }, req: Request, res: Response, _next: NextFunction) => {
    // Only the path (never the query string or body, which can hold personal data).
    const where = { method: req.method, path: loggedPath(req) };
    if (res.headersSent) {
      // The answer has begun (say a session could not be saved after the page was sent): it cannot
      // be replaced by an error page. End the connection so the browser sees the answer failed.
      logger.warn(
        { err: { message: error.message, code: error.code }, ...where },
        'request failed after its answer began',
      );
      if (!res.writableEnded) res.destroy();
      return;
    }
    if (error instanceof NotFoundError) return notFoundHandler(req, res);
    if (error.name === csrfErrorName || error.code === 'EBADCSRFTOKEN') {
      return res.status(403).render('errors/form-expired', { title: 'Your form could not be sent' });
    }
    if (error instanceof ForbiddenError && error.title)
      return res.status(403).render('errors/forbidden', { title: error.title, reason: error.message });
    if (error.status === 403)
      return res.status(403).render('errors/forbidden', { title: 'You do not have permission to see this page' });
    if (error.status === 400 || error.status === 413) {
      const errors = error instanceof BadInputError ? error.problems.map(({ text }) => ({ text })) : undefined;
      return res
        .status(error.status)
        .render('errors/bad-request', { title: 'Sorry, there is a problem with what was sent', errors });
    }
    if (isDatabaseUnavailable(error)) {
      logger.warn({ err: { message: error.message, code: error.code }, ...where }, 'database unavailable');
      res.set('Retry-After', '30');
      return res.status(503).render('errors/unavailable', { title: 'Sorry, the service is unavailable' });
    }
    logger.error({ err: { message: error.message, stack: error.stack }, ...where }, 'request failed');
    res.status(500).render('errors/server-error', { title: 'Sorry, there is a problem with the service' });
  };
}
