import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteTable } from '../../platform/permissions.ts';
import { PLAN_MANAGERS, PLAN_READERS, mayManagePlans } from '../../platform/policies.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { TABLE_FORMATS, sendTable } from '../../platform/xlsx-export.ts';
import type { RouteServices } from '../../services.ts';
import type { Clock } from '../../platform/clock.ts';
import { describeRounding } from './rules.ts';
import { DEFAULT_CAPACITY, PLAN_SCOPES, formOf, inputsOf, planFormSchema } from './forms.ts';
import type { WhatIf } from './service.ts';
import { WEIGHT_BOXES, weightValues } from '../methods/forms.ts';
import { sameMethod, summariseMethod } from '../methods/rules.ts';
import type { YearMethod } from '../methods/service.ts';
import { yearLabel, type VulnerabilityMethod } from '../vulnerability/rules.ts';

const yearSchema = z.string().regex(/^\d{4}\/\d{2}$/);

/** The requested academic year ('2026/27'), or the current one. */
function yearOf(value: unknown, clock: Clock): string {
  const parsed = yearSchema.safeParse(value);
  return parsed.success ? parsed.data : clock.schoolYear().key;
}

const isManager = (res: Response) => mayManagePlans(res.locals.user?.roles ?? []);

/** What the weight boxes and method notes on the plan pages need. */
function methodView(yearMethod: YearMethod, used?: VulnerabilityMethod | null) {
  return {
    weightBoxes: WEIGHT_BOXES,
    yearMethodSummary: summariseMethod(yearMethod.method),
    yearMethodIsDefault: yearMethod.isDefault,
    usedSummary: used ? summariseMethod(used) : undefined,
    usedDiffers: used ? !sameMethod(used, yearMethod.method) : false,
  };
}

