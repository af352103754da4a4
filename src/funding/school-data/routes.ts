// The school data set page for a funding year: what is stored (schools, maintained and academy
// counts, total units per factor, the schools 50 a page), the template and the import form.
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import { MAX_FILE_BYTES, MAX_ROWS, templateCsv } from '../../platform/csv-import.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_READERS, FUNDING_WRITERS } from '../../platform/policies.ts';
import { FILE_FIELD, fileReceiver, uploadErrors } from '../../platform/upload.ts';
import { pageNumber, pagination } from '../../platform/validation.ts';
import { NOT_A_WORKBOOK } from '../../platform/xlsx-import.ts';
import type { RouteServices } from '../../services.ts';
import { fundingViewHelpers, yearOf } from '../years/routes.ts';
import { SCHOOLS_PAGE_SIZE } from './rules.ts';

const receive = fileReceiver({ unreadable: NOT_A_WORKBOOK });
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

export function schoolDataRoutes(routes: RouteTable, services: RouteServices) {
  const years = services.fundingYears;
  const data = services.fundingSchoolData;
  const path = (year: string) => `/funding/${year}/schools-data`;

  async function renderPage(
    req: Request,
    res: Response,
    status = 200,
    upload: Partial<ReturnType<typeof uploadErrors>> = {},
  ) {
    const year = await yearOf(req, years);
    const summary = await data.summary(year);
    const page = Math.min(pageNumber(req.query.page), Math.max(1, Math.ceil(summary.schools / SCHOOLS_PAGE_SIZE)));
    res.status(status).render('funding/schools', {
      title: `School data set ${year}`,
      year,
      summary,
      schools: await data.page(year, page),
      firstShown: (page - 1) * SCHOOLS_PAGE_SIZE + 1,
      pagination: pagination(page, summary.schools, SCHOOLS_PAGE_SIZE, (n) => `${path(year)}?page=${n}`),
      columns: await data.columns(),
      maxRows: MAX_ROWS,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      ...fundingViewHelpers(res),
      ...upload,
    });
  }

  routes.get('/funding/:year/schools-data', FUNDING_READERS, (req, res) => renderPage(req, res));

  routes.get('/funding/:year/schools-data/template.csv', FUNDING_WRITERS, async (_req, res) => {
    res
      .attachment('school-data-set-template.csv')
      .type('text/csv; charset=utf-8')
      .send(templateCsv(await data.columns()));
  });

  routes.post('/funding/:year/schools-data', FUNDING_WRITERS, async (req, res) => {
    const year = await yearOf(req, years);
    const received = await receive(req, res);
    if (!received.ok) return renderPage(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file)
      return renderPage(req, res, 400, uploadErrors([{ message: 'Select a CSV file or an Excel workbook' }]));
    const outcome = await data.importFile(actorOf(req, res), year, received.file.buffer);
    if (!outcome.ok) return renderPage(req, res, 400, uploadErrors(outcome.problems));
    req.session.flash = `Imported ${plural(outcome.schools, 'school', 'schools')} for ${year}: ${outcome.maintained.toLocaleString('en-GB')} maintained, ${plural(outcome.academies, 'academy', 'academies')}`;
    res.redirect(path(year));
  });
}
