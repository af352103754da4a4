// A funding year's services, as the finance officer keeps them: adding and changing a service,
// deleting one with no rates, its rates per phase × factor, and the forum's decision per phase.
import type { Request, Response } from 'express';
import { checkedValues } from '../platform/checkboxes.ts';
import type { Db } from '../db/connection.ts';
import type { FundingPhase } from './schema.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { dateInputValues, dateInputView } from '../platform/date-input.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import type { RouteTable } from '../platform/permissions.ts';
import type { ErrorItem, FieldErrors } from '../platform/validation.ts';
import {
  DECISIONS,
  FUNDING_WRITERS,
  KINDS,
  PHASES,
  PHASE_NAMES,
  poundsText,
  previousField,
  rateField,
} from './year-rules.ts';
import { fundingViewHelpers, yearOf } from './year-routes.ts';
import { fundingYearsService, type FundingService } from './years.ts';

interface FormState {
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  values?: Record<string, unknown>;
}

export function fundingServiceRoutes(routes: RouteTable, db: Db) {
  const years = fundingYearsService(db);
  const base = '/funding/:year/services';

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
    if (outcome.kind === 'invalid')
      return serviceForm(res, year, undefined, 400, { ...outcome, values: req.body ?? {} });
    req.session.flash = `${outcome.name} added; now set its rates`;
    res.redirect(`/funding/${year}/services/${outcome.id}/rates`);
  });

  routes.get(`${base}/:id`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    serviceForm(res, year, service);
  });

  routes.post(`${base}/:id`, FUNDING_WRITERS, async (req, res) => {
    const { year, service } = await serviceOf(req);
    const outcome = await years.saveService(actorOf(req, res), year, service.id, req.body ?? {});
    if (outcome.kind === 'invalid') return serviceForm(res, year, service, 400, { ...outcome, values: req.body ?? {} });
    req.session.flash = `${outcome.name} saved`;
    res.redirect(`/funding/${year}`);
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
    const factors = await years.factors();
    const posted = form.values;
    const shown = new Set([
      ...service.rates.map((rate) => rate.factor),
      ...checkedValues(posted?.factors),
      ...checkedValues(posted?.add),
    ]);
    const used = factors.filter((factor) => shown.has(factor.key));
    const stored = (phase: FundingPhase, factor: string) =>
      service.rates.find((rate) => rate.phase === phase && rate.factor === factor);
    const rows = service.phases.flatMap((phase) =>
      used.map((factor) => {
        const [rate, previous] = [rateField(phase, factor.key), previousField(phase, factor.key)];
        const saved = stored(phase, factor.key);
        return {
          phase,
          factor,
          rate: {
            id: rate,
            value: posted ? String(posted[rate] ?? '') : poundsText(saved?.ratePence),
            error: form.fieldErrors?.[rate],
          },
          previous: {
            id: previous,
            value: posted ? String(posted[previous] ?? '') : poundsText(saved?.previousRatePence),
            error: form.fieldErrors?.[previous],
          },
          savedPrevious: saved?.previousRatePence ?? null,
        };
      }),
    );
    res.status(status).render('funding/rates', {
      title: `Rates for ${service.name}, ${year}`,
      year,
      service,
      rows,
      used,
      unused: factors.filter((factor) => !shown.has(factor.key)),
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
    if (outcome.kind === 'invalid') return ratesPage(res, year, service, 400, { ...outcome, values: body });
    req.session.flash = `Rates for ${service.name} saved`;
    res.redirect(`/funding/${year}`);
  });

  async function decisionPage(req: Request, res: Response, status = 200, form: FormState = {}) {
    const { year, service } = await serviceOf(req);
    const phase = String(req.params.phase) as FundingPhase;
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
    const phase = String(req.params.phase) as FundingPhase;
    if (!service.phases.includes(phase)) throw new NotFoundError();
    const outcome = await years.saveDecision(actorOf(req, res), service, phase, req.body ?? {});
    if (outcome.kind === 'invalid') return decisionPage(req, res, 400, { ...outcome, values: req.body ?? {} });
    req.session.flash = `Forum decision for ${service.name} (${PHASE_NAMES[phase]}) saved`;
    res.redirect(`/funding/${year}`);
  });
}
