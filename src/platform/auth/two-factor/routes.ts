import type { Request, Response } from 'express';
import type { RouteServices } from '../../../services.ts';
import type { RouteTable } from '../../permissions.ts';
import { csrfTokenFor } from '../../security.ts';
import type { PendingForm } from '../resume.ts';
import { renderSignInProblem } from '../sign-in-problems.ts';
import {
  pendingSignInExpired,
  startPendingSignIn,
  startSignedInSession,
  type PendingSignIn,
} from '../sign-in-session.ts';
import { RECOVERY_CODE_COUNT } from './recovery-codes.ts';
import { groupedSecret, otpauthUri } from './totp.ts';

const CODE_PAGE = '/sign-in/two-factor';
const SET_UP_PAGE = '/sign-in/two-factor/set-up';
const ISSUER = 'Inclusion Hub';

type Deps = Pick<RouteServices, 'twoFactor' | 'clock'>;

/**
 * After the right password: signs the person in, or asks for a code from their authenticator
 * app, or — when two-factor is required of them and not set up — has them set it up first.
 */
export function continueAfterPassword({ twoFactor, clock }: Deps) {
  return async (
    req: Request,
    res: Response,
    signIn: { userId: number; returnTo: string; pendingForm?: PendingForm },
  ) => {
    const next = await twoFactor.nextStep(signIn.userId);
    if (next === 'signed-in') {
      await startSignedInSession(req, signIn.userId, clock.now(), { pendingForm: signIn.pendingForm });
      return res.redirect(signIn.returnTo);
    }
    await startPendingSignIn(req, { ...signIn, since: clock.now().getTime(), mustSetUp: next === 'set-up' });
    res.redirect(next === 'set-up' ? SET_UP_PAGE : CODE_PAGE);
  };
}

/** The error summary and the message by the code box. */
const codeError = (message?: string) =>
  message ? { errors: [{ text: message, href: '#code' }], fieldErrors: { code: { text: message } } } : {};

function recoveryCodesLeftMessage(left: number): string {
  const codes = left === 1 ? '1 recovery code' : `${left} recovery codes`;
  const advice =
    left <= 3
      ? ' When they run out, ask your administrator to reset your two-factor authentication so you can set it up again.'
      : '';
  return `You signed in with a recovery code. You have ${codes} left.${advice}`;
}

export function twoFactorRoutes(routes: RouteTable, { twoFactor, clock }: Deps) {
  /** The sign-in under way at this step, if it has not timed out. */
  function pending(req: Request, mustSetUp: boolean): PendingSignIn | 'timed-out' | undefined {
    const signIn = req.session.pendingSignIn;
    if (!signIn || signIn.mustSetUp !== mustSetUp) return undefined;
    return pendingSignInExpired(signIn, clock.now()) ? 'timed-out' : signIn;
  }

  /** Without a sign-in under way, a visit goes to the sign-in page and a form sent says it timed out. */
  function noSignIn(req: Request, res: Response, found: 'timed-out' | undefined) {
    if (found === 'timed-out') delete req.session.pendingSignIn;
    if (req.method === 'GET' && !found) return res.redirect('/sign-in');
    renderSignInProblem(res, 'timed-out');
  }

  const codePage = (req: Request, res: Response, status = 200, message?: string) =>
    res.status(status).render('auth/two-factor/code', {
      title: 'Enter the code from your authenticator app',
      csrfToken: csrfTokenFor(req),
      ...codeError(message),
    });

  async function setUpPage(req: Request, res: Response, signIn: PendingSignIn, status = 200, message?: string) {
    const details = await twoFactor.setUpDetails(signIn.userId);
    if (!details) {
      // Already set up (say in another tab): ask for a code instead.
      req.session.pendingSignIn = { ...signIn, mustSetUp: false };
      return req.session.save(() => res.redirect(CODE_PAGE));
    }
    // The QR code library is loaded the first time someone sets up two-step sign-in.
    const { default: QRCode } = await import('qrcode');
    const svg = await QRCode.toString(otpauthUri(details.secret, details.email, ISSUER), {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.status(status).render('auth/two-factor/set-up', {
      title: 'Set up two-factor authentication',
      csrfToken: csrfTokenFor(req),
      qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
      secret: groupedSecret(details.secret),
      ...codeError(message),
    });
  }

  routes.get(CODE_PAGE, 'public', (req, res) => {
    if (res.locals.user) return res.redirect('/');
    const signIn = pending(req, false);
    if (typeof signIn !== 'object') return noSignIn(req, res, signIn);
    codePage(req, res);
  });

  routes.post(CODE_PAGE, 'public', async (req, res) => {
    const signIn = pending(req, false);
    if (typeof signIn !== 'object') return noSignIn(req, res, signIn);
    const outcome = await twoFactor.checkCode(req.ip ?? null, signIn.userId, String(req.body.code ?? ''));
    if (!outcome.ok) return codePage(req, res, 400, outcome.message);
    const left = outcome.recoveryCodesLeft;
    await startSignedInSession(req, signIn.userId, clock.now(), {
      pendingForm: signIn.pendingForm,
      flash: left === undefined ? undefined : recoveryCodesLeftMessage(left),
    });
    res.redirect(signIn.returnTo);
  });

  routes.get(SET_UP_PAGE, 'public', async (req, res) => {
    if (res.locals.user) return res.redirect('/');
    const signIn = pending(req, true);
    if (typeof signIn !== 'object') return noSignIn(req, res, signIn);
    await setUpPage(req, res, signIn);
  });

  routes.post(SET_UP_PAGE, 'public', async (req, res) => {
    const signIn = pending(req, true);
    if (typeof signIn !== 'object') return noSignIn(req, res, signIn);
    const outcome = await twoFactor.confirmSetUp(req.ip ?? null, signIn.userId, String(req.body.code ?? ''));
    if (!outcome.ok) return setUpPage(req, res, signIn, 400, outcome.message);
    await startSignedInSession(req, signIn.userId, clock.now(), { pendingForm: signIn.pendingForm });
    // Shown once, in this answer only: the codes are kept nowhere but as hashes.
    res.render('auth/two-factor/recovery-codes', {
      title: 'Save your recovery codes',
      codes: outcome.recoveryCodes,
      count: RECOVERY_CODE_COUNT,
      continueTo: signIn.returnTo,
    });
  });
}
