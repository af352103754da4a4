// Places on group programmes: nominating, the senior practitioner's decisions, a
// parent's withdrawal of consent, and booking from a case.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { FormState } from '../../platform/form-outcome.ts';
import { CASE_READERS, GROUP_ORGANISERS, NOMINATORS, organisesGroups } from '../../platform/policies.ts';
import { DECISIONS } from './service.ts';

function positiveParam(req: Request, name: string): number {
  return idOf(req, name);
}

export function placeRoutes(routes: RouteTable, services: RouteServices): void {
  const { nominations, decisions, caseBookings } = services.groups;

  async function nominateForm(
    req: Request,
    res: Response,
    status: number,
    { values, errors, fieldErrors = {} }: FormState = {},
  ) {
    const user = res.locals.user;
    const form = await nominations.form(actorOf(req, res), user, idOf(req));
    if (!form) throw new NotFoundError();
    const schools = form.schools;
    const shown = values ?? (schools.length === 1 ? { urn: String(schools[0].urn) } : {});
    res.status(status).render('groups/places/nominate', {
      title: form.programme.kind === 'parent-group' ? 'Nominate a parent' : 'Nominate a child',
      ...form,
      values: shown,
      errors,
      fieldErrors,
      consentOn: dateInputView('consentOn', shown, fieldErrors),
      organiser: organisesGroups(user.roles),
    });
  }

  routes.get('/groups/programmes/:id/nominate', NOMINATORS, (req, res) => nominateForm(req, res, 200));

  routes.post('/groups/programmes/:id/nominate', NOMINATORS, async (req, res) => {
    const outcome = await nominations.nominate(actorOf(req, res), res.locals.user, idOf(req), req.body);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'invalid')
      return nominateForm(req, res, 400, {
        values: req.body,
        errors: outcome.errors,
        fieldErrors: outcome.fieldErrors,
      });
    req.session.flash = outcome.message;
    res.redirect(`/groups/programmes/${outcome.programmeId}`);
  });

  for (const decision of DECISIONS) {
    routes.post(`/groups/places/:id/${decision}`, GROUP_ORGANISERS, async (req, res) => {
      const outcome = await decisions.decide(actorOf(req, res), idOf(req), decision);
      if (outcome.kind === 'not-found') throw new NotFoundError();
      req.session.flash = outcome.message;
      res.redirect(`/groups/programmes/${outcome.programmeId}`);
    });
  }

  routes.get('/groups/places/:id/withdraw-consent', NOMINATORS, async (req, res) => {
    const found = await decisions.withdrawConsentPage(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res.render('groups/programmes/confirm', {
      title: 'Withdraw consent',
      text: `${found.label} on ${found.programme.name}.`,
      back: `/groups/programmes/${found.programme.id}`,
      action: `/groups/places/${found.placeId}/withdraw-consent`,
      warning:
        'Their name and contact details will be removed and their place withdrawn. The register is kept, showing them as a numbered participant.',
      button: 'Withdraw consent',
    });
  });

  routes.post('/groups/places/:id/withdraw-consent', NOMINATORS, async (req, res) => {
    const outcome = await decisions.withdrawConsent(actorOf(req, res), res.locals.user, idOf(req));
    if (outcome.kind === 'not-found') throw new NotFoundError();
    req.session.flash = outcome.message;
    res.redirect(`/groups/programmes/${outcome.programmeId}`);
  });

  routes.post('/cases/:id/groups/:programmeId/book', CASE_READERS, async (req, res) => {
    const caseId = idOf(req);
    const outcome = await caseBookings.book(
      actorOf(req, res),
      res.locals.user,
      caseId,
      positiveParam(req, 'programmeId'),
    );
    if (outcome.kind === 'not-found') throw new NotFoundError();
    req.session.flash =
      outcome.kind === 'closed' ? 'This case is closed, so no group place can be booked' : outcome.message;
    res.redirect(`/cases/${caseId}`);
  });
}
