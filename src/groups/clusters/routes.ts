// Clusters of schools (Havering SEMH Team proposal): the year's list, creating and copying, and one cluster's
// page for renaming it and adding, moving and removing its schools.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { checkedValues } from '../../platform/checkboxes.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { FormState } from '../../platform/form-outcome.ts';
import { previousYearOf, yearLabelOf } from '../rules.ts';
import { CLUSTER_EDITORS, CLUSTER_VIEWERS, mayEditClusters } from '../../platform/policies.ts';
import type { Outcome } from './service.ts';

const PATH = '/groups/clusters';

const mayEdit = (res: Response) => mayEditClusters(res.locals.user.roles);

function urnOf(req: Request): number {
  return idOf(req, 'urn');
}

export function clusterRoutes(routes: RouteTable, services: RouteServices): void {
  const { clusters, overview } = services.groups;

  async function cluster(req: Request) {
    const found = await clusters.find(idOf(req));
    if (!found) throw new NotFoundError();
    return found;
  }

  /** To `to` with the message when saved; the form again with the problems (status 400) when not. */
  function answer(
    req: Request,
    res: Response,
    outcome: Outcome,
    to: (id: number) => string,
    again: (state: FormState) => Promise<void>,
  ) {
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'invalid')
      return again({ values: req.body ?? {}, errors: outcome.errors, fieldErrors: outcome.fieldErrors });
    req.session.flash = outcome.message;
    res.redirect(outcome.kind === 'saved' ? to(outcome.id) : `${PATH}`);
  }

  async function newForm(
    res: Response,
    year: string,
    status: number,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    res.status(status).render('groups/clusters/new', {
      title: `Create a cluster for ${yearLabelOf(year)}`,
      year,
      yearLabel: yearLabelOf(year),
      schools: await clusters.unclustered(year),
      chosen: checkedValues(values.schools),
      values,
      errors,
      fieldErrors,
    });
  }

  async function addForm(
    req: Request,
    res: Response,
    status: number,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await cluster(req);
    res.status(status).render('groups/clusters/add-schools', {
      title: `Add schools to ${found.name}`,
      cluster: found,
      schools: await clusters.unclustered(found.year),
      chosen: checkedValues(values.schools),
      errors,
      fieldErrors,
    });
  }

  async function renameForm(
    req: Request,
    res: Response,
    status: number,
    { values, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await cluster(req);
    res.status(status).render('groups/clusters/rename', {
      title: `Rename ${found.name}`,
      cluster: found,
      values: values ?? { name: found.name },
      errors,
      fieldErrors,
    });
  }

  async function moveForm(
    req: Request,
    res: Response,
    status: number,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await cluster(req);
    const school = await clusters.membership(found.id, urnOf(req));
    if (!school) throw new NotFoundError();
    const others = (await clusters.ofYear(found.year)).filter((one) => one.id !== found.id);
    res.status(status).render('groups/clusters/move', {
      title: `Move ${school.name} to another cluster`,
      cluster: found,
      school,
      others,
      example: `5 1 ${Number(found.year.slice(0, 4)) + 1}`,
      values,
      errors,
      fieldErrors,
      movedOn: dateInputView('movedOn', values, fieldErrors),
    });
  }

  routes.get(PATH, CLUSTER_VIEWERS, async (req, res) => {
    const year = overview.yearAsked(req.query.year);
    const list = await clusters.ofYear(year);
    const previous = previousYearOf(year);
    res.render('groups/clusters/index', {
      title: `Clusters of schools ${yearLabelOf(year)}`,
      year,
      yearLabel: yearLabelOf(year),
      years: await overview.yearChoices(year),
      clusters: list,
      unclustered: await clusters.unclustered(year),
      previous: yearLabelOf(previous),
      mayCopy: list.length === 0 && (await clusters.ofYear(previous)).length > 0,
      mayEdit: mayEdit(res),
    });
  });

  routes.get(`${PATH}/new`, CLUSTER_EDITORS, (req, res) => newForm(res, overview.yearAsked(req.query.year), 200));

  routes.post(`${PATH}/new`, CLUSTER_EDITORS, async (req, res) => {
    const year = overview.yearAsked(req.body?.year);
    const outcome = await clusters.create(actorOf(req, res), year, req.body);
    await answer(
      req,
      res,
      outcome,
      (id) => `${PATH}/${id}`,
      (state) => newForm(res, year, 400, state),
    );
  });

  routes.post(`${PATH}/copy`, CLUSTER_EDITORS, async (req, res) => {
    const year = overview.yearAsked(req.body?.year);
    const outcome = await clusters.copyLastYear(actorOf(req, res), year);
    req.session.flash = outcome.kind === 'saved' || outcome.kind === 'refused' ? outcome.message : undefined;
    res.redirect(`${PATH}?year=${encodeURIComponent(year)}`);
  });

  routes.get(`${PATH}/:id`, CLUSTER_EDITORS, async (req, res) => {
    const page = await clusters.page(idOf(req));
    if (!page) throw new NotFoundError();
    res.render('groups/clusters/cluster', { title: page.cluster.name, ...page });
  });

  routes.get(`${PATH}/:id/rename`, CLUSTER_EDITORS, (req, res) => renameForm(req, res, 200));

  routes.post(`${PATH}/:id/rename`, CLUSTER_EDITORS, async (req, res) => {
    const outcome = await clusters.rename(actorOf(req, res), idOf(req), req.body);
    await answer(
      req,
      res,
      outcome,
      (id) => `${PATH}/${id}`,
      (state) => renameForm(req, res, 400, state),
    );
  });

  routes.get(`${PATH}/:id/schools`, CLUSTER_EDITORS, (req, res) => addForm(req, res, 200));

  routes.post(`${PATH}/:id/schools`, CLUSTER_EDITORS, async (req, res) => {
    const outcome = await clusters.addSchools(actorOf(req, res), idOf(req), req.body);
    await answer(
      req,
      res,
      outcome,
      (id) => `${PATH}/${id}`,
      (state) => addForm(req, res, 400, state),
    );
  });

  routes.get(`${PATH}/:id/schools/:urn/move`, CLUSTER_EDITORS, (req, res) => moveForm(req, res, 200));

  routes.post(`${PATH}/:id/schools/:urn/move`, CLUSTER_EDITORS, async (req, res) => {
    const outcome = await clusters.move(actorOf(req, res), idOf(req), urnOf(req), req.body);
    await answer(
      req,
      res,
      outcome,
      (id) => `${PATH}/${id}`,
      (state) => moveForm(req, res, 400, state),
    );
  });

  routes.post(`${PATH}/:id/schools/:urn/remove`, CLUSTER_EDITORS, async (req, res) => {
    const outcome = await clusters.remove(actorOf(req, res), idOf(req), urnOf(req));
    await answer(
      req,
      res,
      outcome,
      (id) => `${PATH}/${id}`,
      async () => undefined,
    );
  });
}
