import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { Services } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { CASE_READERS } from '../access.ts';
import { consentRoutes } from './consent-routes.ts';
import { familyRoutes } from './family-routes.ts';
import { scoresRoutes } from './scores-routes.ts';
import { problemOf, type Problem } from './pages.ts';

/** The case's assessment section: the Family Early Help Plan assessment [seed 004]. */
export function assessmentRoutes(routes: RouteTable, services: Services): void {
  const assessment = services.caseAssessment;

  const overviewPage = async (req: Request, res: Response, problem?: Problem) => {
    const found = await assessment.overview(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res.status(problem?.status ?? 200).render('casework/assessment/index', {
      title: `Assessment: case ${found.kase.reference}`,
      ...found,
      errors: problem?.errors,
    });
  };

  routes.get('/cases/:id/assessment', CASE_READERS, (req, res) => overviewPage(req, res));

  routes.post('/cases/:id/assessment/complete', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await assessment.complete(actorOf(req, res), res.locals.user, id);
    if (outcome.kind !== 'saved') return overviewPage(req, res, problemOf(outcome, 'complete'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment`);
  });

  consentRoutes(routes, services);
  familyRoutes(routes, services);
  scoresRoutes(routes, services, assessment);
}
