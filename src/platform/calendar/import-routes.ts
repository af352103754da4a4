// Importing term dates from a CSV file, beside the term dates pages.
import type { Request, Response } from 'express';
import type { RouteTable } from '../permissions.ts';
import { actorOf } from '../auth/routes.ts';
import { templateCsv } from '../csv-import.ts';
import { fileReceiver, uploadErrors, FILE_FIELD } from '../upload.ts';
import type { Services } from '../../services.ts';
import { importTermsFile } from './terms-file.ts';

const ADMIN = ['admin'] as const;
const PATH = '/admin/term-dates/import';
const TEMPLATE = templateCsv(['term name', 'start date', 'end date']);

export function termDatesImportRoutes(routes: RouteTable, { db }: Services) {
  const receive = fileReceiver({ unreadable: 'The selected file must be a CSV file', fields: 2 });

  const page = (_req: Request, res: Response, status = 200, form: object = {}) =>
    res.status(status).render('admin/term-dates/import', {
      title: 'Import term dates from a CSV file',
      fileField: FILE_FIELD,
      ...form,
    });

  routes.get(PATH, ADMIN, (req, res) => page(req, res));

  routes.get(`${PATH}/template.csv`, ADMIN, (_req, res) => {
    res.attachment('term-dates-template.csv').type('text/csv; charset=utf-8').send(TEMPLATE);
  });

  routes.post(PATH, ADMIN, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return page(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return page(req, res, 400, uploadErrors([{ message: 'Select a CSV file of term dates' }]));
    const result = await importTermsFile(db, actorOf(req, res), received.file.buffer);
    if (!result.ok) return page(req, res, 400, uploadErrors(result.problems));
    req.session.flash = `${result.terms.length} ${result.terms.length === 1 ? 'term' : 'terms'} imported`;
    res.redirect('/admin/term-dates');
  });
}
