// The administrator's schools pages: the authority's schools with their status, and importing
// them from the GIAS 'all establishment data' file (upload, progress, then the counts or the
// problems with the file).
import { ADMINISTRATORS } from '../../platform/policies.ts';
import { rm } from 'node:fs/promises';
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { fileReceiver, uploadErrors, FILE_FIELD } from '../../platform/upload.ts';
import type { ErrorItem } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';
import { LEFT_OUT_REASONS, LEFT_OUT_TEXT } from './rules.ts';
import { GIAS_FILE_TOO_LARGE, MAX_GIAS_FILE_BYTES } from './forms.ts';

const PATH = '/admin/schools/import';
const LA_FIELD = 'laCode';

export function giasRoutes(routes: RouteTable, { giasImports }: RouteServices) {
  const receive = fileReceiver({
    unreadable: 'The selected file must be a CSV file',
    toFolder: giasImports.uploadsFolder,
    maxBytes: MAX_GIAS_FILE_BYTES,
    tooLarge: GIAS_FILE_TOO_LARGE,
    fields: 2,
  });

  async function page(
    _req: Request,
    res: Response,
    status = 200,
    form: { errors?: ErrorItem[]; fileError?: unknown; laError?: unknown; laCode?: string } = {},
  ) {
    res.status(status).render('admin/schools/import', {
      title: 'Import schools from Get Information about Schools',
      councilLaCode: await giasImports.councilLaCode(),
      imports: await giasImports.recent(),
      maxMegabytes: MAX_GIAS_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      laField: LA_FIELD,
      ...form,
    });
  }

  routes.get('/admin/schools', ADMINISTRATORS, async (_req, res) => {
    const laCode = await giasImports.councilLaCode();
    const schools = await giasImports.schools(laCode);
    res.render('admin/schools/index', {
      title: 'Schools',
      laCode,
      schools,
      openCount: schools.filter((school) => school.status === 'open').length,
    });
  });

  routes.get(PATH, ADMINISTRATORS, (req, res) => page(req, res));

  routes.post(PATH, ADMINISTRATORS, async (req, res) => {
    const wait = await giasImports.whyMustWait();
    if (wait) return page(req, res, 429, uploadErrors([{ message: wait }]));
    const received = await receive(req, res);
    if (!received.ok) return page(req, res, 400, uploadErrors([{ message: received.message }]));
    const typed = typeof req.body?.[LA_FIELD] === 'string' ? req.body[LA_FIELD].trim() : '';
    const councilLaCode = await giasImports.councilLaCode();
    const errors: ErrorItem[] = [];
    const form: { fileError?: unknown; laError?: unknown; laCode: string } = { laCode: typed };
    if (councilLaCode === undefined && !/^\d{3}$/.test(typed)) {
      const text = typed
        ? 'The local authority code must be 3 digits, like 938'
        : 'Enter the local authority’s DfE code, like 938';
      errors.push({ text, href: `#${LA_FIELD}` });
      form.laError = { text };
    }
    if (!received.file) {
      const text = 'Select the GIAS ‘all establishment data’ CSV file';
      errors.push({ text, href: `#${FILE_FIELD}` });
      form.fileError = { text };
    }
    if (errors.length) {
      if (received.file) await rm(received.file.path, { force: true });
      return page(req, res, 400, { errors, ...form });
    }
    const started = await giasImports.start(
      actorOf(req, res),
      res.locals.user.id,
      received.file!,
      councilLaCode ?? Number(typed),
    );
    res.redirect(303, `${PATH}/${started.id}`);
  });

  routes.get(`${PATH}/:id`, ADMINISTRATORS, async (req, res) => {
    const job = await giasImports.find(idOf(req));
    if (!job) throw new NotFoundError();
    const problems = job.status === 'refused' ? uploadErrors(job.problems ?? []) : undefined;
    res.render('admin/schools/import-result', {
      title: `Schools import ${job.id}`,
      job,
      counts: job.counts,
      reasons: LEFT_OUT_REASONS.map((reason) => ({ reason, text: LEFT_OUT_TEXT[reason] })),
      errors: problems?.errors,
      percent: job.bytes_total ? Math.floor((job.bytes_done / job.bytes_total) * 100) : 0,
    });
  });

  routes.get(`${PATH}/:id/progress`, ADMINISTRATORS, async (req, res) => {
    const job = await giasImports.find(idOf(req));
    if (!job) throw new NotFoundError();
    // Rows in the whole file, estimated from the share of its bytes read so far.
    const rowsTotal = job.bytes_done ? Math.round((job.rows_done * job.bytes_total) / job.bytes_done) : 0;
    res.set('Cache-Control', 'no-store').json({
      status: job.status,
      rowsDone: job.rows_done,
      rowsTotal,
      bytesDone: job.bytes_done,
      bytesTotal: job.bytes_total,
    });
  });
}
