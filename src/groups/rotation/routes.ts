// The year's rotation of clusters over the half terms (Havering SEMH Team proposal: "one cluster
// per half term"): everyone reading the groups area sees it; the senior practitioner orders the clusters
// and generates it.
import type { Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { yearLabelOf } from '../rules.ts';
import { GROUP_ORGANISERS, GROUP_READERS, organisesGroups } from '../../platform/policies.ts';
import { listed, moved, slotsOfCluster } from './rules.ts';

const PATH = '/groups/rotation';

interface PageState {
  order?: unknown;
  overflow?: string;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
}

export function rotationRoutes(routes: RouteTable, services: RouteServices): void {
  const { rotation, overview } = services.groups;

  async function render(
    res: Response,
    year: string,
    status: number,
    { order, overflow, errors, fieldErrors = {} }: PageState,
  ) {
    const page = await rotation.page(year, order);
    const ids = page.order.map((cluster) => cluster.id);
    res.status(status).render('groups/rotation/index', {
      title: `Rotation of clusters ${yearLabelOf(year)}`,
      ...page,
      years: await overview.yearChoices(year),
      orderValue: ids.join(','),
      // Each cluster's buttons show the page again with the cluster one place up or down; nothing is saved until the rotation is generated.
      rows: page.order.map((cluster, index) => ({
        cluster,
        up: index > 0 ? moved(ids, index, -1).join(',') : undefined,
        down: index < ids.length - 1 ? moved(ids, index, 1).join(',') : undefined,
        terms: page.preview.ok
          ? listed(slotsOfCluster(page.preview.slots, cluster.id).map((slot) => slot.termName))
          : '',
      })),
      mayGenerate: organisesGroups(res.locals.user.roles),
      overflow,
      errors,
      fieldErrors,
    });
  }

  routes.get(PATH, GROUP_READERS, async (req, res) => {
    await render(res, overview.yearAsked(req.query.year), 200, { order: req.query.order });
  });

  routes.post(PATH, GROUP_ORGANISERS, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const year = overview.yearAsked(body.year);
    const outcome = await rotation.generate(actorOf(req, res), year, body);
    if (outcome.kind === 'invalid')
      return render(res, year, 400, {
        order: outcome.order,
        overflow: outcome.overflow,
        errors: outcome.errors,
        fieldErrors: outcome.fieldErrors,
      });
    req.session.flash = outcome.message;
    res.redirect(`${PATH}?year=${encodeURIComponent(year)}`);
  });
}
