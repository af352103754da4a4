// The case's professionals section: who is working with the family, adding one and taking one off
// the case. Everyone here is told when the lead professional changes [Portsmouth early help
// assessment, plan, review and closure guidance, §2.5].
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { CaseRecord } from '../service.ts';
import { CASE_READERS } from '../../platform/policies.ts';

export const CLOSED = 'This case is closed, so the professionals on it cannot be changed.';

interface FormState {
  kase: CaseRecord;
  values?: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

function professionalForm(res: Response, { kase, values = {}, errors, fieldErrors }: FormState) {
  res.render('casework/professionals/form', {
    title: `Add a professional – case ${kase.reference}`,
    kase,
    values,
    errors,
    fieldErrors: fieldErrors ?? {},
  });
}

export function professionalRoutes(routes: RouteTable, services: RouteServices): void {
  const professionals = services.caseProfessionals;
  const sectionOf = (id: number) => `/cases/${id}/professionals`;

  const section = async (req: Request, res: Response, status = 200, errors?: ErrorItem[]) => {
    const page = await professionals.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.status(status).render('casework/professionals/index', {
      title: `Professionals – case ${page.kase.reference}`,
      ...page,
      errors,
    });
  };

  routes.get('/cases/:id/professionals', CASE_READERS, (req, res) => section(req, res));

  routes.get('/cases/:id/professionals/new', CASE_READERS, async (req, res) => {
    const found = await professionals.form(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    professionalForm(res, found);
  });

  routes.post('/cases/:id/professionals/new', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await professionals.add(actorOf(req, res), res.locals.user, id, req.body);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'saved') {
      req.session.flash = outcome.message;
      return res.redirect(sectionOf(id));
    }
    const found = await professionals.form(actorOf(req, res), res.locals.user, id);
    if (!found) throw new NotFoundError();
    if (outcome.kind === 'closed') return professionalForm(res.status(409), found);
    professionalForm(res.status(400), {
      ...found,
      values: req.body,
      errors: outcome.errors,
      fieldErrors: outcome.fieldErrors,
    });
  });

  routes.post('/cases/:id/professionals/:professionalId/remove', CASE_READERS, async (req, res) => {
    const id = idOf(req);
    const outcome = await professionals.remove(actorOf(req, res), res.locals.user, id, idOf(req, 'professionalId'));
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'closed') return section(req, res, 409, [{ text: CLOSED, href: '#closed' }]);
    if (outcome.kind === 'saved') req.session.flash = outcome.message;
    res.redirect(sectionOf(id));
  });
}
