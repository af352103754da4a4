import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { REFERRERS, TRIAGE_ROLES } from '../../platform/policies.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { RouteServices } from '../../services.ts';
import { parseAnswers, type DraftAnswers, type NeedsAnswers } from '../../referrals/forms.ts';
import { OUTCOMES } from '../../referrals/outcomes/rules.ts';
import { referralView } from '../../referrals/summary/rules.ts';
import { LEVELS_OF_NEED, suggestedLevel } from '../rules.ts';
import type { Problem } from './rules.ts';

/** The decision form again, with what was typed and what is wrong: nothing has been saved. */
function renderDecisionPage(res: Response, { status, referral, values, errors, fieldErrors }: Problem) {
  const answers = referral.answers as unknown as DraftAnswers;
  const needs = parseAnswers(answers).parsed.needs as NeedsAnswers | undefined;
  res.status(status).render('triage/decision-page', {
    title: `Decide on referral ${referral.reference}`,
    referral,
    childName: referralView.childName(answers),
    values,
    errors,
    fieldErrors,
    levels: LEVELS_OF_NEED,
    outcomes: OUTCOMES,
    suggestedLevel: suggestedLevel(needs?.needs.length ?? 0),
  });
}

/**
 * Triage decides on a referral or asks the referrer for more information; the referrer answers.
 * Registered before the referral form's `/referrals/:id/:page` routes, which would otherwise
 * take `/referrals/:id/more-information` for a form page.
 */
export function decisionRoutes(routes: RouteTable, { decisions }: RouteServices) {
  routes.post('/triage/:id/decision', TRIAGE_ROLES, async (req, res) => {
    const id = idOf(req);
    const result = await decisions.decide(actorOf(req, res), id, req.body ?? {});
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'problem') return renderDecisionPage(res, result);
    req.session.flash = 'Outcome recorded';
    res.redirect(`/triage/${id}`);
  });

  routes.post('/triage/:id/more-information', TRIAGE_ROLES, async (req, res) => {
    const id = idOf(req);
    const result = await decisions.askForMoreInformation(actorOf(req, res), id, req.body ?? {});
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'problem') return renderDecisionPage(res, result);
    req.session.flash = 'Question sent to the referrer';
    res.redirect(`/triage/${id}`);
  });

  async function renderAnswerPage(
    req: Request,
    res: Response,
    extra: { values?: Record<string, unknown>; errors?: unknown; fieldErrors?: unknown } = {},
  ) {
    const open = await decisions.openQuestions(actorOf(req, res), res.locals.user, idOf(req));
    if (!open) throw new NotFoundError();
    res.render('referrals/more-information', {
      title: 'Answer the triage team’s question',
      referral: open.referral,
      questions: open.questions,
      values: extra.values ?? {},
      errors: extra.errors,
      fieldErrors: extra.fieldErrors ?? {},
    });
  }

  routes.get('/referrals/:id/more-information', REFERRERS, (req, res) => renderAnswerPage(req, res));

  routes.post('/referrals/:id/more-information', REFERRERS, async (req, res) => {
    const id = idOf(req);
    const result = await decisions.answer(actorOf(req, res), res.locals.user, id, req.body ?? {});
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'problem') {
      res.status(result.status);
      return renderAnswerPage(req, res, result);
    }
    req.session.flash = 'Your answer has been sent';
    res.redirect(`/referrals/${id}`);
  });
}
