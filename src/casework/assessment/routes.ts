import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { CASE_READERS } from '../../platform/policies.ts';
import { consentRoutes } from './consent/routes.ts';
import { familyRoutes } from './family/routes.ts';
import { problemOf, type Problem, completedText, type AssessmentService, type Refused } from './service.ts';
import { ASPECTS, MAY_BE_NOT_APPLICABLE, SCORE_ANCHORS, SCORE_MAX, SCORE_MIN } from '../rules.ts';
import { PERSPECTIVES, PRACTITIONER_VIEWS, isPerspective, type Perspective } from './rules.ts';
import { NOT_APPLICABLE, aspectFields, scoresFormValues } from './forms.ts';
import type { StoredAssessment } from './repository.ts';

/** The case's assessment section: the Family Early Help Plan assessment [Portsmouth early help assessment, plan, review and closure guidance]. */
export function assessmentRoutes(routes: RouteTable, services: RouteServices): void {
  const assessment = services.caseAssessment;

  const overviewPage = async (req: Request, res: Response, problem?: Problem) => {
    const found = await assessment.overview(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res.status(problem?.status ?? 200).render('casework/assessment/index', {
      title: `Assessment: case ${found.kase.reference}`,
      ...found,
      errors: problem?.errors,
    });
  };

  routes.get('/cases/:id/assessment', CASE_READERS, (req, res) => overviewPage(req, res));

  routes.post('/cases/:id/assessment/complete', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await assessment.complete(actorOf(req, res), res.locals.user, id);
    if (outcome.kind !== 'saved') return overviewPage(req, res, problemOf(outcome, 'complete'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment`);
  });

  consentRoutes(routes, services);
  familyRoutes(routes, services);
  scoresRoutes(routes, services, assessment);
}

type Values = Record<string, unknown>;

/** The 0–10 choices, printed 10 down to 0 as on the form [Portsmouth early help assessment, plan, review and closure guidance], each with its anchor label where it has one. */
const SCORE_CHOICES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => {
  const score = SCORE_MAX - i;
  const anchor = (SCORE_ANCHORS as Record<number, string>)[score];
  return { value: String(score), text: anchor ? `${score} – ${anchor}` : String(score) };
});

/** Each aspect's boxes, with the score choices (and "not applicable" where allowed) marked as chosen. */
function aspectsForm(values: Values) {
  return ASPECTS.map((aspect) => {
    const fields = aspectFields(aspect.code);
    const mayBeNotApplicable = MAY_BE_NOT_APPLICABLE.includes(aspect.code);
    const choices = [
      { value: '', text: 'Not scored yet' },
      ...SCORE_CHOICES,
      ...(mayBeNotApplicable ? [{ value: NOT_APPLICABLE, text: 'Not applicable' }] : []),
    ];
    return {
      ...aspect,
      fields,
      mayBeNotApplicable,
      scoreItems: choices.map((choice) => ({ ...choice, selected: values[fields.score] === choice.value })),
    };
  });
}

function perspectiveOf(req: Request): Perspective {
  const by = req.query.by ?? 'parent';
  if (!isPerspective(by)) throw new NotFoundError();
  return by;
}

/**
 * The form's values after a refusal: what was typed (with the version it was filled in
 * against) when it had mistakes; otherwise, as when someone else saved first, the latest saved.
 */
function valuesAfter(after: { refused: Refused; typed: Values } | undefined, latest: Values): Values {
  return after?.refused.kind === 'invalid' ? after.typed : latest;
}

/** The scores for each perspective, and the child's voice and the school's input. */
export function scoresRoutes(routes: RouteTable, _services: RouteServices, assessment: AssessmentService): void {
  const scoresPage = async (
    req: Request,
    res: Response,
    perspective: Perspective,
    after?: { refused: Refused; typed: Values },
  ) => {
    const found = await assessment.form(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const stored = found.assessment;
    const latest = {
      ...scoresFormValues(
        perspective === 'parent' ? stored.parentScores : stored.childScores,
        stored.practitionerView[perspective],
      ),
      version: String(stored.version),
    };
    const problem = after && problemOf(after.refused, 'assessment-form');
    const values = valuesAfter(after, latest);
    res.status(problem?.status ?? 200).render('casework/assessment/scores', {
      title: `${PERSPECTIVES[perspective].title}: case ${found.kase.reference}`,
      kase: found.kase,
      perspective: PERSPECTIVES[perspective],
      aspects: aspectsForm(values),
      notApplicable: NOT_APPLICABLE,
      views: PRACTITIONER_VIEWS,
      ...formState(stored, values, problem),
    });
  };

  const voicesPage = async (req: Request, res: Response, after?: { refused: Refused; typed: Values }) => {
    const found = await assessment.form(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const stored = found.assessment;
    const latest = {
      childVoice: stored.childVoice ?? '',
      schoolInput: stored.schoolInput ?? '',
      version: String(stored.version),
    };
    const problem = after && problemOf(after.refused, 'assessment-form');
    const values = valuesAfter(after, latest);
    res.status(problem?.status ?? 200).render('casework/assessment/voices', {
      title: `The child’s voice and the school’s input: case ${found.kase.reference}`,
      kase: found.kase,
      ...formState(stored, values, problem),
    });
  };

  routes.get('/cases/:id/assessment/scores', CASE_READERS, (req, res) => scoresPage(req, res, perspectiveOf(req)));

  routes.post('/cases/:id/assessment/scores', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const perspective = perspectiveOf(req);
    const outcome = await assessment.saveScores(actorOf(req, res), res.locals.user, id, perspective, req.body);
    if (outcome.kind !== 'saved')
      return scoresPage(req, res, perspective, { refused: outcome, typed: { ...req.body } });
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment`);
  });

  routes.get('/cases/:id/assessment/voices', CASE_READERS, (req, res) => voicesPage(req, res));

  routes.post('/cases/:id/assessment/voices', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await assessment.saveVoices(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind !== 'saved') return voicesPage(req, res, { refused: outcome, typed: { ...req.body } });
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment`);
  });
}

/** What the scores and voices forms share: the values, the problem, and whether the assessment is complete (read only). */
function formState(stored: StoredAssessment, values: Values, problem: Problem | undefined) {
  return {
    values,
    errors: problem?.errors,
    fieldErrors: problem?.fieldErrors ?? {},
    completedNote: stored.completedOn ? completedText(stored.completedOn) : undefined,
  };
}
