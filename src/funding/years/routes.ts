// A funding year's pages: the year (its services in paper order with phases, decisions and
// rates), and the services as the finance officer keeps them: adding and changing a service,
// deleting one with no rates, its rates per phase × factor, and the forum's decision per phase.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import { checkedValues } from '../../platform/checkboxes.ts';
import { dateInputValues, dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { answerForm, type FormState } from '../../platform/form-outcome.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_READERS, FUNDING_WRITERS, mayChangeFunding } from '../../platform/policies.ts';
import type { RouteServices } from '../../services.ts';
import {
  DECISION_NAMES,
  DECISIONS,
  KIND_NAMES,
  KINDS,
  PHASE_NAMES,
  PHASES,
  formatPounds,
  type Phase,
} from '../rules.ts';
import type { FundingService } from './repository.ts';
import { isFundingYearLabel, ratesForm } from './rules.ts';
import type { FundingYearsService } from './service.ts';

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

export function fundingYearRoutes(routes: RouteTable, services: RouteServices) {
  const years = services.fundingYears;
  const base = '/funding/:year/services';

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

  async function serviceOf(req: Request): Promise<{ year: string; service: FundingService }> {
    const year = await yearOf(req, years);
    const service = await years.service(year, idOf(req));
    if (!service) throw new NotFoundError();
    return { year, service };
  }

  function serviceForm(
    res: Response,
    year: string,
    service: FundingService | undefined,
    status = 200,
    form: FormState = {},
  ) {
    const values =
      form.values ??
      (service
        ? { name: service.name, description: service.description, kind: service.kind, phases: service.phases }
        : { kind: 'service', phases: [] });
    res.status(status).render('funding/service-form', {
      title: service ? `Change ${service.name}` : `Add a service to ${year}`,
      year,
      service,
      kinds: KINDS,
      phases: PHASES,
      values: { ...values, phases: checkedValues(values.phases) },
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      ...fundingViewHelpers(res),
    });
  }

  routes.get(`${base}/new`, FUNDING_WRITERS, async (req, res) => serviceForm(res, await yearOf(req, years), undefined));

  routes.post(`${base}/new`, FUNDING_WRITERS, async (req, res) => {
    const year = await yearOf(req, years);
    const outcome = await years.saveService(actorOf(req, res), year, undefined, req.body ?? {});
    await answerForm(req, res, outcome, {
      next: (saved) => `/funding/${year}/services/${saved.id}/rates`,
      again: (_res, state) => serviceForm(res, year, undefined, 400, state),
    });
  });

  routes.get(`${base}/:id`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    serviceForm(res, year, service);
  });

  routes.post(`${base}/:id`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    const outcome = await years.saveService(actorOf(req, res), year, service.id, req.body ?? {});
    await answerForm(req, res, outcome, {
      next: () => `/funding/${year}`,
      again: (_res, state) => serviceForm(res, year, service, 400, state),
    });
  });

  routes.post(`${base}/:id/delete`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    const outcome = await years.deleteService(actorOf(req, res), year, service.id);
    if (!outcome.ok) {
      return serviceForm(res, year, service, 400, {
        errors: [{ text: outcome.message, href: '#delete' }],
        fieldErrors: {},
      });
    }
    req.session.flash = `${outcome.name} deleted`;
    res.redirect(`/funding/${year}`);
  });

  async function ratesPage(res: Response, year: string, service: FundingService, status = 200, form: FormState = {}) {
    const { rows, used, unused } = ratesForm(service, await years.factors(), form);
    res.status(status).render('funding/rates', {
      title: `Rates for ${service.name}, ${year}`,
      year,
      service,
      rows,
      used,
      unused,
      errors: form.errors,
      addError: form.fieldErrors?.add,
      ...fundingViewHelpers(res),
    });
  }

  routes.get(`${base}/:id/rates`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    await ratesPage(res, year, service);
  });

  routes.post(`${base}/:id/rates`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const known = new Set((await years.factors()).map((factor) => factor.key));
    if (body.action === 'add-factor') {
      if (!known.has(String(body.add ?? '')))
        return ratesPage(res, year, service, 400, {
          values: body,
          errors: [{ text: 'Select a factor to add', href: '#add' }],
          fieldErrors: { add: { text: 'Select a factor to add' } },
        });
      return ratesPage(res, year, service, 200, { values: body });
    }
    const factors = (await years.factors()).filter((factor) => checkedValues(body.factors).includes(factor.key));
    const outcome = await years.saveRates(actorOf(req, res), service, factors, body);
    await answerForm(req, res, outcome, {
      next: () => `/funding/${year}`,
      again: (_res, state) => ratesPage(res, year, service, 400, { ...state, values: body }),
    });
  });

  async function decisionPage(req: Request, res: Response, status = 200, form: FormState = {}) {
    const { year, service } = await serviceOf(req);
    const phase = String(req.params.phase) as Phase;
    if (!service.phases.includes(phase)) throw new NotFoundError();
    const saved = service.decisions[phase];
    const values =
      form.values ??
      (saved
        ? {
            decision: saved.decision,
            note: saved.note,
            ...(saved.decidedOn ? dateInputValues('decidedOn', saved.decidedOn) : {}),
          }
        : { decision: 'proposed' });
    res.status(status).render('funding/decision', {
      title: `Forum decision: ${service.name}, ${PHASE_NAMES[phase]}, ${year}`,
      year,
      service,
      phase,
      decisions: DECISIONS,
      values,
      decidedOn: dateInputView('decidedOn', values, form.fieldErrors),
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
      ...fundingViewHelpers(res),
    });
  }

  routes.get(`${base}/:id/decisions/:phase`, FUNDING_WRITERS, (req, res) => decisionPage(req, res));

  routes.post(`${base}/:id/decisions/:phase`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    const phase = String(req.params.phase) as Phase;
    if (!service.phases.includes(phase)) throw new NotFoundError();
    const outcome = await years.saveDecision(actorOf(req, res), service, phase, req.body ?? {});
    await answerForm(req, res, outcome, {
      next: () => `/funding/${year}`,
      again: (_res, state) => decisionPage(req, res, 400, state),
    });
  });
}
