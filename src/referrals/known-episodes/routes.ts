import type { Request, Response } from 'express';
import multer from 'multer';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import type { Role } from '../../platform/roles.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { pageNumber, pagination, type ErrorItem } from '../../platform/validation.ts';
import { COLUMNS, MAX_FILE_BYTES, MAX_ROWS, NOT_A_CSV, SERVICE_NAMES, TOO_LARGE, problemLines, templateCsv, type ImportProblem } from './import.ts';
import { KNOWN_EPISODES_PAGE_SIZE } from './repository.ts';

const ADMIN: Role[] = ['admin'];
const PATH = '/admin/known-episodes';
const FIELD = 'file';
const searchSchema = z.string().trim().max(100).optional().catch(undefined);

/**
 * The file, read into memory, only on the upload route and only after the access check and
 * the CSRF check (the token comes in the query string for multipart forms: see
 * src/platform/security.ts), so nobody else can make the server hold an upload.
 */
const receiveFile = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 5, parts: 6 },
}).single(FIELD);

type Received = { ok: true; file: Express.Multer.File | undefined } | { ok: false; message: string };

function receive(req: Request, res: Response): Promise<Received> {
  return new Promise((resolve, reject) => {
    receiveFile(req, res, (error?: unknown) => {
      if (!error) return resolve({ ok: true, file: req.file });
      if (error instanceof multer.MulterError) {
        return resolve({ ok: false, message: error.code === 'LIMIT_FILE_SIZE' ? TOO_LARGE : NOT_A_CSV });
      }
      reject(error as Error);
    });
  });
}

/** The GOV.UK error summary (every line links to the file upload) and the inline message. */
function uploadErrors(problems: readonly ImportProblem[]) {
  const errors: ErrorItem[] = problemLines(problems).map((text) => ({ text, href: `#${FIELD}` }));
  const message =
    problems.length === 1 && problems[0].row === undefined
      ? problems[0].message
      : `The file has ${problems.length === 1 ? 'a problem' : `${problems.length.toLocaleString('en-GB')} problems`}. Nothing was imported. Correct the file and upload it again`;
  return { errors, fileError: { text: message } };
}

export function knownEpisodesRoutes(routes: RouteTable, { knownEpisodes }: Services) {
  async function renderPage(req: Request, res: Response, status = 200, extra: Partial<ReturnType<typeof uploadErrors>> = {}) {
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

  routes.get(PATH, ADMIN, (req, res) => renderPage(req, res));

  routes.get(`${PATH}/template.csv`, ADMIN, (_req, res) => {
    res.attachment('known-episodes-template.csv').type('text/csv; charset=utf-8').send(templateCsv());
  });

  routes.post(PATH, ADMIN, async (req, res) => {
    const received = await receive(req, res);
    if (!received.ok) return renderPage(req, res, 400, uploadErrors([{ message: received.message }]));
    if (!received.file) return renderPage(req, res, 400, uploadErrors([{ message: 'Select a CSV file' }]));
    const outcome = await knownEpisodes.importCsv(actorOf(req, res), received.file.buffer);
    if (!outcome.ok) return renderPage(req, res, 400, uploadErrors(outcome.problems));
    req.session.flash = `Imported ${outcome.count.toLocaleString('en-GB')} ${outcome.count === 1 ? 'record' : 'records'}`;
    res.redirect(PATH);
  });
}
