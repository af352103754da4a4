// The formula factors page: every factor, and a form for the finance officer to add one.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_READERS, FUNDING_WRITERS, mayChangeFunding } from '../../platform/policies.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';

const PATH = '/funding/factors';

export function factorRoutes(routes: RouteTable, services: RouteServices) {
  const factors = services.fundingFactors;

  async function page(
    _req: Request,
    res: Response,
    status = 200,
    form: { values?: unknown; errors?: ErrorItem[]; fieldErrors?: FieldErrors } = {},
  ) {
    res.status(status).render('funding/factors', {
      title: 'Formula factors',
      factors: await factors.list(),
      mayChange: mayChangeFunding(res.locals.user.roles),
      values: {},
      fieldErrors: {},
      ...form,
    });
  }

  routes.get(PATH, FUNDING_READERS, (req, res) => page(req, res));

  routes.post(PATH, FUNDING_WRITERS, async (req, res) => {
    const added = await factors.add(actorOf(req, res), req.body ?? {});
    if (!added.ok)
      return page(req, res, 400, { values: req.body, errors: added.errors, fieldErrors: added.fieldErrors });
    req.session.flash = `Added the factor ${added.data.name}: the school data set now has a column ${added.data.key}`;
    res.redirect(303, PATH);
  });
}
