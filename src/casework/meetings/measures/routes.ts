import type { RouteTable } from '../../../platform/permissions.ts';
import type { Role } from '../../../platform/roles.ts';
import { NotFoundError, idOf } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/auth/routes.ts';
import { dateInputView } from '../../../platform/date-input.ts';
import type { RouteServices } from '../../../services.ts';
import { FORM_POINTS } from './rules.ts';

/** The case's progress measures over time, and recording them at referral or closure. */
export function measureRoutes(routes: RouteTable, services: RouteServices, readers: readonly Role[]): void {
  const measures = services.caseMeasures;

  routes.get('/cases/:id/measures', readers, async (req, res) => {
    const page = await measures.overview(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.render('casework/measures/index', { title: `Measures: case ${page.kase.reference}`, ...page });
  });

  const formPage = (
    extra: Record<string, unknown>,
    values: Record<string, unknown>,
    fieldErrors?: Record<string, { text: string }>,
  ) => ({
    title: 'Record progress measures',
    points: FORM_POINTS,
    values,
    fieldErrors,
    recordedOn: dateInputView('recordedOn', values, fieldErrors),
    ...extra,
  });

  routes.get('/cases/:id/measures/new', readers, async (req, res) => {
    const page = await measures.newForm(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.render('casework/measures/form', formPage(page, {}));
  });

  routes.post('/cases/:id/measures/new', readers, async (req, res) => {
    const id = idOf(req);
    const body = { ...(req.body ?? {}) } as Record<string, unknown>;
    delete body._csrf;
    const result = await measures.record(actorOf(req, res), res.locals.user, id, body);
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'closed') {
      req.session.flash = 'The case is closed: only measures at closure can be recorded';
      return res.redirect(`/cases/${id}/measures`);
    }
    const outcome = result.value;
    if (outcome.kind === 'problem') {
      return res
        .status(400)
        .render(
          'casework/measures/form',
          formPage(
            { kase: outcome.kase, recorded: outcome.recorded, errors: outcome.errors },
            body,
            outcome.fieldErrors,
          ),
        );
    }
    req.session.flash = `Measures ${outcome.point} ${outcome.replaced ? 'replaced' : 'recorded'}`;
    res.redirect(`/cases/${id}/measures`);
  });
}
