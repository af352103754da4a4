// The funding area (Havering schools forum report 2024-25: de-delegation for the schools forum):
// its landing page (the years and a form to add one; a school user's statements), and each part
// of the area registering its own routes.
import type { Request, Response } from 'express';
import { actorOf } from '../platform/auth/routes.ts';
import { answerForm, type FormState } from '../platform/form-outcome.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { actsForTheirSchools, FUNDING_VISITORS, FUNDING_WRITERS, mayReadFunding } from '../platform/policies.ts';
import type { RouteServices } from '../services.ts';
import { checkRoutes } from './check/routes.ts';
import { contingencyRoutes } from './contingency/routes.ts';
import { factorRoutes } from './factors/routes.ts';
import { paperRoutes } from './papers/routes.ts';
import { schoolDataRoutes } from './school-data/routes.ts';
import { statementRoutes } from './statements/routes.ts';
import { whatIfRoutes } from './what-if/routes.ts';
import { fundingViewHelpers, fundingYearRoutes } from './years/routes.ts';
import { nextFundingYear, yearToCopy } from './years/rules.ts';

function landingRoutes(routes: RouteTable, services: RouteServices) {
  const years = services.fundingYears;

  async function landing(req: Request, res: Response, status = 200, form: FormState = {}) {
    const user = res.locals.user;
    const list = await years.list();
    const reads = mayReadFunding(user.roles);
    const statements = actsForTheirSchools(user.roles) ? await years.statementsFor(user.schoolUrns) : [];
    const nextYear = list.length ? nextFundingYear(list[0].label) : undefined;
    res.status(status).render('funding/index', {
      title: 'Funding',
      years: reads ? list : [],
      reads,
      statements,
      statementYears: [...new Set(statements.map((statement) => statement.year))],
      nextYear,
      copyFrom: nextYear
        ? yearToCopy(
            nextYear,
            list.map((year) => year.label),
          )
        : undefined,
      fieldErrors: {},
      values: {},
      ...fundingViewHelpers(res),
      ...form,
    });
  }

  routes.get('/funding', FUNDING_VISITORS, (req, res) => landing(req, res));

  routes.post('/funding', FUNDING_WRITERS, async (req, res) => {
    const outcome = await years.addYear(actorOf(req, res), req.body ?? {});
    await answerForm(req, res, outcome, {
      next: (saved) => `/funding/${saved.label}`,
      again: (_res, state) => landing(req, res, 400, state),
    });
  });
}

export function fundingRoutes(routes: RouteTable, services: RouteServices) {
  landingRoutes(routes, services);
  factorRoutes(routes, services); // before fundingYearRoutes: its /funding/:year would take /funding/factors
  fundingYearRoutes(routes, services);
  schoolDataRoutes(routes, services);
  contingencyRoutes(routes, services);
  paperRoutes(routes, services);
  statementRoutes(routes, services);
  whatIfRoutes(routes, services);
  checkRoutes(routes, services);
}
