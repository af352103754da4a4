import type { Request, Response } from 'express';
import type { RouteTable } from '../../../platform/permissions.ts';
import type { RouteServices } from '../../../services.ts';
import { NotFoundError, idOf } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/auth/routes.ts';
import { dateInputView } from '../../../platform/date-input.ts';
import { YOUNG_PERSON_CONSENT_AGE } from '../../rules.ts';
import { CASE_READERS } from '../../../platform/policies.ts';
import { CONSENT_KINDS, CONSENT_ROLES, consentKindLabel, consentRoleLabel } from './rules.ts';
import { problemOf, type Problem } from '../service.ts';

type Values = Record<string, unknown>;

/** Recording the family's two consents, and withdrawing one [Portsmouth early help assessment, plan, review and closure guidance]. */
export function consentRoutes(routes: RouteTable, services: RouteServices): void {
  const consents = services.caseConsents;

  const consentPage = async (req: Request, res: Response, values: Values, problem?: Problem) => {
    const found = await consents.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const fieldErrors = problem?.fieldErrors ?? {};
    res.status(problem?.status ?? 200).render('casework/assessment/consent', {
      title: `Consent: case ${found.kase.reference}`,
      kase: found.kase,
      consents: found.consents.map((consent) => ({
        ...consent,
        kindLabel: consentKindLabel(consent.kind),
        roleLabel: consentRoleLabel(consent.given_by_role),
      })),
      kinds: CONSENT_KINDS.map((kind) => ({ ...kind, standing: found.state[kind.code] })),
      roles: CONSENT_ROLES,
      consentAge: YOUNG_PERSON_CONSENT_AGE,
      values,
      errors: problem?.errors,
      fieldErrors,
      givenOn: dateInputView('givenOn', values, fieldErrors),
    });
  };

  const withdrawalPage = async (req: Request, res: Response, values: Values, problem?: Problem) => {
    const found = await consents.withdrawalPage(actorOf(req, res), res.locals.user, idOf(req), idOf(req, 'consentId'));
    if (!found) throw new NotFoundError();
    const fieldErrors = problem?.fieldErrors ?? {};
    res.status(problem?.status ?? 200).render('casework/assessment/withdraw', {
      title: `Withdraw consent: case ${found.kase.reference}`,
      kase: found.kase,
      consent: {
        ...found.consent,
        kindLabel: consentKindLabel(found.consent.kind),
        roleLabel: consentRoleLabel(found.consent.given_by_role),
      },
      values,
      errors: problem?.errors,
      fieldErrors,
      withdrawnOn: dateInputView('withdrawnOn', values, fieldErrors),
    });
  };

  routes.get('/cases/:id/assessment/consent', CASE_READERS, (req, res) =>
    consentPage(req, res, { kind: req.query.kind }),
  );

  routes.post('/cases/:id/assessment/consent', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await consents.record(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind !== 'saved') return consentPage(req, res, { ...req.body }, problemOf(outcome, 'kind'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment`);
  });

  routes.get('/cases/:id/assessment/consent/:consentId/withdraw', CASE_READERS, (req, res) =>
    withdrawalPage(req, res, {}),
  );

  routes.post('/cases/:id/assessment/consent/:consentId/withdraw', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await consents.withdraw(actorOf(req, res), res.locals.user, id, idOf(req, 'consentId'), req.body);
    if (outcome.kind !== 'saved') return withdrawalPage(req, res, { ...req.body }, problemOf(outcome, 'withdrawnOn'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment/consent`);
  });
}
