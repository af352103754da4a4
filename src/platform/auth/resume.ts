import type { NextFunction, Request, Response } from 'express';

/**
 * Nothing typed is lost when a session times out: a form sent after the idle timeout is kept
 * (for the same person only) while they sign in again, and the page they were on is shown
 * again with what they typed, for them to check and save.
 */
export interface PendingForm {
  userId: number;
  path: string;
  body: Record<string, string | string[]>;
}

declare module 'express-session' {
  interface SessionData {
    pendingForm?: PendingForm;
  }
}

/** The typed fields of a form, without its CSRF token or anything that is not text. */
export function keptFields(body: unknown): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body && typeof body === 'object' ? body : {})) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') kept[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === 'string')) kept[key] = value;
  }
  return kept;
}

/** Where to go after signing in again: back to the form, if the kept form is this person's. */
export function resumeAfterSignIn(pending: PendingForm | undefined, userId: number): string | undefined {
  return pending && pending.userId === userId ? pending.path : undefined;
}

/** On the form's page, hands what was typed to the route as `res.locals.resumedValues`, once. */
export function resumeForm(req: Request, res: Response, next: NextFunction) {
  const pending = req.session?.pendingForm;
  if (req.method === 'GET' && pending && pending.path === req.originalUrl && res.locals.user?.id === pending.userId) {
    res.locals.resumedValues = pending.body;
    res.locals.flash =
      'You were signed out because you had not used the service for a while. We kept what you typed: check it, then save.';
    delete req.session.pendingForm;
  }
  next();
}
