import type { Request, Response } from 'express';
import { z } from 'zod';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { ADMINISTRATORS } from '../../platform/policies.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { pageNumber, pagination } from '../../platform/validation.ts';
import { MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, templateCsv } from '../../platform/csv-import.ts';
import { fileReceiver, uploadErrors } from '../../platform/upload.ts';
import { COLUMNS, SERVICE_NAMES } from './rules.ts';
import { KNOWN_EPISODES_PAGE_SIZE } from './repository.ts';

const PATH = '/admin/known-episodes';
const searchSchema = z.string().trim().max(100).optional().catch(undefined);
const receive = fileReceiver({ unreadable: NOT_A_CSV });

export function knownEpisodesRoutes(routes: RouteTable, { knownEpisodes }: RouteServices) {
  async function renderPage(
    req: Request,
    res: Response,
    status = 200,
    extra: Partial<ReturnType<typeof uploadErrors>> = {},
  ) {
    const search = searchSchema.parse(req.query.search) || undefined;
    const page = pageNumber(req.query.page);
    const overview = await knownEpisodes.overview(actorOf(req, res), search, page);
    const href = (n: number) => `${PATH}?${new URLSearchParams({ ...(search ? { search } : {}), page: String(n) })}`;
    res.status(status).render('admin/known-episodes/index', {
      title: 'Children known to Early Help or Social Care',
      ...overview,
      search,
      serviceNames: SERVICE_NAMES,
      columns: COLUMNS,
      maxRows: MAX_ROWS,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      pagination: pagination(page, overview.total, KNOWN_EPISODES_PAGE_SIZE, href),
      ...extra,
    });
  }

  routes.get(PATH, ADMINISTRATORS, (req, res) => renderPage(req, res));

  routes.get(`${PATH}/template.csv`, ADMINISTRATORS, (_req, res) => {
    res.attachment('known-episodes-template.csv').type('text/csv; charset=utf-8').send(templateCsv(COLUMNS));
  });

  routes.post(PATH, ADMINISTRATORS, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return renderPage(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return renderPage(req, res, 400, uploadErrors([{ message: 'Select a CSV file' }]));
    const outcome = await knownEpisodes.importCsv(actorOf(req, res), received.file.buffer);
    if (!outcome.ok) return renderPage(req, res, 400, uploadErrors(outcome.problems));
    req.session.flash = `Imported ${outcome.count.toLocaleString('en-GB')} ${outcome.count === 1 ? 'record' : 'records'}`;
    res.redirect(PATH);
  });
}
