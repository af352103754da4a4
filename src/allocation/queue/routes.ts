import type { Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { ALLOCATORS, TEAM_READERS } from '../../platform/policies.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { RouteServices } from '../../services.ts';
import { needLabel } from '../../referrals/rules.ts';
import { PRACTITIONER_TYPES } from '../../platform/users/practitioner-types.ts';
import { checkAllocation } from './rules.ts';
import { yearLabel } from '../vulnerability/rules.ts';
import type { Waiting } from './service.ts';

export function queueRoutes(routes: RouteTable, { allocationQueue, practitioners }: RouteServices) {
  async function renderAllocate(
    res: Response,
    referral: Waiting,
    status = 200,
    extra: { values?: Record<string, unknown>; errors?: ErrorItem[]; fieldErrors?: FieldErrors } = {},
  ) {
    const team = await practitioners.team();
    const values = extra.values ?? { type: referral.suggestion.type };
    res.status(status).render('allocation/allocate', {
      title: `Allocate ${referral.reference}`,
      referral,
      needs: referral.needs.map(needLabel),
      team: team.map((member) => ({
        ...member,
        check: checkAllocation({
          remainingQuota: referral.quota?.remaining ?? null,
          openCases: member.openCases,
          maxCaseload: member.maxCaseload,
          schoolName: referral.schoolName,
          practitionerName: member.name,
        }),
      })),
      types: PRACTITIONER_TYPES,
      values,
      ...extra,
    });
  }

  routes.get('/allocation/queue', ALLOCATORS, async (_req, res) => {
    const { year, rows } = await allocationQueue.waiting();
    res.render('allocation/queue', { title: 'Allocation queue', year, yearLabel: yearLabel(year), rows });
  });

  routes.get('/allocation/queue/:id', ALLOCATORS, async (req, res) => {
    const referral = await allocationQueue.one(idOf(req));
    if (!referral) throw new NotFoundError();
    await renderAllocate(res, referral);
  });

  routes.post('/allocation/queue/:id', ALLOCATORS, async (req, res) => {
    const id = idOf(req);
    const body = { ...(req.body ?? {}) };
    delete body._csrf;
    const result = await allocationQueue.allocate(actorOf(req, res), id, body);
    if (result.kind === 'not-found') throw new NotFoundError();
    if (result.kind === 'problem') {
      const referral = await allocationQueue.one(id);
      if (!referral) {
        req.session.flash = 'That referral has already been allocated';
        return res.redirect('/allocation/queue');
      }
      return renderAllocate(res, referral, result.status, {
        values: body,
        errors: result.errors,
        fieldErrors: result.fieldErrors,
      });
    }
    req.session.flash = `${result.reference} allocated to ${result.practitionerName}. They and the referrer have been told.`;
    res.redirect('/allocation/queue');
  });

  routes.get('/allocation/team', TEAM_READERS, async (_req, res) => {
    res.render('allocation/team', { title: 'Practitioners and caseloads', team: await practitioners.team() });
  });

  routes.get('/allocation/team/:id', ALLOCATORS, async (req, res) => {
    const member = await practitioners.member(idOf(req));
    if (!member) throw new NotFoundError();
    res.render('allocation/practitioner', {
      title: `Change ${member.name}’s details`,
      member,
      types: PRACTITIONER_TYPES,
      values: { type: member.type, fte: member.fte, maxCaseload: member.maxCaseload },
    });
  });

  routes.post('/allocation/team/:id', ALLOCATORS, async (req, res) => {
    const id = idOf(req);
    const result = await practitioners.saveProfile(actorOf(req, res), id, req.body ?? {});
    if (!result) throw new NotFoundError();
    if (!result.ok) {
      const member = (await practitioners.member(id))!;
      return res.status(400).render('allocation/practitioner', {
        title: `Change ${member.name}’s details`,
        member,
        types: PRACTITIONER_TYPES,
        values: req.body,
        errors: result.errors,
        fieldErrors: result.fieldErrors,
      });
    }
    req.session.flash = 'Practitioner’s details saved';
    res.redirect('/allocation/team');
  });
}
