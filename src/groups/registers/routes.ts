// Registers: a session's register, a programme's attendance summary and its pre/post scores.
import type { Request } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import type { RouteServices } from '../../services.ts';
import { GROUP_READERS, REGISTER_TAKERS, takesRegisters } from '../../platform/policies.ts';

const PROGRAMME = '/groups/programmes/:id';

/** The session's id in the address, a positive whole number, or the page is not found. */
function sessionIdOf(req: Request): number {
  return idOf(req, 'sessionId');
}

const bodyOf = (req: Request) => (req.body ?? {}) as Record<string, unknown>;

export function registerRoutes(routes: RouteTable, services: RouteServices): void {
  const { registers, attendance, measures } = services.groups;

  routes.get(`${PROGRAMME}/sessions/:sessionId/register`, REGISTER_TAKERS, async (req, res) => {
    const page = await registers.page(actorOf(req, res), res.locals.user, idOf(req), sessionIdOf(req));
    if (!page) throw new NotFoundError();
    res.render('groups/registers/register', { title: `Register: ${page.programme.name}`, ...page });
  });

  routes.post(`${PROGRAMME}/sessions/:sessionId/register`, REGISTER_TAKERS, async (req, res) => {
    const outcome = await registers.save(actorOf(req, res), res.locals.user, idOf(req), sessionIdOf(req), bodyOf(req));
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'refused') {
      const errors = [{ text: outcome.page.refusal!, href: '#register' }];
      return res.status(400).render('groups/registers/register', {
        title: `Register: ${outcome.page.programme.name}`,
        ...outcome.page,
        errors,
      });
    }
    if (outcome.kind === 'invalid') {
      const { page, errors, fieldErrors } = outcome;
      return res.status(400).render('groups/registers/register', {
        title: `Register: ${page.programme.name}`,
        ...page,
        errors,
        fieldErrors,
      });
    }
    req.session.flash = outcome.message;
    res.redirect(`/groups/programmes/${outcome.programmeId}/attendance`);
  });

  routes.get(`${PROGRAMME}/attendance`, GROUP_READERS, async (req, res) => {
    const page = await attendance.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    const takesRegister = takesRegisters(res.locals.user.roles);
    res.render('groups/registers/attendance', {
      title: `Attendance: ${page.programme.name}`,
      ...page,
      scoresHref:
        takesRegister && page.programme.measureName ? `/groups/programmes/${page.programme.id}/measures` : undefined,
    });
  });

  routes.get(`${PROGRAMME}/measures`, REGISTER_TAKERS, async (req, res) => {
    const page = await measures.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    res.render('groups/registers/measures', { title: `Scores: ${page.programme.name}`, ...page });
  });

  routes.post(`${PROGRAMME}/measures`, REGISTER_TAKERS, async (req, res) => {
    const outcome = await measures.save(actorOf(req, res), res.locals.user, idOf(req), bodyOf(req));
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'invalid') {
      const { page, values, errors, fieldErrors } = outcome;
      return res.status(400).render('groups/registers/measures', {
        title: `Scores: ${page.programme.name}`,
        ...page,
        values,
        errors,
        fieldErrors,
      });
    }
    req.session.flash = outcome.message;
    res.redirect(`/groups/programmes/${outcome.programmeId}/attendance`);
  });
}
