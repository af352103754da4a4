// Importing session marks: the upload form with the latest imports, the import's
// own page (progress while it runs, then what was imported or every problem by line and column)
// and its progress for the page to poll.
import type { Request, Response } from 'express';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { fileReceiver, uploadErrors, FILE_FIELD } from '../../platform/upload.ts';
import { ATTENDANCE_CODES, CATEGORY_NAMES, storedSchoolYear } from '../rules.ts';
import { MARKS_IMPORTERS, importsMarksForEverySchool } from '../../platform/policies.ts';
import { MARKS_COLUMNS } from './file/forms.ts';
import { csvText } from '../../platform/csv-export.ts';

const PATH = '/attendance/imports';

const TEMPLATE = csvText([MARKS_COLUMNS, ['A311200120001A', '100000', '2026-09-03', 'AM', '/']], {
  windowsLineEndings: true,
});

export function attendanceImportRoutes(routes: RouteTable, { attendanceImports }: RouteServices) {
  // Each upload's size limit is the uploader's own (see the POST below).
  const receive = fileReceiver({
    unreadable: 'The selected file must be a CSV file',
    toFolder: attendanceImports.uploadsFolder,
    fields: 2,
  });

  async function page(req: Request, res: Response, status = 200, form: { errors?: unknown; fileError?: unknown } = {}) {
    const user = res.locals.user;
    res.status(status).render('attendance/imports/index', {
      title: 'Import attendance marks',
      imports: await attendanceImports.recent(user),
      maxMegabytes: (await attendanceImports.uploadLimit(user)).maxBytes / 1024 / 1024,
      ownSchoolsOnly: !importsMarksForEverySchool(user.roles),
      codes: ATTENDANCE_CODES,
      codeCategories: CATEGORY_NAMES,
      fileField: FILE_FIELD,
      ...form,
    });
  }

  routes.get(PATH, MARKS_IMPORTERS, (req, res) => page(req, res));

  routes.get(`${PATH}/template.csv`, MARKS_IMPORTERS, (_req, res) => {
    res.attachment('attendance-marks-template.csv').type('text/csv; charset=utf-8').send(TEMPLATE);
  });

  routes.post(PATH, MARKS_IMPORTERS, async (req, res) => {
    const user = res.locals.user;
    // Asked before the file is received, so a file that must wait is never stored; asked again when the import starts.
    const wait = await attendanceImports.whyMustWait(user);
    if (wait) return page(req, res, 429, uploadErrors([{ message: wait }]));
    const received = await receive(req, res, await attendanceImports.uploadLimit(user));
    if (!received.ok) return page(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return page(req, res, 400, uploadErrors([{ message: 'Select a CSV file of session marks' }]));
    const started = await attendanceImports.start(actorOf(req, res), user, received.file);
    if (!started.ok) return page(req, res, 429, uploadErrors([{ message: started.message }]));
    res.redirect(303, `${PATH}/${started.id}`);
  });

  routes.get(`${PATH}/:id`, MARKS_IMPORTERS, async (req, res) => {
    const found = await attendanceImports.find(res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res.render('attendance/imports/show', {
      title: `Attendance import ${found.id}`,
      job: found,
      yearLabel: found.academic_year && (storedSchoolYear(found.academic_year)?.label ?? found.academic_year),
    });
  });

  routes.get(`${PATH}/:id/progress`, MARKS_IMPORTERS, async (req, res) => {
    const found = await attendanceImports.find(res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    res
      .set('Cache-Control', 'no-store')
      .json({ status: found.status, rowsDone: found.rows_done, rowsTotal: found.rows_total });
  });
}
