import type { Request, Response } from 'express';
import type { RouteTable } from '../../../platform/permissions.ts';
import type { RouteServices } from '../../../services.ts';
import { NotFoundError, idOf } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/auth/routes.ts';
import { dateInputView } from '../../../platform/date-input.ts';
import { CASE_READERS } from '../../../platform/policies.ts';
import { MAX_FAMILY_MEMBERS } from '../forms.ts';
import { GENDERS, familyMemberView } from '../rules.ts';
import { problemOf, type Problem } from '../service.ts';

type Values = Record<string, unknown>;

/** "Who's in our family?": adding and removing family members [Portsmouth early help assessment, plan, review and closure guidance]. */
export function familyRoutes(routes: RouteTable, services: RouteServices): void {
  const family = services.caseFamily;

  const familyPage = async (req: Request, res: Response, values: Values, problem?: Problem) => {
    const found = await family.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const fieldErrors = problem?.fieldErrors ?? {};
    res.status(problem?.status ?? 200).render('casework/assessment/family', {
      title: `Family: case ${found.kase.reference}`,
      kase: found.kase,
      members: found.members.map(familyMemberView),
      full: found.members.length >= MAX_FAMILY_MEMBERS,
      maxMembers: MAX_FAMILY_MEMBERS,
      genders: GENDERS,
      values,
      errors: problem?.errors,
      fieldErrors,
      dateOfBirth: dateInputView('dateOfBirth', values, fieldErrors),
      expectedOn: dateInputView('expectedOn', values, fieldErrors),
    });
  };

  routes.get('/cases/:id/assessment/family', CASE_READERS, (req, res) => familyPage(req, res, {}));

  routes.post('/cases/:id/assessment/family', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await family.add(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind !== 'saved') return familyPage(req, res, { ...req.body }, problemOf(outcome, 'name'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment/family`);
  });

  routes.post('/cases/:id/assessment/family/:memberId/remove', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await family.remove(actorOf(req, res), res.locals.user, id, idOf(req, 'memberId'));
    if (outcome.kind !== 'saved') return familyPage(req, res, {}, problemOf(outcome, 'members'));
    req.session.flash = outcome.message;
    res.redirect(`/cases/${id}/assessment/family`);
  });
}
