import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { dateInputValues, dateInputView } from '../../platform/date-input.ts';
import { ASPECTS, READINESS, isAspect } from '../rules.ts';
import type { CaseRecord } from '../service.ts';
import { CASE_READERS } from '../../platform/policies.ts';
import { ACTION_STATUSES, NO_ACTION_TEXT } from './rules.ts';
import type { Refused } from './service.ts';
import type { PlanAction } from './repository.ts';

export const PLAN_CHANGED =
  'The plan was changed by someone else while you were editing it. Your changes have not been saved — check the plan and make your change again';
const CASE_CLOSED = 'This case is closed, so its plan cannot be changed';

type Values = Record<string, unknown>;
interface Problem {
  status: number;
  errors: ErrorItem[];
  fieldErrors?: FieldErrors;
}

function actionIdOf(req: Request): number {
  return idOf(req, 'actionId');
}

/** How a refused change reads on the page: what was wrong with the form, or why it could not be saved. */
function problemOf(refused: Exclude<Refused, { kind: 'not-found' }>, caseId: number, field: string): Problem {
  switch (refused.kind) {
    case 'invalid':
      return { status: 400, errors: refused.errors, fieldErrors: refused.fieldErrors };
    case 'refused':
      return {
        status: 400,
        errors: [{ text: refused.text, href: `#${refused.field}` }],
        fieldErrors: { [refused.field]: { text: refused.text } },
      };
    case 'conflict':
      return { status: 409, errors: [{ text: PLAN_CHANGED, href: `/cases/${caseId}/plan` }] };
    case 'closed':
      return { status: 409, errors: [{ text: CASE_CLOSED, href: `#${field}` }] };
  }
}

function storedValues(kase: CaseRecord, action: PlanAction | undefined, aspect: unknown): Values {
  const version = { planVersion: String(kase.plan_version) };
  if (!action) return { aspect: isAspect(aspect) ? aspect : '', ...version };
  return {
    aspect: action.aspect,
    action: action.action,
    forWhom: action.for_whom,
    who: action.who,
    schoolOwns: action.school_owns ? 'yes' : '',
    ...(action.by_when ? dateInputValues('byWhen', action.by_when) : {}),
    difference: action.difference,
    readiness: String(action.readiness ?? ''),
    status: action.status,
    progress: action.progress,
    ...version,
  };
}

/** The add or change form, with what was typed (or what is stored) and any problem. */
function formPage(res: Response, kase: CaseRecord, action: PlanAction | undefined, values: Values, problem?: Problem) {
  const fieldErrors = problem?.fieldErrors ?? {};
  res.status(problem?.status ?? 200).render('casework/plan/action-form', {
    title: action ? 'Change an action' : 'Add an action to the plan',
    kase,
    action,
    conflict: problem?.status === 409 && action,
    formAction: `/cases/${kase.id}/plan/actions/${action ? action.id : 'new'}`,
    values,
    errors: problem?.errors,
    fieldErrors,
    byWhen: dateInputView('byWhen', values, fieldErrors),
    aspects: ASPECTS,
    readiness: READINESS,
    statuses: ACTION_STATUSES,
  });
}

export function planRoutes(routes: RouteTable, services: RouteServices): void {
  const plan = services.casePlan;

  const planPage = async (req: Request, res: Response, problem?: Problem) => {
    const found = await plan.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res.status(problem?.status ?? 200).render('casework/plan/index', {
      title: `Plan: case ${found.kase.reference}`,
      ...found,
      noActionText: NO_ACTION_TEXT,
      errors: problem?.errors,
      fieldErrors: problem?.fieldErrors ?? {},
    });
  };

  /** Shows the form again after a refused change: what was typed, with the plan's current version when it had moved on. */
  const formAgain = async (req: Request, res: Response, actionId: number | undefined, refused: Refused) => {
    const found = await plan.form(actorOf(req, res), res.locals.user, idOf(req), actionId);
    if (!found || refused.kind === 'not-found') throw new NotFoundError();
    const values: Values = { ...req.body };
    if (refused.kind === 'conflict') values.planVersion = String(found.kase.plan_version);
    formPage(res, found.kase, found.action, values, problemOf(refused, found.kase.id, 'action'));
  };

  routes.get('/cases/:id/plan', CASE_READERS, (req, res) => planPage(req, res));

  routes.get('/cases/:id/plan/actions/new', CASE_READERS, async (req, res) => {
    const found = await plan.form(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    formPage(res, found.kase, undefined, storedValues(found.kase, undefined, req.query.aspect));
  });

  routes.post('/cases/:id/plan/actions/new', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await plan.addAction(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind !== 'saved') return formAgain(req, res, undefined, outcome);
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/plan`);
  });

  routes.get('/cases/:id/plan/actions/:actionId', CASE_READERS, async (req, res) => {
    const found = await plan.form(actorOf(req, res), res.locals.user, idOf(req), actionIdOf(req));
    if (!found) throw new NotFoundError();
    formPage(res, found.kase, found.action, storedValues(found.kase, found.action, undefined));
  });

  routes.post('/cases/:id/plan/actions/:actionId', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const actionId = actionIdOf(req);
    const outcome = await plan.updateAction(actorOf(req, res), res.locals.user, id, actionId, req.body);
    if (outcome.kind !== 'saved') return formAgain(req, res, actionId, outcome);
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/plan`);
  });

  routes.post('/cases/:id/plan/no-action', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await plan.recordNoAction(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind !== 'saved') {
      return planPage(req, res, problemOf(outcome, id, 'plan'));
    }
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/plan`);
  });
}
