// The check page: every figure the forum paper printed for a year beside the computed one.
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_READERS } from '../../platform/policies.ts';
import type { RouteServices } from '../../services.ts';

export function checkRoutes(routes: RouteTable, services: RouteServices) {
  routes.get('/funding/:year/check', FUNDING_READERS, async (req, res) => {
    const check = await services.fundingCheck.check(String(req.params.year));
    res.render('funding/check', { title: `Check the printed figures for ${check.year}`, ...check });
  });
}
