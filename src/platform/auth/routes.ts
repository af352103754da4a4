import type { NextFunction, Request, Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { RouteTable } from '../permissions.ts';
import type { Navigation } from '../navigation.ts';
import { csrfTokenFor } from '../security.ts';
import { validate } from '../validation.ts';
import type { AuthService } from './service.ts';
import { keptFields, resumeAfterSignIn, type PendingForm } from './resume.ts';
import { PASSWORDS_OFF_MESSAGE, passwordSignInAllowed } from './oidc/settings.ts';
import { waitInWords } from './back-off.ts';
import { isIdle, lastSeenDue } from './idle.ts';
import { safeReturnTo } from './return-to.ts';

const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter your email address')
    .email('Enter an email address in the correct format, like name@example.com'),
  password: z.string().min(1, 'Enter your password'),
});

/** Kept while area files still import it from here: src/platform/auth/actor.ts has it. */
export { actorOf } from './actor.ts';

/**
 * Loads the signed-in user on every request, with the navigation their roles may use, and signs
 * them out after the idle timeout.
 */
export function currentUser(auth: AuthService, config: Config, navigation: Navigation) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { userId, lastSeenAt } = req.session;
    if (!userId) return next();
    const now = auth.now().getTime();
    if (lastSeenAt && isIdle(lastSeenAt, now, config.idleTimeoutMinutes)) {
      const pendingForm =
        req.method === 'POST' ? { userId, path: req.originalUrl, body: keptFields(req.body) } : undefined;
      return req.session.regenerate(() => {
        if (pendingForm) req.session.pendingForm = pendingForm;
        req.session.save(() => res.redirect('/signed-out?reason=inactive'));
      });
    }
    const user = await auth.currentUser(userId);
    if (!user) return req.session.destroy(() => res.redirect('/signed-out'));
    // Write the session back now and then (src/platform/auth/idle.ts), not on every request.
    if (lastSeenDue(lastSeenAt, now, config.idleTimeoutMinutes)) req.session.lastSeenAt = now;
    res.locals.user = user;
    res.locals.navigation = navigation(user, req.path);
    if (req.session.flash) {
      res.locals.flash = req.session.flash;
      delete req.session.flash;
    }
    next();
  };
}

/** What follows the right password: a code from an authenticator app, or signing in (see two-factor/routes.ts). */
type AfterPassword = (
  req: Request,
  res: Response,
  signIn: { userId: number; returnTo: string; pendingForm?: PendingForm },
) => Promise<unknown>;

export function authRoutes(routes: RouteTable, auth: AuthService, config: Config, afterPassword: AfterPassword) {
  const render = (req: Request, res: Response, extra: Record<string, unknown> = {}) =>
    res.render('auth/sign-in', {
      title: 'Sign in',
      csrfToken: csrfTokenFor(req),
      returnTo: req.query.returnTo,
      ...extra,
    });

  routes.get('/sign-in', 'public', (req, res) => {
    if (res.locals.user) return res.redirect('/');
    // A message for someone not signed in, such as that their password has been set.
    const flash = req.session.flash;
    delete req.session.flash;
    render(req, res, { flash });
  });

  routes.post('/sign-in', 'public', async (req, res) => {
    const form = validate(signInSchema, req.body);
    if (!form.ok)
      return res
        .status(400)
        .render('auth/sign-in', { title: 'Sign in', csrfToken: csrfTokenFor(req), values: req.body, ...form });
    if (!passwordSignInAllowed(config, form.data.email)) {
      const error = { text: PASSWORDS_OFF_MESSAGE, href: '#email' };
      return res.status(403).render('auth/sign-in', {
        title: 'Sign in',
        csrfToken: csrfTokenFor(req),
        values: { email: form.data.email },
        errors: [error],
        fieldErrors: { email: error },
      });
    }
    const result = await auth.signIn(form.data.email, form.data.password, req.ip ?? 'unknown');
    if (result.outcome === 'wait') {
      res.set('Retry-After', String(result.seconds));
      return res
        .status(429)
        .render('auth/locked', { title: 'You cannot sign in for now', wait: waitInWords(result.seconds) });
    }
    if (result.outcome === 'wrong-details') {
      const errors = [{ text: 'Enter a correct email address and password', href: '#email' }];
      return res.status(401).render('auth/sign-in', {
        title: 'Sign in',
        csrfToken: csrfTokenFor(req),
        values: { email: form.data.email },
        errors,
        fieldErrors: { email: { text: errors[0].text } },
      });
    }
    const pendingForm = req.session.pendingForm;
    const resumeAt = resumeAfterSignIn(pendingForm, result.userId);
    const returnTo = resumeAt ?? safeReturnTo(req.body.returnTo);
    await afterPassword(req, res, { userId: result.userId, returnTo, pendingForm: resumeAt ? pendingForm : undefined });
  });

  routes.post('/sign-out', 'signed-in', async (req, res) => {
    await auth.signOut(res.locals.user.id, req.ip ?? null);
    req.session.destroy(() => {
      res.clearCookie('inclusion-hub.sid');
      res.redirect('/signed-out');
    });
  });

  routes.get('/signed-out', 'public', (req, res) => {
    res.render('auth/signed-out', {
      title: 'You have been signed out',
      inactive: req.query.reason === 'inactive',
      idleMinutes: config.idleTimeoutMinutes,
    });
  });
}
