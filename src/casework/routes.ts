import { z } from 'zod';
import type { RouteTable } from '../platform/permissions.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import { actorOf } from '../platform/auth/routes.ts';
import type { RouteServices } from '../services.ts';
import { CASE_READERS } from '../platform/policies.ts';
import { pageNumber, pagination } from '../platform/validation.ts';
import { CASE_PAGE_SIZE } from './rules.ts';
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
    const { practitioner } = caseloadQuery.parse(req.query);
    // The practitioner is looked up only when asked for; the caseload keeps to them only for those who see the team's.
    const asked = practitioner ? await practitioners.member(practitioner) : undefined;
    const caseload = await casework.caseload(actorOf(req, res), user, {
      practitionerId: asked?.userId,
      page: pageNumber(req.query.page),
    });
    const member = caseload.practitionerId === undefined ? undefined : asked;
    const title = member ? `${member.name}’s caseload` : caseload.teamView ? 'Team caseload' : 'My caseload';
    const filter = member ? [['practitioner', String(member.userId)]] : [];
    res.render('casework/caseload', {
      title,
      ...caseload,
      member,
      shown: {
        from: (caseload.page - 1) * CASE_PAGE_SIZE + 1,
        to: (caseload.page - 1) * CASE_PAGE_SIZE + caseload.cases.length,
      },
      pagination: pagination(
        caseload.page,
        caseload.total,
        CASE_PAGE_SIZE,
        (n) => `/cases?${new URLSearchParams([...filter, ['page', String(n)]])}`,
      ),
    });
  });

  routes.get('/cases/:id', CASE_READERS, async (req, res) => {
    const found = await casework.view(actorOf(req, res), res.locals.user, idOf(req));
    if (!found) throw new NotFoundError();
    const groupPlaces = await casework.groupPlaces(found.id);
    res.render('casework/case', { title: `Case ${found.reference}`, kase: found, groupPlaces });
  });
}
