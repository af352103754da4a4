import type { RouteServices } from '../../services.ts';
import { idOf, NotFoundError } from '../errors.ts';
import type { RouteTable } from '../permissions.ts';
import { actorOf } from './actor.ts';
import { ADMINISTRATORS } from '../policies.ts';

/** An administrator resets a person's two-factor authentication, or unlinks their council account. */
export function signInAdminRoutes(
  routes: RouteTable,
  { twoFactor, sso, users }: Pick<RouteServices, 'twoFactor' | 'sso' | 'users'>,
) {
  routes.post('/admin/users/:id/reset-two-factor', ADMINISTRATORS, async (req, res) => {
    const id = idOf(req);
    if (!(await users.find(id))) throw new NotFoundError();
    const reset = await twoFactor.reset(actorOf(req, res), id);
    req.session.flash = reset
      ? 'Two-factor authentication reset. They will set it up again when they next sign in with their password.'
      : 'Two-factor authentication was not set up';
    res.redirect(`/admin/users/${id}`);
  });

  routes.post('/admin/users/:id/unlink-council-account', ADMINISTRATORS, async (req, res) => {
    const id = idOf(req);
    if (!sso || !(await users.find(id))) throw new NotFoundError();
    const unlinked = await sso.accounts.unlink(actorOf(req, res), id);
    req.session.flash = unlinked
      ? 'Council account unlinked. The next council account to sign in with this email address will be linked.'
      : 'No council account was linked';
    res.redirect(`/admin/users/${id}`);
  });
}
