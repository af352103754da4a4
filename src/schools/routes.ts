import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import type { RouteServices } from '../services.ts';
import { PHASES } from './repository.ts';
import { percentOfRoll } from './service.ts';

const filterSchema = z.object({
  phase: z.enum(PHASES).optional().catch(undefined),
  search: z.string().trim().max(100).optional().catch(undefined),
});

export function schoolsRoutes(routes: RouteTable, { schools }: RouteServices) {
  routes.get('/schools', 'signed-in', async (req, res) => {
    const filter = filterSchema.parse(req.query);
    const list = await schools.list({ phase: filter.phase, search: filter.search || undefined });
    res.render('schools/list', { title: 'Schools', schools: list, filter, phases: PHASES });
  });

  routes.get('/schools/:urn', 'signed-in', async (req, res) => {
    const school = await schools.find(idOf(req, 'urn'));
    if (!school) throw new NotFoundError();
    res.render('schools/show', {
      title: school.displayName,
      school,
      shares: {
        senSupport: percentOfRoll(school.sen_support_count, school.number_on_roll),
        ehcp: percentOfRoll(school.ehcp_count, school.number_on_roll),
        eal: percentOfRoll(school.eal_count, school.number_on_roll),
        fsm: percentOfRoll(school.fsm_count, school.number_on_roll),
      },
    });
  });
}
