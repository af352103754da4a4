import type { Request } from 'express';
import type { PendingForm } from './resume.ts';

/**
 * A sign-in part way through: the password was right, and the person now has to type a code
 * from their authenticator app, or set one up first. They are not signed in until then.
 */
export interface PendingSignIn {
  userId: number;
  returnTo: string;
  /** When the password was accepted (milliseconds, from the service's clock). */
  since: number;
  /** They must set up two-factor authentication before anything else. */
  mustSetUp: boolean;
  pendingForm?: PendingForm;
}

declare module 'express-session' {
  interface SessionData {
    pendingSignIn?: PendingSignIn;
  }
}

/** The second step must follow the first within this time, or the person starts again. */
export const PENDING_SIGN_IN_MINUTES = 10;

export function pendingSignInExpired(pending: PendingSignIn, now: Date): boolean {
  return now.getTime() - pending.since > PENDING_SIGN_IN_MINUTES * 60 * 1000;
}

const regenerate = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
const save = (req: Request) =>
  new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));

/**
 * Signs the person in, with a new session id so that an id planted before sign-in is worthless.
 * A form kept from a timed-out session comes along if it is theirs.
 */
export async function startSignedInSession(
  req: Request,
  userId: number,
  now: Date,
  kept: { pendingForm?: PendingForm; flash?: string } = {},
): Promise<void> {
  await regenerate(req);
  req.session.userId = userId;
  req.session.lastSeenAt = now.getTime();
  if (kept.pendingForm) req.session.pendingForm = kept.pendingForm;
  if (kept.flash) req.session.flash = kept.flash;
  await save(req);
}

/** Keeps the sign-in under way in a new session too: each step that proves more gets a new id. */
export async function startPendingSignIn(req: Request, pending: PendingSignIn): Promise<void> {
  await regenerate(req);
  req.session.pendingSignIn = pending;
  await save(req);
}
