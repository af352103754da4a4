// The funding area's landing page (the years, a form to add one; a school user's statements)
// and a year's page (its services in paper order with phases, decisions and rates).
import type { Request, Response } from 'express';
import type { Db } from '../db/connection.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { NotFoundError } from '../platform/errors.ts';
import type { RouteTable } from '../platform/permissions.ts';
import type { ErrorItem, FieldErrors } from '../platform/validation.ts';
import { formatPounds } from './money.ts';
import {
  DECISION_NAMES,
  FUNDING_READERS,
  FUNDING_VISITORS,
  FUNDING_WRITERS,
  KIND_NAMES,
  PHASE_NAMES,
  isFundingYearLabel,
  mayChangeFunding,
  nextFundingYear,
  yearToCopy,
} from './year-rules.ts';
import { fundingYearsService, type FundingYearsService } from './years.ts';

/** The year in the path, or a 404 when it is not a funding year that exists. */
export async function yearOf(req: Request, years: FundingYearsService): Promise<string> {
  const year = String(req.params.year ?? '');
  if (!isFundingYearLabel(year) || !(await years.exists(year))) throw new NotFoundError();
  return year;
}

/** The view helpers every funding page shares. */
export const fundingViewHelpers = (res: Response) => ({
  phaseNames: PHASE_NAMES,
  kindNames: KIND_NAMES,
  decisionNames: DECISION_NAMES,
  pounds: (pence: number | null | undefined) => (pence == null ? '' : formatPounds(pence, { pence: true })),
  mayChange: mayChangeFunding(res.locals.user.roles),
});

interface FormState {
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  values?: Record<string, unknown>;
}

export function fundingYearRoutes(routes: RouteTable, db: Db) {
  const years = fundingYearsService(db);

  async function landing(req: Request, res: Response, status = 200, form: FormState = {}) {
    const user = res.locals.user;
    const list = await years.list();
    const reads = user.roles.some((role: string) => (FUNDING_READERS as readonly string[]).includes(role));
    const statements = user.roles.includes('school_user') ? await years.statementsFor(user.schoolUrns) : [];
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
    if (outcome.kind === 'invalid')
      return landing(req, res, 400, {
        errors: outcome.errors,
        fieldErrors: outcome.fieldErrors,
        values: req.body ?? {},
      });
    req.session.flash = outcome.copiedFrom
      ? `Funding year ${outcome.label} added with ${outcome.services} ${outcome.services === 1 ? 'service' : 'services'} and their rates copied from ${outcome.copiedFrom}`
      : `Funding year ${outcome.label} added`;
    res.redirect(`/funding/${outcome.label}`);
  });

  routes.get('/funding/:year', FUNDING_READERS, async (req, res) => {
    const year = await yearOf(req, years);
    const summary = (await years.list()).find((item) => item.label === year);
    res.render('funding/year', {
      title: `De-delegated funding ${year}`,
      year,
      schools: summary?.schools ?? 0,
      services: await years.services(year),
      ...fundingViewHelpers(res),
    });
  });
}
