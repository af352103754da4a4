import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import { actorOf } from '../platform/auth/routes.ts';
import type { RouteServices } from '../services.ts';
import { CASE_READERS } from '../platform/policies.ts';
import { contactRoutes } from './contacts/routes.ts';
import { assessmentRoutes } from './assessment/routes.ts';
import { planRoutes } from './plan/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { closureRoutes } from './closure/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { professionalRoutes } from './professionals/routes.ts';
import { supportingFamiliesRoutes } from './supporting-families/routes.ts';

const caseloadQuery = z.object({ practitioner: z.coerce.number().int().positive().optional().catch(undefined) });

export function caseworkRoutes(routes: RouteTable, services: RouteServices) {
  const { casework, practitioners } = services;
  for (const area of [
    contactRoutes,
    assessmentRoutes,
    planRoutes,
    meetingRoutes,
    closureRoutes,
    documentRoutes,
    professionalRoutes,
    supportingFamiliesRoutes,
  ])
    area(routes, services);

  routes.get('/cases', CASE_READERS, async (req, res) => {
    const user = res.locals.user;
    const teamView = await casework.seesTeam(user);
    const { practitioner } = caseloadQuery.parse(req.query);
    const member = teamView && practitioner ? await practitioners.member(practitioner) : undefined;
    const cases = await casework.caseload(actorOf(req, res), user, member?.userId);
    const title = member ? `${member.name}’s caseload` : teamView ? 'Team caseload' : 'My caseload';
    res.render('casework/caseload', {
      title,
      cases,
      teamView,
      member,
      overdue: cases.filter((c) => c.next.overdue).length,
    });
  });

  routes.get('/cases/:id', CASE_READERS, async (req, res) => {
    const found = await casework.view(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const groupPlaces = await casework.groupPlaces(found.id);
    res.render('casework/case', { title: `Case ${found.reference}`, kase: found, groupPlaces });
  });
}
