// The pupil roll page: schools with pupils on roll for the year, and the upload form.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { schoolYearNamed } from '../../platform/school-year.ts';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, templateCsv } from '../../platform/csv-import.ts';
import { FILE_FIELD, fileReceiver, uploadErrors } from '../../platform/upload.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { academicYearField } from '../records/forms.ts';
import { ATTENDANCE_RECORD_READERS, ATTENDANCE_RECORD_WRITERS, mayRecordAttendance } from '../../platform/policies.ts';
import { ROLL_COLUMNS, SEN_CODES, YEAR_GROUPS } from './forms.ts';

const PATH = '/attendance/roll';
const receive = fileReceiver({ unreadable: NOT_A_CSV });

interface FormState {
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  fileError?: { text: string };
  values?: { year?: string };
}

export function rollRoutes(routes: RouteTable, { attendanceRoll: roll, clock }: RouteServices) {
  async function renderPage(req: Request, res: Response, status = 200, form: FormState = {}) {
    const asked = academicYearField.safeParse(req.query.year);
    const year = asked.success ? asked.data : clock.schoolYear().key;
    const schools = await roll.schools(res.locals.user, year);
    res.status(status).render('attendance/roll/index', {
      title: 'Pupil roll',
      year,
      yearLabel: schoolYearNamed(year)?.label ?? year,
      schools,
      pupils: schools.reduce((sum, school) => sum + school.pupils, 0),
      mayImport: mayRecordAttendance(res.locals.user.roles),
      columns: ROLL_COLUMNS,
      yearGroups: YEAR_GROUPS,
      senCodes: SEN_CODES,
      maxRows: MAX_ROWS,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      fieldErrors: {},
      ...form,
      values: { year, ...form.values },
    });
  }

  routes.get(PATH, ATTENDANCE_RECORD_READERS, (req, res) => renderPage(req, res));

  routes.get(`${PATH}/template.csv`, ATTENDANCE_RECORD_WRITERS, (_req, res) => {
    res.attachment('pupil-roll-template.csv').type('text/csv; charset=utf-8').send(templateCsv(ROLL_COLUMNS));
  });

  routes.post(PATH, ATTENDANCE_RECORD_WRITERS, async (req, res) => {
    const received = await receive(req, res);
    const values = { year: typeof req.body?.year === 'string' ? req.body.year : undefined };
    if (!received.ok) return renderPage(req, res, 400, { ...uploadErrors([{ message: received.message }]), values });
    const form = validate(z.object({ year: academicYearField }), req.body ?? {});
    if (!form.ok || !received.file) {
      const file = received.file ? undefined : uploadErrors([{ message: 'Select a CSV file' }]);
      const errors = [...(form.ok ? [] : form.errors), ...(file?.errors ?? [])];
      return renderPage(req, res, 400, {
        errors,
        fieldErrors: form.ok ? {} : form.fieldErrors,
        fileError: file?.fileError,
        values,
      });
    }
    const outcome = await roll.importFile(actorOf(req, res), res.locals.user, form.data.year, received.file.buffer);
    if (!outcome.ok) return renderPage(req, res, 400, { ...uploadErrors(outcome.problems), values });
    const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
    req.session.flash = `Imported ${plural(outcome.pupils, 'pupil', 'pupils')} at ${plural(outcome.schools, 'school', 'schools')} for ${schoolYearNamed(outcome.year)?.label ?? outcome.year}`;
    res.redirect(`${PATH}?${new URLSearchParams({ year: outcome.year })}`);
  });
}
