// The chronic absence work list and recording a lead professional held outside the service.
import type { Request, Response } from 'express';
import type { RouteServices } from '../../services.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { isValidUpn } from '../../children/rules.ts';
import { pageNumber, pagination, type ErrorItem, type FieldErrors } from '../../platform/validation.ts';
import { CHRONIC_PAGE_SIZE } from './service.ts';
import { CHRONIC_ABSENCE_READERS as CHRONIC_READERS, mayRefer, maySeeEveryCase } from '../../platform/policies.ts';
import { askedPeriod, periodPage, periodQuery } from '../period/forms.ts';
import { storedSchoolYear } from '../rules.ts';

/** The pupil in the address: a school, a UPN and the school year in the query. */
function pupilKey(req: Request) {
  const urn = idOf(req, 'urn');
  const upn = String(req.params.upn ?? '').toUpperCase();
  const year = typeof req.query.year === 'string' ? req.query.year : '';
  if (!isValidUpn(upn) || !storedSchoolYear(year)) throw new NotFoundError();
  return { urn, upn, year };
}

export function chronicAbsenceRoutes(routes: RouteTable, { chronicAbsence: chronic }: RouteServices) {
  routes.get('/attendance/chronic', CHRONIC_READERS, async (req, res) => {
    const list = await chronic.list(actorOf(req, res), res.locals.user, {
      ...askedPeriod(req),
      page: pageNumber(req.query.page),
    });
    const user = res.locals.user;
    res.status(list.errors?.length ? 400 : 200).render('attendance/chronic/index', {
      title: 'Chronic absence',
      list: 'rows' in list ? list : undefined,
      ...periodPage(req, res, list),
      pagination:
        'rows' in list &&
        pagination(
          list.page,
          list.total,
          CHRONIC_PAGE_SIZE,
          (page) => `/attendance/chronic?${periodQuery(list, { page: String(page) })}`,
        ),
      canRefer: mayRefer(user.roles),
      readsCases: maySeeEveryCase(user.roles),
    });
  });

  const leadForm = (
    res: Response,
    key: ReturnType<typeof pupilKey>,
    form: { values?: Record<string, unknown>; errors?: ErrorItem[]; fieldErrors?: FieldErrors } = {},
  ) =>
    res.render('attendance/chronic/lead', {
      title: 'Record a lead professional and plan',
      key,
      values: form.values ?? {},
      errors: form.errors,
      fieldErrors: form.fieldErrors ?? {},
    });

  routes.get('/attendance/chronic/:urn/:upn/lead', CHRONIC_READERS, (req, res) => leadForm(res, pupilKey(req)));

  routes.post('/attendance/chronic/:urn/:upn/lead', CHRONIC_READERS, async (req, res) => {
    const key = pupilKey(req);
    const result = await chronic.recordLead(actorOf(req, res), res.locals.user, key, req.body ?? {});
    if (result.ok === 'not-found') throw new NotFoundError();
    if (!result.ok)
      return leadForm(res.status(400), key, {
        values: req.body,
        errors: result.errors,
        fieldErrors: result.fieldErrors,
      });
    req.session.flash = 'The lead professional and plan have been recorded.';
    res.redirect(303, `/attendance/chronic?year=${encodeURIComponent(key.year)}`);
  });
}