export function planRoutes(routes: RouteTable, { plans, settings, clock, vulnerability }: RouteServices) {
  /** The saved plan with each school's cases allocated so far and remaining. */
  async function savedPlan(year: string) {
    const versions = await plans.list(year);
    const latest = versions[0];
    const allocated = await plans.allocatedSoFar(year);
    const rows = (latest?.rows ?? []).map((row) => {
      const soFar = allocated.get(row.urn) ?? 0;
      return { ...row, allocated: soFar, remaining: row.total - soFar };
    });
    const sum = (key: 'core' | 'weighted' | 'total' | 'allocated' | 'remaining') =>
      rows.reduce((total, row) => total + row[key], 0);
    const totals = {
      core: sum('core'),
      weighted: sum('weighted'),
      total: sum('total'),
      allocated: sum('allocated'),
      remaining: sum('remaining'),
    };
    return { versions, latest, rows, totals, everApproved: versions.some((plan) => plan.status !== 'draft') };
  }

  async function defaults() {
    return {
      capacity: DEFAULT_CAPACITY,
      coreOffer: await settings.get('core-offer-cases'),
      groupShare: 0,
      scope: 'maintained-primary',
      smallGroupsBy: 'topPercent',
      smallGroups: await settings.get('small-group-schools-percent'),
    };
  }

  async function renderPlanPage(res: Response, year: string, status = 200, errors?: ErrorItem[]) {
    const saved = await savedPlan(year);
    const yearMethod = await vulnerability.method(year);
    res.status(status).render('allocation/plan', {
      title: `Allocation plan ${yearLabel(year)}`,
      year,
      yearLabel: yearLabel(year),
      ...saved,
      // The what-if form starts from the saved plan's figures and the year's method's weights.
      values: {
        ...(saved.latest ? formOf(saved.latest.inputs) : await defaults()),
        ...weightValues(yearMethod.method.weights),
      },
      ...methodView(yearMethod, saved.latest?.method),
      scopes: PLAN_SCOPES,
      rounding: describeRounding(),
      canManage: isManager(res),
      errors,
    });
  }

  /** The what-if page. Weight boxes left out of the form show the weights used (or the year's method's). */
  async function renderWhatIf(
    res: Response,
    year: string,
    values: Record<string, unknown>,
    whatIf: WhatIf | undefined,
    extra: { errors?: ErrorItem[]; fieldErrors?: FieldErrors; reason?: string; everApproved: boolean },
  ) {
    const problems = extra.errors ?? (whatIf && !whatIf.ok ? whatIf.errors : undefined);
    const yearMethod = await vulnerability.method(year);
    const weights = weightValues((whatIf?.method ?? yearMethod.method).weights);
    const given = Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
    res.status(problems ? 400 : 200).render('allocation/plan-what-if', {
      title: `What if: allocation plan ${yearLabel(year)}`,
      year,
      yearLabel: yearLabel(year),
      values: { ...weights, ...given },
      whatIf,
      ...methodView(yearMethod, whatIf?.method),
      scopes: PLAN_SCOPES,
      rounding: describeRounding(),
      canManage: isManager(res),
      ...extra,
      errors: problems,
    });
  }

  routes.get('/allocation/plan', PLAN_READERS, async (req, res) => {
    await renderPlanPage(res, yearOf(req.query.year, clock));
  });

  routes.get('/allocation/plan/what-if', PLAN_READERS, async (req, res) => {
    const year = yearOf(req.query.year, clock);
    const everApproved = (await plans.list(year)).some((plan) => plan.status !== 'draft');
    const form = validate(planFormSchema, req.query);
    if (!form.ok)
      return await renderWhatIf(res, year, req.query, undefined, {
        errors: form.errors,
        fieldErrors: form.fieldErrors,
        everApproved,
      });
    await renderWhatIf(res, year, form.data, await plans.whatIf(year, inputsOf(form.data)), { everApproved });
  });

  routes.post('/allocation/plan', PLAN_MANAGERS, async (req: Request, res: Response) => {
    const body = req.body ?? {};
    const year = yearOf(body.year, clock);
    const everApproved = (await plans.list(year)).some((plan) => plan.status !== 'draft');
    const form = validate(planFormSchema, body);
    if (!form.ok)
      return await renderWhatIf(res, year, body, undefined, {
        errors: form.errors,
        fieldErrors: form.fieldErrors,
        everApproved,
      });
    const reason = typeof body.reason === 'string' ? body.reason : undefined;
    const result = await plans.save(actorOf(req, res), year, inputsOf(form.data), reason);
    if (result.kind === 'problem')
      return await renderWhatIf(res, year, form.data, result.whatIf, {
        errors: result.errors,
        fieldErrors: result.fieldErrors,
        reason,
        everApproved,
      });
    req.session.flash = `Version ${result.plan.version} of the ${yearLabel(year)} plan saved as a draft`;
    res.redirect(`/allocation/plan?year=${encodeURIComponent(year)}`);
  });

  routes.post('/allocation/plan/:id/approve', PLAN_MANAGERS, async (req, res) => {
    const id = idOf(req);
    const result = await plans.approve(actorOf(req, res), id);
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'problem')
      return renderPlanPage(res, yearOf(req.body?.year, clock), 400, [{ text: result.message, href: '#versions' }]);
    req.session.flash = `Version ${result.version} of the ${yearLabel(result.year)} plan approved`;
    res.redirect(`/allocation/plan?year=${encodeURIComponent(result.year)}`);
  });

  for (const format of TABLE_FORMATS) {
    routes.get(`/allocation/plan.${format}`, PLAN_READERS, async (req, res) => {
      const year = yearOf(req.query.year, clock);
      const { latest, rows } = await savedPlan(year);
      if (!latest) throw new NotFoundError();
      const header = [
        'rank',
        'urn',
        'school',
        'score',
        'core',
        'weighted',
        'total_quota',
        'allocated_so_far',
        'remaining',
        'small_groups',
      ];
      const lines = rows.map((row) => [
        row.rank,
        row.urn,
        row.name,
        Math.round(row.score * 10000) / 10000,
        row.core,
        row.weighted,
        row.total,
        row.allocated,
        row.remaining,
        row.smallGroup ? 'yes' : 'no',
      ]);
      await plans.recordExport(actorOf(req, res), latest, format, lines.length);
      const name = `${year.replace('/', '-')}-v${latest.version}`;
      await sendTable(res, { filename: `allocation-plan-${name}`, sheet: `Plan ${name}`, header, rows: lines, format });
    });
  }
}
