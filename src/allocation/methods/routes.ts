import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { METHOD_EDITORS } from '../../platform/policies.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';
import { DEFAULT_METHOD, yearLabel } from '../vulnerability/rules.ts';
import { BASES, NORMALISATIONS, summariseMethod } from './rules.ts';
import { WEIGHT_BOXES, formOfMethod, methodFormSchema, methodOfForm, weightField } from './forms.ts';
import { type YearMethod } from './service.ts';

const tableHref = (year: string) => `/allocation/vulnerability?year=${encodeURIComponent(year)}`;

export function methodRoutes(routes: RouteTable, { vulnerability }: RouteServices) {
  const yearOf = (req: Request) => {
    const value = req.body?.year ?? req.query.year;
    return vulnerability.methodYear(typeof value === 'string' ? value : undefined);
  };

  function render(
    res: Response,
    yearMethod: YearMethod,
    values: unknown,
    problems?: { errors: ErrorItem[]; fieldErrors: FieldErrors },
  ) {
    res.status(problems ? 400 : 200).render('allocation/method-edit', {
      title: `Change the vulnerability method for ${yearLabel(yearMethod.year)}`,
      year: yearMethod.year,
      yearLabel: yearLabel(yearMethod.year),
      values,
      isDefault: yearMethod.isDefault,
      summary: summariseMethod(yearMethod.method),
      defaultSummary: summariseMethod(DEFAULT_METHOD),
      bases: BASES,
      normalisations: NORMALISATIONS,
      weightBoxes: WEIGHT_BOXES,
      errors: problems?.errors,
      fieldErrors: problems?.fieldErrors ?? {},
    });
  }

  routes.get('/allocation/vulnerability/method/edit', METHOD_EDITORS, async (req, res) => {
    const yearMethod = await vulnerability.method(await yearOf(req));
    render(res, yearMethod, formOfMethod(yearMethod.method));
  });

  routes.post('/allocation/vulnerability/method/edit', METHOD_EDITORS, async (req, res) => {
    const year = await yearOf(req);
    const body = req.body ?? {};
    const form = validate(methodFormSchema, body);
    if (!form.ok) return render(res, await vulnerability.method(year), body, form);
    const saved = await vulnerability.saveMethod(actorOf(req, res), year, methodOfForm(form.data));
    if (!saved.ok) {
      const errors = saved.problems.map((problem) => ({
        text: problem.text,
        href: `#${problem.factor ? weightField(problem.factor) : 'basis'}`,
      }));
      const fieldErrors = Object.fromEntries(errors.map((error) => [error.href.slice(1), { text: error.text }]));
      return render(res, await vulnerability.method(year), body, { errors, fieldErrors });
    }
    req.session.flash = `The vulnerability method for ${yearLabel(year)} is saved: ${summariseMethod(saved.method)}`;
    res.redirect(tableHref(year));
  });

  routes.post('/allocation/vulnerability/method/default', METHOD_EDITORS, async (req, res) => {
    const year = await yearOf(req);
    const changed = await vulnerability.useDefaultMethod(actorOf(req, res), year);
    req.session.flash = changed
      ? `The vulnerability table for ${yearLabel(year)} now uses the default method`
      : `The vulnerability table for ${yearLabel(year)} already uses the default method`;
    res.redirect(tableHref(year));
  });
}
