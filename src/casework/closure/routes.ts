// The case's extension and closure section [Havering SEMH Team proposal; RBKC Early Help Family
// Support; Portsmouth early help assessment, plan, review and closure guidance]: the planned end
// and extensions, proposing closure with the Maintaining Our Family Plan, the team manager's
// sign-off, and the post-closure review.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { CaseRecord } from '../service.ts';
import { CASE_CLOSERS, CASE_READERS, mayCloseCases } from '../../platform/policies.ts';
import type { Role } from '../../platform/roles.ts';
import { ACTION_OUTCOMES } from './rules.ts';
import { CLOSURE_REASONS, MAINTENANCE_FIELDS } from './forms.ts';
import type { Outcome } from './service.ts';

/** The extension request's id in the address (`:extId`). */
function extensionIdOf(req: Request): number {
  return idOf(req, 'extId');
}

interface FormProblem {
  status: number;
  values?: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  refusal?: string;
}

/** One of the section's forms: its view, its title and how to load what it shows. */
interface FormPage {
  view: string;
  title: string;
  load: (req: Request, res: Response) => Promise<({ kase: CaseRecord } & Record<string, unknown>) | undefined>;
  /** Extra view data worked out from what was typed (date inputs, say). */
  extra?: (values: Record<string, unknown>, fieldErrors: FieldErrors) => Record<string, unknown>;
}

function show(
  res: Response,
  page: FormPage,
  state: { kase: CaseRecord } & Record<string, unknown>,
  problem: FormProblem = { status: 200 },
) {
  const values = problem.values ?? (state.values as Record<string, unknown> | undefined) ?? {};
  const fieldErrors = problem.fieldErrors ?? {};
  res.status(problem.status).render(`casework/closure/${page.view}`, {
    title: `${page.title} – case ${state.kase.reference}`,
    ...state,
    values,
    errors: problem.errors,
    fieldErrors,
    refusal: problem.refusal,
    ...page.extra?.(values, fieldErrors),
  });
}

export function closureRoutes(routes: RouteTable, services: RouteServices): void {
  const closure = services.caseClosure;
  const closing = services.caseClosing;
  const sectionOf = (id: number) => `/cases/${id}/closure`;

  const loaded = async (page: FormPage, req: Request, res: Response) => {
    const state = await page.load(req, res);
    if (!state) throw new NotFoundError();
    return state;
  };

  /** Shows what became of a form: back to the section when saved, the form again with the problem otherwise. */
  const answer = async (req: Request, res: Response, page: FormPage, outcome: Outcome) => {
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'saved') {
      req.session.flash = outcome.message;
      return res.redirect(sectionOf(idOf(req)));
    }
    const state = await loaded(page, req, res);
    if (outcome.kind === 'closed') return show(res, page, state, { status: 409 });
    if (outcome.kind === 'refused') return show(res, page, state, { status: 409, refusal: outcome.message });
    show(res, page, state, {
      status: 400,
      values: req.body ?? {},
      errors: outcome.errors,
      fieldErrors: outcome.fieldErrors,
    });
  };

  const forms = {
    extension: {
      view: 'extension-form',
      title: 'Request an extension',
      load: (req, res) => closure.extensionForm(actorOf(req, res), res.locals.user, idOf(req)),
      extra: (values, fieldErrors) => ({ newEnd: dateInputView('newEnd', values, fieldErrors) }),
    },
    decision: {
      view: 'decision-form',
      title: 'Decide on an extension',
      load: (req, res) => closure.decisionForm(actorOf(req, res), res.locals.user, idOf(req), extensionIdOf(req)),
    },
    propose: {
      view: 'propose-form',
      title: 'Propose closure',
      load: async (req, res) => {
        const state = await closing.proposeForm(actorOf(req, res), res.locals.user, idOf(req));
        return (
          state && {
            ...state,
            values: state.earlier,
            reasons: CLOSURE_REASONS,
            maintenanceFields: MAINTENANCE_FIELDS,
            actionOutcomes: ACTION_OUTCOMES,
          }
        );
      },
    },
    signOff: {
      view: 'sign-off',
      title: 'Sign off closure',
      load: (req, res) => closing.signOffForm(actorOf(req, res), res.locals.user, idOf(req)),
    },
    review: {
      view: 'review-form',
      title: 'Post-closure review',
      load: (req, res) => closing.reviewForm(actorOf(req, res), res.locals.user, idOf(req)),
    },
  } satisfies Record<string, FormPage>;

  routes.get('/cases/:id/closure', CASE_READERS, async (req, res) => {
    const page = await closure.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    const isManager = mayCloseCases(res.locals.user.roles);
    res.render('casework/closure/index', {
      title: `Extension and closure – case ${page.kase.reference}`,
      ...page,
      isManager,
    });
  });

  const form = (
    path: string,
    access: readonly Role[],
    page: FormPage,
    act: (req: Request, res: Response) => Promise<Outcome>,
  ) => {
    routes.get(path, access, async (req, res) => show(res, page, await loaded(page, req, res)));
    routes.post(path, access, async (req, res) => answer(req, res, page, await act(req, res)));
  };

  form('/cases/:id/closure/extension', CASE_READERS, forms.extension, (req, res) =>
    closure.requestExtension(actorOf(req, res), res.locals.user, idOf(req), req.body),
  );
  form('/cases/:id/closure/extension/:extId/decision', CASE_CLOSERS, forms.decision, (req, res) =>
    closure.decideExtension(actorOf(req, res), res.locals.user, idOf(req), extensionIdOf(req), req.body),
  );
  form('/cases/:id/closure/propose', CASE_READERS, forms.propose, (req, res) =>
    closing.propose(actorOf(req, res), res.locals.user, idOf(req), req.body ?? {}),
  );
  form('/cases/:id/closure/sign-off', CASE_CLOSERS, forms.signOff, (req, res) =>
    closing.signOff(actorOf(req, res), res.locals.user, idOf(req), req.body),
  );
  form('/cases/:id/closure/review', CASE_READERS, forms.review, (req, res) =>
    closing.review(actorOf(req, res), res.locals.user, idOf(req), req.body),
  );
}
