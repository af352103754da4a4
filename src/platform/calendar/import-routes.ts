// Importing term dates from a CSV file, beside the term dates pages.
import type { Request, Response } from 'express';
import type { RouteTable } from '../permissions.ts';
import { actorOf } from '../auth/actor.ts';
import { templateCsv } from '../csv-import.ts';
import { fileReceiver, uploadErrors, FILE_FIELD } from '../upload.ts';
import type { RouteServices } from '../../services.ts';
import { ADMINISTRATORS } from '../policies.ts';

const PATH = '/admin/term-dates/import';
const TEMPLATE = templateCsv(['term name', 'start date', 'end date']);

export function termDatesImportRoutes(routes: RouteTable, { calendar }: RouteServices) {
  const receive = fileReceiver({ unreadable: 'The selected file must be a CSV file', fields: 2 });

  const page = (_req: Request, res: Response, status = 200, form: object = {}) =>
    res.status(status).render('admin/term-dates/import', {
      title: 'Import term dates from a CSV file',
      fileField: FILE_FIELD,
      ...form,
    });

  routes.get(PATH, ADMINISTRATORS, (req, res) => page(req, res));

  routes.get(`${PATH}/template.csv`, ADMINISTRATORS, (_req, res) => {
    res.attachment('term-dates-template.csv').type('text/csv; charset=utf-8').send(TEMPLATE);
  });

  routes.post(PATH, ADMINISTRATORS, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return page(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return page(req, res, 400, uploadErrors([{ message: 'Select a CSV file of term dates' }]));
    const result = await calendar.importTerms(actorOf(req, res), received.file.buffer);
    if (!result.ok) return page(req, res, 400, uploadErrors(result.problems));
    req.session.flash = `${result.terms.length} ${result.terms.length === 1 ? 'term' : 'terms'} imported`;
    res.redirect('/admin/term-dates');
  });
}
