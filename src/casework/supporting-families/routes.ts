// Supporting Families: the case's page (needs identified, outcomes, eligibility and claim
// readiness) with its forms, and the team's list of families meeting the criteria for managers.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputValues, dateInputView } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { sendTable } from '../../platform/xlsx-export.ts';
import { CASE_READERS, SUPPORTING_FAMILIES_MANAGERS } from '../../platform/policies.ts';
import { MAX_EVIDENCE } from './forms.ts';
import type { Outcome } from './service.ts';

export const CLOSED = 'This case is closed, so its Supporting Families record cannot be changed.';

interface Problem {
  values?: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

export function supportingFamiliesRoutes(routes: RouteTable, services: RouteServices): void {
  const families = services.supportingFamilies;
  const list = services.supportingFamiliesList;
  const sectionOf = (id: number) => `/cases/${id}/supporting-families`;

  // The team's list comes first, so '/cases/supporting-families' is not read as a case.
  routes.get('/cases/supporting-families', SUPPORTING_FAMILIES_MANAGERS, async (req, res) => {
    const rows = await list.list(actorOf(req, res));
    res.render('casework/supporting-families/list', {
      title: 'Supporting Families',
      rows,
      withConsent: rows.filter((row) => row.consent.inForce).length,
    });
  });

  routes.get('/cases/supporting-families.csv', SUPPORTING_FAMILIES_MANAGERS, async (req, res) => {
    const table = await list.exportTable(actorOf(req, res));
    await sendTable(res, { ...table, sheet: 'Supporting Families', format: 'csv' });
  });

  const page = async (req: Request, res: Response) => {
    const found = await families.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    return found;
  };

  const identifyForm = async (req: Request, res: Response, { values = {}, errors, fieldErrors }: Problem = {}) => {
    const record = await page(req, res);
    res.render('casework/supporting-families/identify', {
      title: `Identify a need – case ${record.kase.reference}`,
      ...record,
      values,
      errors,
      fieldErrors: fieldErrors ?? {},
      identifiedOn: dateInputView('identifiedOn', values, fieldErrors),
      maxEvidence: MAX_EVIDENCE,
    });
  };

  const achievedForm = async (req: Request, res: Response, problem?: Problem) => {
    const found = await families.needPage(actorOf(req, res), res.locals.user, idOf(req), idOf(req, 'needId'));
    if (!found) throw new NotFoundError();
    const { need } = found;
    const stored = need.achieved_on
      ? { ...dateInputValues('achievedOn', need.achieved_on), evidence: need.achieved_evidence }
      : {};
    const values = problem?.values ?? stored;
    res.render('casework/supporting-families/achieved', {
      title: `Record the outcome achieved – case ${found.kase.reference}`,
      ...found,
      values,
      errors: problem?.errors,
      fieldErrors: problem?.fieldErrors ?? {},
      achievedOn: dateInputView('achievedOn', values, problem?.fieldErrors),
      maxEvidence: MAX_EVIDENCE,
    });
  };

  /** Back to the page when saved; the form again with the problem (and what was typed) when not. */
  const answer = async (
    req: Request,
    res: Response,
    outcome: Outcome,
    form: (req: Request, res: Response, problem?: Problem) => Promise<void>,
  ) => {
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'saved') {
      req.session.flash = outcome.message;
      return res.redirect(sectionOf(idOf(req)));
    }
    if (outcome.kind === 'closed')
      return form(req, res.status(409), { values: req.body, errors: [{ text: CLOSED, href: '#closed' }] });
    await form(req, res.status(400), { values: req.body, errors: outcome.errors, fieldErrors: outcome.fieldErrors });
  };

  const section = async (req: Request, res: Response, errors?: ErrorItem[]) => {
    const record = await page(req, res);
    res.render('casework/supporting-families/index', {
      title: `Supporting Families – case ${record.kase.reference}`,
      ...record,
      errors,
    });
  };

  routes.get('/cases/:id/supporting-families', CASE_READERS, (req, res) => section(req, res));

  routes.get('/cases/:id/supporting-families/identify', CASE_READERS, (req, res) => identifyForm(req, res));

  routes.post('/cases/:id/supporting-families/identify', CASE_READERS, async (req, res) => {
    await answer(
      req,
      res,
      await families.identify(actorOf(req, res), res.locals.user, idOf(req), req.body),
      identifyForm,
    );
  });

  routes.get('/cases/:id/supporting-families/:needId/achieved', CASE_READERS, (req, res) => achievedForm(req, res));

  routes.post('/cases/:id/supporting-families/:needId/achieved', CASE_READERS, async (req, res) => {
    await answer(
      req,
      res,
      await families.achieve(actorOf(req, res), res.locals.user, idOf(req), idOf(req, 'needId'), req.body),
      achievedForm,
    );
  });

  routes.post('/cases/:id/supporting-families/:needId/remove', CASE_READERS, async (req, res) => {
    const outcome = await families.remove(actorOf(req, res), res.locals.user, idOf(req), idOf(req, 'needId'));
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'closed') return section(req, res.status(409), [{ text: CLOSED, href: '#closed' }]);
    if (outcome.kind === 'saved') req.session.flash = outcome.message;
    res.redirect(sectionOf(idOf(req)));
  });
}
