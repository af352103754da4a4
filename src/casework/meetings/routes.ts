import type { Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';
import type { CaseRecord } from '../service.ts';
import { CASE_READERS } from '../../platform/policies.ts';
import type { MeetingFormView } from './form/service.ts';
import { measureRoutes } from './measures/routes.ts';

interface FormPage {
  kase: CaseRecord;
  view: MeetingFormView;
  values: Record<string, unknown>;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

function renderForm(res: Response, page: FormPage, status = 200) {
  const { values, fieldErrors } = page;
  res.status(status).render('casework/meetings/form', {
    title: 'Record a Team Around the Family meeting',
    ...page,
    ...page.view,
    dates: {
      heldOn: dateInputView('heldOn', values, fieldErrors),
      steppedUpOn: dateInputView('steppedUpOn', values, fieldErrors),
      nextMeetingOn: dateInputView('nextMeetingOn', values, fieldErrors),
    },
  });
}

/** The case's Team Around the Family meetings [Portsmouth early help assessment, plan, review and closure guidance, §3.2], and its progress measures. */
export function meetingRoutes(routes: RouteTable, services: RouteServices): void {
  const meetings = services.caseMeetings;
  const readers = CASE_READERS;

  routes.get('/cases/:id/meetings', readers, async (req, res) => {
    const page = await meetings.overview(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.render('casework/meetings/index', { title: `Meetings: case ${page.kase.reference}`, ...page });
  });

  routes.get('/cases/:id/meetings/new', readers, async (req, res) => {
    const id = idOf(req);
    const page = await meetings.newForm(actorOf(req, res), res.locals.user, id);
    if (!page) throw new NotFoundError();
    if (page.kase.status === 'closed') {
      req.session.flash = 'The case is closed, so no more meetings can be recorded';
      return res.redirect(`/cases/${id}/meetings`);
    }
    renderForm(res, { kase: page.kase, view: page.view, values: page.values });
  });

  routes.post('/cases/:id/meetings/new', readers, async (req, res) => {
    const id = idOf(req);
    const body = { ...(req.body ?? {}) } as Record<string, unknown>;
    delete body._csrf;
    const result = await meetings.record(actorOf(req, res), res.locals.user, id, body);
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'closed') {
      req.session.flash = 'The case is closed, so no more meetings can be recorded';
      return res.redirect(`/cases/${id}/meetings`);
    }
    const outcome = result.value;
    if (outcome.kind === 'problem')
      return renderForm(
        res,
        {
          kase: outcome.kase,
          view: outcome.view,
          values: body,
          errors: outcome.errors,
          fieldErrors: outcome.fieldErrors,
        },
        outcome.status,
      );
    const lead = outcome.leadName
      ? ` ${outcome.leadName} is now the lead professional; they, the previous lead, the referrer and the professionals on the case have been told.`
      : '';
    if (!outcome.stillReaches) {
      req.session.flash = `Meeting recorded.${lead}`;
      return res.redirect('/cases');
    }
    req.session.flash = `Meeting recorded.${lead}`;
    res.redirect(`/cases/${id}/meetings`);
  });

  measureRoutes(routes, services, readers);
}
