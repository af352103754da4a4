// The comparators page: the stored figures by area and year, and the upload form.
import type { Request, Response } from 'express';
import type { RouteServices } from '../../services.ts';
import { COMPARATOR_READERS, COMPARATOR_WRITERS, mayImportComparators } from '../../platform/policies.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, listOf, templateCsv } from '../../platform/csv-import.ts';
import { FILE_FIELD, fileReceiver, uploadErrors } from '../../platform/upload.ts';
import { COMPARATOR_COLUMNS, MAX_SOURCE_LENGTH, SOURCE_COLUMN } from './forms.ts';
import { MEASURES, PHASES } from './rules.ts';

const PATH = '/attendance/comparators';
const receive = fileReceiver({ unreadable: NOT_A_CSV });

const mayImport = (res: Response) => mayImportComparators(res.locals.user.roles);
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** Where rows without a source say they came from: the uploaded file's name. */
function fileSource(file: Express.Multer.File): string {
  const name = file.originalname.replace(/\s+/g, ' ').trim() || 'a CSV file';
  return `Imported from ${name}`.slice(0, MAX_SOURCE_LENGTH);
}

export function comparatorRoutes(routes: RouteTable, { attendanceComparators: comparators }: RouteServices) {
  async function renderPage(
    _req: Request,
    res: Response,
    status = 200,
    upload: Partial<ReturnType<typeof uploadErrors>> = {},
  ) {
    res.status(status).render('attendance/comparators/index', {
      title: 'Attendance comparators',
      areas: await comparators.list(),
      measures: MEASURES,
      phases: PHASES,
      mayImport: mayImport(res),
      columns: [...COMPARATOR_COLUMNS, SOURCE_COLUMN],
      maxRows: MAX_ROWS,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      ...upload,
    });
  }

  routes.get(PATH, COMPARATOR_READERS, (req, res) => renderPage(req, res));

  routes.get(`${PATH}/template.csv`, COMPARATOR_WRITERS, (_req, res) => {
    res
      .attachment('comparators-template.csv')
      .type('text/csv; charset=utf-8')
      .send(templateCsv([...COMPARATOR_COLUMNS, SOURCE_COLUMN]));
  });

  routes.post(PATH, COMPARATOR_WRITERS, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return renderPage(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return renderPage(req, res, 400, uploadErrors([{ message: 'Select a CSV file' }]));
    const outcome = await comparators.importFile(actorOf(req, res), received.file.buffer, {
      source: fileSource(received.file),
    });
    if (!outcome.ok) return renderPage(req, res, 400, uploadErrors(outcome.problems));
    const changes = [
      outcome.added && `${outcome.added.toLocaleString('en-GB')} new`,
      outcome.replaced && `${outcome.replaced.toLocaleString('en-GB')} replacing earlier figures`,
    ].filter(Boolean);
    req.session.flash = `Imported ${plural(outcome.figures, 'figure', 'figures')} for ${listOf(outcome.areas)} (${changes.join(', ')})`;
    res.redirect(PATH);
  });
}
