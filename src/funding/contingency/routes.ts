// The contingency fund pages: the applications and the fund, the fund's size, a school's
// application, and the finance officer's decision and record of a conversion to an academy.
import type { Request, Response } from 'express';
import type { Db } from '../../db/connection.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import type { Role } from '../../platform/roles.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { FUNDING_READERS, FUNDING_VISITORS, FUNDING_WRITERS } from '../year-rules.ts';
import { applicationView, positionView } from './present.ts';
import { EVIDENCE_MAX, REASON_MAX } from './schemas.ts';
import { contingencyService, type Outcome } from './service.ts';

/** Who changes the fund and decides applications: those who change funding data. */
export const CONTINGENCY_WRITERS = FUNDING_WRITERS;
/** Who applies: a school, for its own school. */
export const CONTINGENCY_APPLICANTS: readonly Role[] = ['school_user'];
/** Who sees the fund: writers, analysts (read only) and school users (their own schools' applications). */
export const CONTINGENCY_READERS = FUNDING_VISITORS;

const BASE = '/funding/:year/contingency';
const pathOf = (year: string, rest = '') => `/funding/${year}/contingency${rest}`;
const mayWrite = (res: Response) => res.locals.user.roles.some((role: Role) => CONTINGENCY_WRITERS.includes(role));
/** The funding year's page for those who read it; the funding landing page for school users. */
const backTo = (res: Response, year: string) =>
  res.locals.user.roles.some((role: Role) => FUNDING_READERS.includes(role)) ? `/funding/${year}` : '/funding';

interface FormState {
  values?: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

export function contingencyRoutes(routes: RouteTable, db: Db) {
  const contingency = contingencyService(db);

  /** The funding year in the address, or the page is not found. */
  async function yearOf(req: Request): Promise<string> {
    const year = String(req.params.year);
    if (!/^\d{4}-\d{2}$/.test(year) || !(await contingency.yearExists(year))) throw new NotFoundError();
    return year;
  }

  /** To the page named when saved; the form again with the problems when not. */
  function answer(
    req: Request,
    res: Response,
    outcome: Outcome,
    to: string,
    again: (state: FormState) => Promise<void>,
  ) {
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'invalid')
      return again({ values: req.body, errors: outcome.errors, fieldErrors: outcome.fieldErrors });
    req.session.flash = outcome.message;
    res.redirect(to);
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

  routes.get(BASE, CONTINGENCY_READERS, async (req, res) => {
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
      mayApply: overview.schoolsToApply.length > 0 && res.locals.user.roles.includes('school_user'),
    });
  });

  routes.get(`${BASE}/fund`, CONTINGENCY_WRITERS, async (req, res) => fundForm(res, await yearOf(req), 200));

  routes.post(`${BASE}/fund`, CONTINGENCY_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.setFund(actorOf(req, res), year, req.body);
    await answer(req, res, outcome, pathOf(year), (state) => fundForm(res, year, 400, state));
  });

  routes.get(`${BASE}/apply`, CONTINGENCY_APPLICANTS, async (req, res) => applyForm(res, await yearOf(req), 200));

  routes.post(`${BASE}/apply`, CONTINGENCY_APPLICANTS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.apply(actorOf(req, res), res.locals.user, year, req.body);
    await answer(
      req,
      res,
      outcome,
      pathOf(year, outcome.kind === 'saved' ? `/applications/${outcome.id}` : ''),
      (state) => applyForm(res, year, 400, state),
    );
  });

  routes.get(`${BASE}/applications/:id`, CONTINGENCY_READERS, async (req, res) =>
    applicationPage(req, res, await yearOf(req), 200),
  );

  routes.post(`${BASE}/applications/:id/decision`, CONTINGENCY_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.decide(actorOf(req, res), year, idOf(req), req.body);
    await answer(req, res, outcome, pathOf(year, `/applications/${idOf(req)}`), (state) =>
      applicationPage(req, res, year, 400, state),
    );
  });

  routes.post(`${BASE}/applications/:id/academy`, CONTINGENCY_WRITERS, async (req, res) => {
    const year = await yearOf(req);
    const outcome = await contingency.recordConversion(actorOf(req, res), year, idOf(req), req.body);
    await answer(req, res, outcome, pathOf(year, `/applications/${idOf(req)}`), (state) =>
      applicationPage(req, res, year, 400, state),
    );
  });
}
