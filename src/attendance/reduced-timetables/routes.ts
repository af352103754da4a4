// Reduced timetables: the work list, and recording, changing and ending one.
import type { Request, Response } from 'express';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { answerForm, type FormState } from '../../platform/form-outcome.ts';
import { dateInputValues } from '../../platform/date-input.ts';
import { ATTENDANCE_RECORD_READERS, ATTENDANCE_RECORD_WRITERS, mayRecordAttendance } from '../../platform/policies.ts';
import { FULL_TIME_HOURS } from './rules.ts';
import type { Outcome } from './service.ts';

const PATH = '/attendance/reduced-timetables';

export function reducedTimetableRoutes(routes: RouteTable, { reducedTimetables: timetables, clock }: RouteServices) {
  async function form(
    res: Response,
    status: number,
    { id, values = {}, errors, fieldErrors = {} }: FormState & { id?: number },
  ) {
    res.status(status).render('attendance/reduced-timetables/form', {
      title: id ? 'Change a reduced timetable' : 'Record a reduced timetable',
      action: id ? `${PATH}/${id}/edit` : `${PATH}/new`,
      id,
      schools: await timetables.schools(res.locals.user),
      fullTimeHours: FULL_TIME_HOURS,
      values,
      errors,
      fieldErrors,
      startDate: dateInputView('startDate', values, fieldErrors),
      plannedEnd: dateInputView('plannedEnd', values, fieldErrors),
      reviewDate: dateInputView('reviewDate', values, fieldErrors),
    });
  }

  async function endForm(
    req: Request,
    res: Response,
    status: number,
    { values, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await timetables.editForm(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const shown = values ?? dateInputValues('endedOn', clock.today());
    res.status(status).render('attendance/reduced-timetables/end', {
      title: 'End a reduced timetable',
      record: found.record,
      errors,
      endedOn: dateInputView('endedOn', shown, fieldErrors),
    });
  }

  /** Back to the work list when saved; the form again with the problems when not. */
  const answer = (req: Request, res: Response, outcome: Outcome, again: (state: FormState) => unknown) =>
    answerForm(req, res, outcome, { next: () => PATH, again: (_res, state) => again(state) });

  routes.get(PATH, ATTENDANCE_RECORD_READERS, async (req, res) => {
    const list = await timetables.workList(actorOf(req, res), res.locals.user);
    res.render('attendance/reduced-timetables/index', {
      title: 'Reduced timetables',
      ...list,
      mayWrite: mayRecordAttendance(res.locals.user.roles),
    });
  });

  routes.get(`${PATH}/new`, ATTENDANCE_RECORD_WRITERS, (_req, res) => form(res, 200, {}));

  routes.post(`${PATH}/new`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const outcome = await timetables.create(actorOf(req, res), res.locals.user, req.body);
    await answer(req, res, outcome, (state) => form(res, 400, state));
  });

  routes.get(`${PATH}/:id/edit`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const found = await timetables.editForm(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    await form(res, 200, { id: found.record.id, values: found.values });
  });

  routes.post(`${PATH}/:id/edit`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const outcome = await timetables.update(actorOf(req, res), res.locals.user, idOf(req), req.body);
    await answer(req, res, outcome, (state) => form(res, 400, { ...state, id: idOf(req) }));
  });

  routes.get(`${PATH}/:id/end`, ATTENDANCE_RECORD_WRITERS, (req, res) => endForm(req, res, 200));

  routes.post(`${PATH}/:id/end`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const outcome = await timetables.end(actorOf(req, res), res.locals.user, idOf(req), req.body);
    await answer(req, res, outcome, (state) => endForm(req, res, 400, state));
  });
}
