import type { NextFunction, Request, Response } from 'express';
import type { RouteServices } from '../../../services.ts';
import { NotFoundError } from '../../errors.ts';
import type { RouteTable } from '../../permissions.ts';
import { resumeAfterSignIn } from '../resume.ts';
import { safeReturnTo } from '../return-to.ts';
import { renderSignInProblem, type SignInProblem } from '../sign-in-problems.ts';
import { startSignedInSession } from '../sign-in-session.ts';
import { ssoFailureOf, type AuthorizationChecks } from './client.ts';
import { OIDC_CALLBACK_PATH, type SignInMethods } from './settings.ts';

/** A sign-on under way: the checks the provider's answer must pass, and where to go after. */
interface PendingSingleSignOn extends AuthorizationChecks {
  returnTo: string;
  since: number;
}

declare module 'express-session' {
  interface SessionData {
    pendingSingleSignOn?: PendingSingleSignOn;
  }
}

/** The person has this long at the provider before the sign-on must start again. */
const SINGLE_SIGN_ON_MINUTES = 10;

/** What the sign-in page offers: single sign-on first when configured, and passwords when on. */
export function signInOptions(methods: SignInMethods) {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.locals.signInOptions = { singleSignOn: Boolean(methods.oidc), localPasswords: methods.localPasswords };
    next();
  };
}

type Deps = Pick<RouteServices, 'sso' | 'clock' | 'logger' | 'config'>;

export function singleSignOnRoutes(routes: RouteTable, { sso, clock, logger, config }: Deps) {
  function enabled() {
    if (!sso) throw new NotFoundError();
    return sso;
  }

  async function refuse(req: Request, res: Response, problem: SignInProblem, error?: unknown) {
    if (error)
      logger.warn(
        { problem, code: (error as { code?: string }).code, error: (error as Error).name },
        'single sign-on refused',
      );
    if (problem === 'expired' || problem === 'token' || problem === 'provider-down' || problem === 'cancelled') {
      await enabled().accounts.recordFailure(req.ip ?? 'unknown', problem);
    }
    renderSignInProblem(res, problem);
  }

  routes.get('/sign-in/sso', 'public', async (req, res) => {
    const { provider } = enabled();
    if (res.locals.user) return res.redirect('/');
    let request;
    try {
      request = await provider.authorizationRequest();
    } catch (error) {
      return refuse(req, res, 'provider-down', error);
    }
    req.session.pendingSingleSignOn = {
      ...request.checks,
      returnTo: safeReturnTo(req.query.returnTo),
      since: clock.now().getTime(),
    };
    req.session.save(() => res.redirect(request.url.href));
  });

  routes.get(OIDC_CALLBACK_PATH, 'public', async (req, res) => {
    const { provider, accounts } = enabled();
    // One use only: a second visit to the same answer (a replay) finds nothing to match.
    const pending = req.session.pendingSingleSignOn;
    delete req.session.pendingSingleSignOn;
    const expired = !pending || clock.now().getTime() - pending.since > SINGLE_SIGN_ON_MINUTES * 60 * 1000;
    if (expired || req.query.state !== pending.state) return refuse(req, res, 'expired');
    let claims;
    try {
      claims = await provider.finish(new URL(req.originalUrl, config.oidc!.redirectUrl), pending);
    } catch (error) {
      return refuse(req, res, ssoFailureOf(error), error);
    }
    const match = await accounts.signIn(claims, req.ip ?? 'unknown');
    if (match.outcome !== 'signed-in') return renderSignInProblem(res, match.outcome);
    const pendingForm = req.session.pendingForm;
    const resumeAt = resumeAfterSignIn(pendingForm, match.userId);
    await startSignedInSession(req, match.userId, clock.now(), { pendingForm: resumeAt ? pendingForm : undefined });
    res.redirect(resumeAt ?? pending.returnTo);
  });
}
