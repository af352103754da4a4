import type { Request, Response } from 'express';
import { z } from 'zod';
import { schoolYearNamed } from '../../platform/school-year.ts';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { SCHOOL_FIGURES_ACCESS as FIGURES_ACCESS } from '../../platform/policies.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { validate, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { MAX_FILE_BYTES, templateCsv } from '../../platform/csv-import.ts';
import { fileReceiver, uploadErrors, FILE_FIELD } from '../../platform/upload.ts';
import { NOT_A_WORKBOOK } from '../../platform/xlsx-import.ts';
import { COLUMNS, FIGURE_COLUMNS, FIGURE_NAMES, parseAcademicYear } from './forms.ts';
import { importMessage } from './service.ts';

const PATH = '/schools/figures';
const receive = fileReceiver({ unreadable: NOT_A_WORKBOOK });

const uploadSchema = z.object({
  year: z
    .string({ error: 'Enter the academic year the figures are for, like 2026/27' })
    .trim()
    .min(1, 'Enter the academic year the figures are for, like 2026/27')
    .transform((value, ctx) => {
      const year = parseAcademicYear(value);
      if (year.ok) return year.value;
      ctx.addIssue({ code: 'custom', message: year.message });
      return z.NEVER;
    }),
});

interface FormState {
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  fileError?: { text: string };
  values?: { year?: string };
}

export function schoolFiguresRoutes(routes: RouteTable, { schoolFigures, clock }: RouteServices) {
  /** The page for the year asked for (the newest when none), with the upload form. */
  async function renderPage(req: Request, res: Response, status = 200, form: FormState = {}) {
    const years = await schoolFigures.years();
    const asked = typeof req.query.year === 'string' ? parseAcademicYear(req.query.year) : undefined;
    if (asked && (!asked.ok || !years.includes(asked.value))) throw new NotFoundError();
    const year = asked?.value ?? years[0];
    res.status(status).render('schools/figures/index', {
      title: 'School census figures',
      years,
      year,
      yearLabels: Object.fromEntries(years.map((each) => [each, schoolYearNamed(each)?.label ?? each])),
      ...(year ? await schoolFigures.year(year) : {}),
      columns: COLUMNS,
      figureColumns: FIGURE_COLUMNS,
      figureNames: FIGURE_NAMES,
      maxMegabytes: MAX_FILE_BYTES / 1024 / 1024,
      fileField: FILE_FIELD,
      ...form,
      values: { year: clock.schoolYear().key, ...form.values },
    });
  }

  routes.get(PATH, FIGURES_ACCESS, (req, res) => renderPage(req, res));

  routes.get(`${PATH}/template.csv`, FIGURES_ACCESS, (_req, res) => {
    res.attachment('school-census-figures-template.csv').type('text/csv; charset=utf-8').send(templateCsv(COLUMNS));
  });

  routes.post(PATH, FIGURES_ACCESS, async (req, res) => {
    const received = await receive(req, res);
    const values = { year: typeof req.body?.year === 'string' ? req.body.year : undefined };
    if (!received.ok) return renderPage(req, res, 400, { ...uploadErrors([{ message: received.message }]), values });
    const form = validate(uploadSchema, req.body ?? {});
    if (!form.ok || !received.file) {
      const file = received.file ? undefined : uploadErrors([{ message: 'Select a CSV or Excel file' }]);
      const errors = [...(form.ok ? [] : form.errors), ...(file?.errors ?? [])];
      return renderPage(req, res, 400, {
        errors,
        fieldErrors: form.ok ? {} : form.fieldErrors,
        fileError: file?.fileError,
        values,
      });
    }
    const outcome = await schoolFigures.importFile(actorOf(req, res), form.data.year, received.file.buffer);
    if (!outcome.ok) return renderPage(req, res, 400, { ...uploadErrors(outcome.problems), values });
    req.session.flash = importMessage(outcome);
    res.redirect(`${PATH}?${new URLSearchParams({ year: outcome.year })}`);
  });
}
