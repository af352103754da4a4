// Group programmes: creating one, its page, moving a session and cancelling.
import type { Request, Response } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { checkedValues } from '../../platform/checkboxes.ts';
import type { RouteServices } from '../../services.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import { dateInputView } from '../../platform/date-input.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { FormState } from '../../platform/form-outcome.ts';
import { groupYearOf, yearLabelOf } from '../rules.ts';
import { GROUP_ORGANISERS, GROUP_READERS, takesRegisters } from '../../platform/policies.ts';
import { FOCUS_CHOICES, isProgrammeKind, KIND_NAMES, MAX_CAPACITY, OTHER_FOCUS } from './forms.ts';
import { MAX_SESSIONS } from './rules.ts';
import { formatIsoDate } from '../../platform/date-input.ts';

const PATH = '/groups/programmes';

function sessionIdOf(req: Request): number {
  return idOf(req, 'sessionId');
}

export function programmeRoutes(routes: RouteTable, services: RouteServices): void {
  const { programmes } = services.groups;
  const { clock } = services;

  /** The create form for a kind of programme in a year, with what was typed and the problems. */
  async function newForm(
    res: Response,
    status: number,
    kind: string | undefined,
    yearAsked: unknown,
    { values = {}, errors, fieldErrors = {} }: FormState = {},
  ) {
    const years = await programmes.yearsOffered();
    const yearItems = years.map((value) => ({ value, text: yearLabelOf(value) }));
    if (!isProgrammeKind(kind))
      return res
        .status(status)
        .render('groups/programmes/new', { title: 'Create a group programme', years: yearItems });
    const year =
      typeof yearAsked === 'string' && years.includes(yearAsked) ? yearAsked : (years[0] ?? groupYearOf(clock.today()));
    const context = await programmes.formContext(kind, year);
    const clusterNames = (name: string) => (context.clustersByTerm.get(name) ?? []).map((c) => c.name);
    const halfTerms = context.halfTerms.map((term) => {
      const clusters = clusterNames(term.name);
      const cluster =
        kind === 'small-group'
          ? ''
          : clusters.length === 0
            ? ': no cluster in the rotation'
            : `: ${clusters.join(' or ')}`;
      return {
        value: term.name,
        text: `${term.name} (${formatIsoDate(term.startsOn)} to ${formatIsoDate(term.endsOn)})${cluster}`,
      };
    });
    const chosen = checkedValues(values.facilitators);
    const paired = context.halfTerms.flatMap((term) =>
      (context.clustersByTerm.get(term.name) ?? []).length > 1
        ? (context.clustersByTerm.get(term.name) ?? []).map((c) => ({
            value: String(c.id),
            text: `${c.name} (${term.name})`,
          }))
        : [],
    );
    res.status(status).render('groups/programmes/new', {
      title: `Create a ${KIND_NAMES[kind].toLowerCase()}`,
      kind,
      year,
      yearLabel: yearLabelOf(year),
      years: yearItems,
      halfTerms,
      paired,
      noRotation: kind === 'parent-group' && context.clustersByTerm.size === 0,
      plan: context.plan,
      facilitators: context.facilitators.map((f) => ({
        value: String(f.id),
        text: f.name,
        checked: chosen.includes(String(f.id)),
      })),
      focusChoices: FOCUS_CHOICES,
      otherFocus: OTHER_FOCUS,
      maxSessions: MAX_SESSIONS,
      maxCapacity: MAX_CAPACITY,
      values: { openToAll: 'yes', ...values },
      errors,
      fieldErrors,
      firstSession: dateInputView('firstSession', values, fieldErrors),
    });
  }

  async function moveForm(
    req: Request,
    res: Response,
    status: number,
    { values, errors, fieldErrors = {} }: FormState = {},
  ) {
    const found = await programmes.session(idOf(req), sessionIdOf(req));
    if (!found) throw new NotFoundError();
    res.status(status).render('groups/programmes/move', {
      title: `Change the date of session ${found.session.number}`,
      ...found,
      errors,
      heldOn: dateInputView('heldOn', values ?? found.values, fieldErrors),
    });
  }

  routes.get(`${PATH}/new`, GROUP_ORGANISERS, (req, res) =>
    newForm(res, 200, req.query.kind as string | undefined, req.query.year),
  );

  routes.post(`${PATH}/new`, GROUP_ORGANISERS, async (req, res) => {
    const { kind, year } = req.body as Record<string, string | undefined>;
    const years = await programmes.yearsOffered();
    if (!isProgrammeKind(kind) || !year || !years.includes(year))
      return newForm(res, 400, kind, year, {
        values: req.body,
        errors: [{ text: 'Select the kind of group and the school year', href: '#kind' }],
      });
    const outcome = await programmes.create(actorOf(req, res), kind, year, req.body);
    if (outcome.kind === 'invalid')
      return newForm(res, 400, kind, year, {
        values: req.body,
        errors: outcome.errors,
        fieldErrors: outcome.fieldErrors,
      });
    if (outcome.kind === 'not-found') throw new NotFoundError();
    req.session.flash = outcome.message;
    res.redirect(`${PATH}/${outcome.id}`);
  });

  routes.get(`${PATH}/:id`, GROUP_READERS, async (req, res) => {
    const page = await programmes.page(actorOf(req, res), res.locals.user, idOf(req));
    if (!page) throw new NotFoundError();
    const takesRegister = takesRegisters(res.locals.user.roles);
    res.render('groups/programmes/show', { title: page.programme.name, ...page, takesRegister });
  });

  routes.get(`${PATH}/:id/sessions/:sessionId/move`, GROUP_ORGANISERS, (req, res) => moveForm(req, res, 200));

  routes.post(`${PATH}/:id/sessions/:sessionId/move`, GROUP_ORGANISERS, async (req, res) => {
    const outcome = await programmes.moveSession(actorOf(req, res), idOf(req), sessionIdOf(req), req.body);
    if (outcome.kind === 'not-found') throw new NotFoundError();
    if (outcome.kind === 'invalid')
      return moveForm(req, res, 400, { values: req.body, errors: outcome.errors, fieldErrors: outcome.fieldErrors });
    req.session.flash = outcome.message;
    res.redirect(`${PATH}/${outcome.id}`);
  });

  routes.get(`${PATH}/:id/cancel`, GROUP_ORGANISERS, async (req, res) => {
    const found = await programmes.heading(idOf(req));
    if (!found) throw new NotFoundError();
    res.render('groups/programmes/confirm', {
      title: `Cancel ${found.name}`,
      back: `${PATH}/${found.id}`,
      action: `${PATH}/${found.id}/cancel`,
      warning: 'No more nominations can be made. The places and registers are kept.',
      button: 'Cancel programme',
    });
  });

  routes.post(`${PATH}/:id/cancel`, GROUP_ORGANISERS, async (req, res) => {
    const outcome = await programmes.cancel(actorOf(req, res), idOf(req));
    if (outcome.kind !== 'saved') throw new NotFoundError();
    req.session.flash = outcome.message;
    res.redirect(`${PATH}/${outcome.id}`);
  });
}
