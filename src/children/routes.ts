import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import { CHILD_RECORD_ROLES, scopeOf } from '../platform/roles.ts';
import { pageNumber, pagination } from '../platform/validation.ts';
import { actorOf } from '../platform/auth/routes.ts';
import type { RouteServices } from '../services.ts';
import { CHILDREN_PAGE_SIZE } from './repository.ts';
import { ageOn } from './rules.ts';

const searchSchema = z.string().trim().max(100).optional().catch(undefined);

export function childrenRoutes(routes: RouteTable, { children, clock }: RouteServices) {
  routes.get('/children', CHILD_RECORD_ROLES, async (req, res) => {
    const search = searchSchema.parse(req.query.search) || undefined;
    const page = pageNumber(req.query.page);
    const { rows, total } = await children.list(actorOf(req, res), scopeOf(res.locals.user), search, page);
    const query = (n: number) => `/children?${new URLSearchParams({ ...(search ? { search } : {}), page: String(n) })}`;
    res.render('children/list', {
      title: 'Children',
      rows,
      total,
      search,
      pagination: pagination(page, total, CHILDREN_PAGE_SIZE, query),
    });
  });

  routes.get('/children/:id', CHILD_RECORD_ROLES, async (req, res) => {
    const record = await children.view(actorOf(req, res), scopeOf(res.locals.user), idOf(req));
    // Outside the user's scope looks the same as not there, so nothing leaks.
    if (!record) throw new NotFoundError();
    res.render('children/show', {
      title: `${record.child.first_name} ${record.child.last_name}`,
      ...record,
      age: ageOn(record.child.date_of_birth, clock.today()),
    });
  });
}
