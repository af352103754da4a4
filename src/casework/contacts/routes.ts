// The case's contacts section: contacts with the family, the lone-working risk checks and the
// clock for contacting the family and making the initial home visit [Havering SEMH Team proposal].
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { CaseRecord } from '../service.ts';
import { CASE_READERS } from '../../platform/policies.ts';
import {
  CONTACT_TYPES,
  RISK_CHECK_VALID_MONTHS,
  RISK_OUTCOMES,
  RISK_QUESTIONS,
  riskOutcomeLabel,
  type HomeVisitCheck,
} from './rules.ts';
import type { Outcome } from './service.ts';

interface FormState {
  kase: CaseRecord;
  homeVisit: HomeVisitCheck;
  values?: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

function contactForm(res: Response, { kase, homeVisit, values = {}, errors, fieldErrors }: FormState) {
  res.render('casework/contacts/contact-form', {
    title: `Record a contact – case ${kase.reference}`,
    kase,
    homeVisit,
    homeVisitOutcome: homeVisit.ok ? riskOutcomeLabel(homeVisit.outcome).toLowerCase() : undefined,
    validMonths: RISK_CHECK_VALID_MONTHS,
    types: CONTACT_TYPES,
    values,
    errors,
    fieldErrors: fieldErrors ?? {},
    contactOn: dateInputView('contactOn', values, fieldErrors),
  });
}

function riskCheckForm(res: Response, { kase, values = {}, errors, fieldErrors }: FormState) {
  res.render('casework/contacts/risk-check-form', {
    title: `Lone-working risk check – case ${kase.reference}`,
    kase,
    questions: RISK_QUESTIONS,
    outcomes: RISK_OUTCOMES,
    values,
    errors,
    fieldErrors: fieldErrors ?? {},
  });
}

export function contactRoutes(routes: RouteTable, services: RouteServices): void {
  const contacts = services.caseContacts;
  const sectionOf = (id: number) => `/cases/${id}/contacts`;

  const formState = async (req: Request, res: Response) => {
    const found = await contacts.form(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    return found;
  };

  /** Shows what became of a form: back to the section when saved, the form again with the problem otherwise. */
  const answer = async (req: Request, res: Response, outcome: Outcome, form: typeof contactForm) => {
    const id = idOf(req);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'saved') {
      req.session.flash = outcome.message;
      return res.redirect(sectionOf(id));
    }
    const state = await formState(req, res);
    if (outcome.kind === 'closed') return form(res.status(409), state);
    form(res.status(400), { ...state, values: req.body, errors: outcome.errors, fieldErrors: outcome.fieldErrors });
  };

  routes.get('/cases/:id/contacts', CASE_READERS, async (req, res) => {
    const page = await contacts.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.render('casework/contacts/index', {
      title: `Contacts – case ${page.kase.reference}`,
      ...page,
      validMonths: RISK_CHECK_VALID_MONTHS,
    });
  });

  routes.get('/cases/:id/contacts/new', CASE_READERS, async (req, res) => contactForm(res, await formState(req, res)));

  routes.post('/cases/:id/contacts/new', CASE_READERS, async (req, res) => {
    const outcome = await contacts.recordContact(actorOf(req, res), res.locals.user, idOf(req), req.body);
    await answer(req, res, outcome, contactForm);
  });

  routes.get('/cases/:id/contacts/risk-check', CASE_READERS, async (req, res) =>
    riskCheckForm(res, await formState(req, res)),
  );

  routes.post('/cases/:id/contacts/risk-check', CASE_READERS, async (req, res) => {
    const outcome = await contacts.recordRiskCheck(actorOf(req, res), res.locals.user, idOf(req), req.body);
    await answer(req, res, outcome, riskCheckForm);
  });
}
