// The contingency fund pages: the applications and the fund, the fund's size, a school's
// application, and the finance officer's decision and record of a conversion to an academy.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { answerForm, type FormState } from '../../platform/form-outcome.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import {
  actsForTheirSchools,
  CONTINGENCY_APPLICANTS,
  FUNDING_VISITORS,
  FUNDING_WRITERS,
  mayChangeFunding,
  mayReadFunding,
} from '../../platform/policies.ts';
import type { RouteServices } from '../../services.ts';
import { EVIDENCE_MAX, REASON_MAX } from './forms.ts';
import { applicationView, positionView } from './rules.ts';

const BASE = '/funding/:year/contingency';
const pathOf = (year: string, rest = '') => `/funding/${year}/contingency${rest}`;
/** Those who change funding data change the fund and decide applications. */
const mayWrite = (res: Response) => mayChangeFunding(res.locals.user.roles);
/** The funding year's page for those who read it; the funding landing page for school users. */
const backTo = (res: Response, year: string) =>
  mayReadFunding(res.locals.user.roles) ? `/funding/${year}` : '/funding';

export function contingencyRoutes(routes: RouteTable, services: RouteServices) {
  const contingency = services.fundingContingency;

  /** The funding year in the address, or the page is not found. */
  async function yearOf(req: Request): Promise<string> {
    const year = String(req.params.year);
    if (!/^\d{4}-\d{2}$/.test(year) || !(await contingency.yearExists(year))) throw new NotFoundError();
    return year;
  }

  async function fundForm(
    res: Response,
    year: string,
    status: number,
    { values, errors, fieldErrors = {} }: FormState = {},
  ) {
    const fund = await contingency.fund(year);
    res.status(status).render('funding/contingency/fund', {
      title: `Size of the contingency fund for ${year}`,
      year,
      back: pathOf(year),
      values: values ?? { fund: fund ? (fund.pence / 100).toFixed(2) : '' },
      errors,
      fieldErrors,
    });
  }

  async function applyForm(
    res: Response,
    year: string,
    status: number,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    res.status(status).render('funding/contingency/apply', {
      title: `Apply to the contingency fund for ${year}`,
      year,
      back: pathOf(year),
      schools: await contingency.schoolsToApply(res.locals.user, year),
      evidenceMax: EVIDENCE_MAX,
      values,
      errors,
      fieldErrors,
    });
  }

  async function applicationPage(
    req: Request,
    res: Response,
    year: string,
    status: number,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await contingency.application(actorOf(req, res), res.locals.user, year, idOf(req));
    if (!found) throw new NotFoundError();
    const application = applicationView(found.application, found.position);
    res.status(status).render('funding/contingency/application', {
      title: `Contingency fund application: ${application.schoolName}`,
      year,
      back: pathOf(year),
      action: pathOf(year, `/applications/${application.id}`),
      application,
      fundSet: Boolean(found.fund),
      position: found.position && positionView(found.position),
      mayWrite: mayWrite(res),
      reasonMax: REASON_MAX,
      values,
      errors,
      fieldErrors,
      convertedOn: dateInputView('convertedOn', values, fieldErrors),
    });
  }

  routes.get(BASE, FUNDING_VISITORS, async (req, res) => {
    const year = await yearOf(req);
    const overview = await contingency.overview(actorOf(req, res), res.locals.user, year);
    res.render('funding/contingency/index', {
      title: `Contingency fund for schools in financial difficulty, ${year}`,
      year,
      back: backTo(res, year),
      fund: overview.fund,
      applications: overview.applications.map((row) => applicationView(row, overview.position)),
      position: overview.position && positionView(overview.position),
      mayWrite: mayWrite(res),
      mayApply: overview.schoolsToApply.length > 0 && actsForTheirSchools(res.locals.user.roles),
    });
  });

  routes.get(`${BASE}/fund`, FUNDING_WRITERS, async (req, res) => fundForm(res, await yearOf(req), 200));

  routes.post(`${BASE}/fund`, FUNDING_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.setFund(actorOf(req, res), year, req.body);
    await answerForm(req, res, outcome, {
      next: () => pathOf(year),
      again: (_res, state) => fundForm(res, year, 400, state),
    });
  });

  routes.get(`${BASE}/apply`, CONTINGENCY_APPLICANTS, async (req, res) => applyForm(res, await yearOf(req), 200));

  routes.post(`${BASE}/apply`, CONTINGENCY_APPLICANTS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.apply(actorOf(req, res), res.locals.user, year, req.body);
    await answerForm(req, res, outcome, {
      next: (saved) => pathOf(year, `/applications/${saved.id}`),
      again: (_res, state) => applyForm(res, year, 400, state),
    });
  });

  routes.get(`${BASE}/applications/:id`, FUNDING_VISITORS, async (req, res) =>
    applicationPage(req, res, await yearOf(req), 200),
  );

  routes.post(`${BASE}/applications/:id/decision`, FUNDING_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.decide(actorOf(req, res), year, idOf(req), req.body);
    await answerForm(req, res, outcome, {
      next: () => pathOf(year, `/applications/${idOf(req)}`),
      again: (_res, state) => applicationPage(req, res, year, 400, state),
    });
  });

  routes.post(`${BASE}/applications/:id/academy`, FUNDING_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.recordConversion(actorOf(req, res), year, idOf(req), req.body);
    await answerForm(req, res, outcome, {
      next: () => pathOf(year, `/applications/${idOf(req)}`),
      again: (_res, state) => applicationPage(req, res, year, 400, state),
    });
  });
}
