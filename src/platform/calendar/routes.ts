import type { Request, Response } from 'express';
import type { RouteTable } from '../permissions.ts';
import { NotFoundError, idOf } from '../errors.ts';
import { actorOf } from '../auth/actor.ts';
import type { FieldErrors } from '../validation.ts';
import { dateInputValues, dateInputView } from '../date-input.ts';
import type { RouteServices } from '../../services.ts';
import { addCalendarDays } from './calendar.ts';
import { TERM_DATE_FIELDS, termsByAcademicYear, type Term } from './service.ts';
import { ADMINISTRATORS } from '../policies.ts';

/** The add or change form, with what was typed (or the stored term) and any errors. */
function formPage(
  res: Response,
  term: Term | undefined,
  values: Record<string, unknown>,
  errors?: { errors: unknown; fieldErrors: FieldErrors },
) {
  const fieldErrors = errors?.fieldErrors;
  res.render('admin/term-dates/form', {
    title: term ? `Change ${term.name}` : 'Add a term',
    term,
    action: term ? `/admin/term-dates/${term.id}/edit` : '/admin/term-dates/new',
    values,
    errors: errors?.errors,
    fieldErrors,
    dates: Object.fromEntries(TERM_DATE_FIELDS.map((name) => [name, dateInputView(name, values, fieldErrors)])),
  });
}

function storedValues(term: Term): Record<string, unknown> {
  return { name: term.name, ...dateInputValues('startsOn', term.startsOn), ...dateInputValues('endsOn', term.endsOn) };
}

export function calendarRoutes(routes: RouteTable, { calendar, clock }: RouteServices) {
  const termFrom = async (req: Request): Promise<Term> => {
    const term = await calendar.term(idOf(req));
    if (!term) throw new NotFoundError();
    return term;
  };

  routes.get('/admin/term-dates', ADMINISTRATORS, async (_req, res) => {
    const from = clock.today();
    const to = addCalendarDays(from, 365);
    const [terms, bankHolidays] = await Promise.all([calendar.terms(), calendar.bankHolidaysBetween(from, to)]);
    res.render('admin/term-dates/index', {
      title: 'Term dates',
      years: termsByAcademicYear(terms),
      bankHolidays,
      from,
      to,
    });
  });

  routes.get('/admin/term-dates/new', ADMINISTRATORS, (_req, res) => formPage(res, undefined, {}));

  routes.post('/admin/term-dates/new', ADMINISTRATORS, async (req, res) => {
    const result = await calendar.addTerm(actorOf(req, res), req.body);
    if (!result.ok) return formPage(res.status(400), undefined, req.body, result);
    req.session.flash = `${result.data.name} added`;
    res.redirect('/admin/term-dates');
  });

  routes.get('/admin/term-dates/:id/edit', ADMINISTRATORS, async (req, res) => {
    const term = await termFrom(req);
    formPage(res, term, storedValues(term));
  });

  routes.post('/admin/term-dates/:id/edit', ADMINISTRATORS, async (req, res) => {
    const term = await termFrom(req);
    const result = await calendar.updateTerm(actorOf(req, res), term.id, req.body);
    if (!result) throw new NotFoundError();
    if (!result.ok) return formPage(res.status(400), term, req.body, result);
    req.session.flash = `${result.data.name} updated`;
    res.redirect('/admin/term-dates');
  });

  routes.get('/admin/term-dates/:id/delete', ADMINISTRATORS, async (req, res) => {
    const term = await termFrom(req);
    res.render('admin/term-dates/delete', { title: `Are you sure you want to delete ${term.name}?`, term });
  });

  routes.post('/admin/term-dates/:id/delete', ADMINISTRATORS, async (req, res) => {
    const term = await termFrom(req);
    const deleted = await calendar.deleteTerm(actorOf(req, res), term.id);
    if (!deleted) throw new NotFoundError();
    req.session.flash = `${deleted.name} deleted`;
    res.redirect('/admin/term-dates');
  });
}
