import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../permissions.ts';
import { csrfTokenFor } from '../security.ts';
import { validate, type ErrorItem, type FieldErrors } from '../validation.ts';
import { PASSWORD_MIN_LENGTH, passwordProblem } from '../auth/password-policy.ts';
import type { LinkRefusal, UsableLink } from './password-links.ts';

/** What a person is told when their link cannot be used; nothing is changed. */
const REFUSED: Record<LinkRefusal, { status: number; title: string }> = {
  unknown: { status: 404, title: 'This link does not work' },
  expired: { status: 410, title: 'This link has expired' },
  used: { status: 410, title: 'This link has already been used' },
  replaced: { status: 410, title: 'This link has been replaced by a newer one' },
};

export const PASSWORD_SET_MESSAGE = 'Your password has been set. Sign in with your email address and new password.';

const text = z.preprocess((value) => (typeof value === 'string' ? value : ''), z.string());

/** A new password by the password rules, typed twice the same. */
export function setPasswordSchema(email: string) {
  return z.object({ password: text, confirmPassword: text }).superRefine(({ password, confirmPassword }, ctx) => {
    const problem = password ? passwordProblem(password, email) : 'Enter a password';
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    if (!confirmPassword)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Enter the password again to confirm it' });
    else if (password && confirmPassword !== password)
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Passwords must match' });
  });
}

function token(req: Request): string {
  return String(req.params.token ?? '');
}

/**
 * The page a one-time password link opens (see password-links.ts). Public: the secret in the
 * address is what admits the person. The request log shows the address without it
 * (request-logger.ts) and pages send no Referer (the Referrer-Policy is no-referrer).
 */
export function setPasswordRoutes(routes: RouteTable, { passwordLinks }: RouteServices) {
  const refuse = (res: Response, reason: LinkRefusal) =>
    res.status(REFUSED[reason].status).render('auth/password-link-refused', { ...REFUSED[reason], reason });

  const renderForm = (
    req: Request,
    res: Response,
    link: UsableLink,
    status = 200,
    problems?: { errors: ErrorItem[]; fieldErrors: FieldErrors },
  ) =>
    res.status(status).render('auth/set-password', {
      title: link.purpose === 'set' ? 'Create a password' : 'Set a new password',
      account: { name: link.name, email: link.email },
      action: req.originalUrl.split('?')[0],
      csrfToken: csrfTokenFor(req),
      minLength: PASSWORD_MIN_LENGTH,
      ...problems,
    });

  routes.get('/set-password/:token', 'public', async (req, res) => {
    const state = await passwordLinks.check(token(req));
    if (!state.usable) return refuse(res, state.reason);
    renderForm(req, res, state.link);
  });

  routes.post('/set-password/:token', 'public', async (req, res) => {
    const state = await passwordLinks.check(token(req));
    if (!state.usable) return refuse(res, state.reason);
    const form = validate(setPasswordSchema(state.link.email), req.body);
    if (!form.ok) return renderForm(req, res, state.link, 400, form);
    const used = await passwordLinks.use(token(req), form.data.password, req.ip ?? null);
    if (!used.usable) return refuse(res, used.reason);
    // A fresh session: this browser is signed in as nobody and carries only the message.
    await new Promise<void>((resolve, reject) =>
      req.session.regenerate((error) => (error ? reject(error) : resolve())),
    );
    req.session.flash = PASSWORD_SET_MESSAGE;
    await new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
    res.redirect('/sign-in');
  });
}
