// Suspensions and permanent exclusions: the list (by school and academic year, with the DfE
// rates), the form, and the file import.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { schoolYearNamed } from '../../platform/school-year.ts';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, templateCsv } from '../../platform/csv-import.ts';
import { FILE_FIELD, fileReceiver, uploadErrors } from '../../platform/upload.ts';
import { answerForm, type FormState } from '../../platform/form-outcome.ts';
import { pageNumber, pagination } from '../../platform/validation.ts';
import { academicYearField } from '../records/forms.ts';
import { ATTENDANCE_RECORD_READERS, ATTENDANCE_RECORD_WRITERS, mayRecordAttendance } from '../../platform/policies.ts';
import { SUSPENSION_COLUMNS } from './forms.ts';
import { KINDS, MAX_SESSIONS, REASONS } from './rules.ts';
import { SUSPENSIONS_PAGE_SIZE } from './service.ts';

const PATH = '/attendance/suspensions';
const receive = fileReceiver({ unreadable: NOT_A_CSV });
const filterSchema = z.object({
  school: z.coerce.number().int().positive().optional().catch(undefined),
  year: academicYearField.optional().catch(undefined),
});

const mayWrite = (res: Response) => mayRecordAttendance(res.locals.user.roles);

export function suspensionRoutes(routes: RouteTable, { suspensions, clock }: RouteServices) {
  async function listPage(
    req: Request,
    res: Response,
    status = 200,
    upload: Partial<ReturnType<typeof uploadErrors>> = {},
  ) {
    const query = filterSchema.parse(req.query);
    const schools = await suspensions.schools(res.locals.user);
    const urn = schools.some((school) => school.urn === query.school) ? query.school : undefined;
    const year = query.year ?? clock.schoolYear().key;
    const page = pageNumber(req.query.page);
    const list = await suspensions.list(actorOf(req, res), res.locals.user, { year, urn }, page);
    const href = (n: number) =>
      `${PATH}?${new URLSearchParams({ ...(urn ? { school: String(urn) } : {}), year, page: String(n) })}`;
    res.status(status).render('attendance/suspensions/index', {
      title: 'Suspensions and permanent exclusions',
      ...list,
      schools,
      filter: { urn, year },
      yearLabel: schoolYearNamed(year)?.label ?? year,
      mayWrite: mayWrite(res),
      pagination: pagination(page, list.total, SUSPENSIONS_PAGE_SIZE, href),
      columns: SUSPENSION_COLUMNS,
      reasons: REASONS,
      maxRows: MAX_ROWS,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      ...upload,
    });
  }

  async function form(res: Response, status = 200, { values = {}, errors, fieldErrors = {} }: FormState = {}) {
    res.status(status).render('attendance/suspensions/form', {
      title: 'Record a suspension or permanent exclusion',
      schools: await suspensions.schools(res.locals.user),
      kinds: KINDS,
      reasons: REASONS,
      maxSessions: MAX_SESSIONS,
      values,
      errors,
      fieldErrors,
      startDate: dateInputView('startDate', values, fieldErrors),
    });
  }

  routes.get(PATH, ATTENDANCE_RECORD_READERS, (req, res) => listPage(req, res));

  routes.get(`${PATH}/template.csv`, ATTENDANCE_RECORD_WRITERS, (_req, res) => {
    res.attachment('suspensions-template.csv').type('text/csv; charset=utf-8').send(templateCsv(SUSPENSION_COLUMNS));
  });

  routes.get(`${PATH}/new`, ATTENDANCE_RECORD_WRITERS, (_req, res) => form(res));

  routes.post(`${PATH}/new`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const outcome = await suspensions.record(actorOf(req, res), res.locals.user, req.body);
    await answerForm(req, res, outcome, { next: () => PATH, again: (again, state) => form(again, 400, state) });
  });

  routes.post(`${PATH}/import`, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return listPage(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return listPage(req, res, 400, uploadErrors([{ message: 'Select a CSV file' }]));
    const outcome = await suspensions.importFile(actorOf(req, res), res.locals.user, received.file.buffer);
    if (!outcome.ok) return listPage(req, res, 400, uploadErrors(outcome.problems));
    const records = (n: number) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'record' : 'records'}`;
    req.session.flash = `Imported ${records(outcome.added)}${outcome.updated ? `; ${records(outcome.updated)} already recorded ${outcome.updated === 1 ? 'was' : 'were'} updated` : ''}`;
    res.redirect(PATH);
  });
}
