import type { Request, Response } from 'express';
import type { RouteTable } from '../platform/permissions.ts';
import { NotFoundError, idOf, recordId } from '../platform/errors.ts';
import { scopeOf } from '../platform/roles.ts';
import { REFERRAL_READERS, REFERRERS, seesOwnSchoolsOffer } from '../platform/policies.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { pageNumber, pagination, type FieldErrors } from '../platform/validation.ts';
import { dateInputView } from '../platform/date-input.ts';
import type { RouteServices } from '../services.ts';
import {
  ETHNICITIES,
  nextPath,
  pageFor,
  pageValues,
  parseAnswers,
  REFERRAL_PAGES,
  type DraftAnswers,
} from './forms.ts';
import { REFERRALS_PAGE_SIZE } from './repository.ts';
import { referralView } from './summary/rules.ts';
import { PRESENTING_NEEDS } from './rules.ts';

export function referralsRoutes(
  routes: RouteTable,
  { referrals, schools, children, plans, settings, council, clock }: RouteServices,
) {
  // A live instance opens referrals once the council's details, schools and term dates are in.
  const notOpen = async (res: Response) => {
    if (await council.referralsOpen(clock.today())) return false;
    res.status(503).render('referrals/not-open', { title: 'You cannot ask for help through this service yet' });
    return true;
  };

  /** The draft behind a form page, or 404 when it is not the user's to edit. */
  async function draftFor(req: Request, res: Response) {
    const record = await referrals.view(actorOf(req, res), res.locals.user, idOf(req));
    if (!record) throw new NotFoundError();
    return record;
  }

  function renderPage(
    res: Response,
    id: number,
    slug: string,
    values: Record<string, unknown>,
    extra: { errors?: unknown; fieldErrors?: FieldErrors; rollSearch?: string; rollMatches?: unknown[] } = {},
  ) {
    const page = pageFor(slug)!;
    const dates = Object.fromEntries(
      page.dateFields.map((name) => [name, dateInputView(name, values, extra.fieldErrors)]),
    );
    res.render(`referrals/pages/${slug}`, {
      title: page.title,
      id,
      values: pageValues(page, values),
      dates,
      presentingNeeds: PRESENTING_NEEDS,
      ethnicities: ETHNICITIES,
      fieldErrors: extra.fieldErrors ?? {},
      errors: extra.errors,
      pages: REFERRAL_PAGES,
      slug,
      rollSearch: extra.rollSearch,
      rollMatches: extra.rollMatches,
    });
  }

  routes.get('/referrals', REFERRAL_READERS, async (req, res) => {
    const page = pageNumber(req.query.page);
    const { rows, total } = await referrals.list(scopeOf(res.locals.user), page);
    // A school user sees their own school's offer for the year, from the approved plan.
    const schoolYear = clock.schoolYear();
    const year = schoolYear.key;
    const user = res.locals.user;
    const quotas = seesOwnSchoolsOffer(user.roles)
      ? (
          await Promise.all(
            user.schoolUrns.map(async (urn: number) => ({ urn, quota: await plans.quotaFor(year, urn) })),
          )
        ).filter((q) => q.quota)
      : [];
    const tablePublished = quotas.length > 0 && (await settings.get('publish-vulnerability-table')) === 'yes';
    res.render('referrals/list', {
      title: 'Referrals',
      year,
      yearLabel: schoolYear.label,
      quotas,
      tablePublished,
      rows: rows.map((row: { answers: unknown }) => ({
        ...row,
        childName: referralView.childName(row.answers as unknown as DraftAnswers),
      })),
      total,
      pagination: pagination(page, total, REFERRALS_PAGE_SIZE, (n) => `/referrals?page=${n}`),
    });
  });

  routes.get('/referrals/new', REFERRERS, async (_req, res) => {
    if (await notOpen(res)) return;
    res.render('referrals/start', {
      title: 'Ask for help for a child and family',
      schools: await schools.list({}).then((all) => all.filter((s) => res.locals.user.schoolUrns.includes(s.urn))),
    });
  });

  routes.post('/referrals/new', REFERRERS, async (req, res) => {
    if (await notOpen(res)) return;
    const user = res.locals.user;
    const schoolUrn = Number(req.body.school ?? user.schoolUrns[0]);
    // Started from the chronic absence list: the pupil's details come from the school's roll.
    const upn = typeof req.body.upn === 'string' ? req.body.upn.trim().toUpperCase() : '';
    const id = await referrals.startDraftFor(actorOf(req, res), user, schoolUrn, upn);
    res.redirect(`/referrals/${id}/${REFERRAL_PAGES[0].slug}`);
  });

  routes.get('/referrals/:id', REFERRAL_READERS, async (req, res) => {
    const { referral, answers, events, support } = await draftFor(req, res);
    if (referral.status === 'draft') return res.redirect(`/referrals/${referral.id}/check`);
    res.render('referrals/show', {
      title: `Referral ${referral.reference}`,
      referral,
      events,
      support,
      summary: referralView.summary(answers),
    });
  });

  routes.get('/referrals/:id/check', REFERRERS, async (req, res) => {
    const { referral, answers } = await draftFor(req, res);
    if (referral.status !== 'draft') return res.redirect(`/referrals/${referral.id}`);
    const { incomplete } = parseAnswers(answers, clock.today());
    res.render('referrals/check', {
      title: 'Check your answers before sending the referral',
      referral,
      incomplete,
      sections: referralView.sections(referral.id, answers, clock.today()),
    });
  });

  routes.post('/referrals/:id/submit', REFERRERS, async (req, res) => {
    const id = idOf(req);
    const result = await referrals.submit(actorOf(req, res), res.locals.user, id);
    if (!result) throw new NotFoundError();
    if (result.ok) return res.redirect(`/referrals/${id}/confirmation`);
    const { referral, answers } = await draftFor(req, res);
    res.status(400).render('referrals/check', {
      title: 'Check your answers before sending the referral',
      referral,
      errors: result.errors,
      incomplete: parseAnswers(answers, clock.today()).incomplete,
      sections: referralView.sections(id, answers, clock.today()),
    });
  });

  routes.get('/referrals/:id/confirmation', REFERRERS, async (req, res) => {
    const { referral } = await draftFor(req, res);
    if (referral.status === 'draft') return res.redirect(`/referrals/${referral.id}/check`);
    res.render('referrals/confirmation', { title: 'Referral sent', referral });
  });

  routes.post('/referrals/:id/from-roll', REFERRERS, async (req, res) => {
    const id = idOf(req);
    const childId = recordId(req.body.childId);
    if (!childId || !(await referrals.fillFromRoll(actorOf(req, res), res.locals.user, id, childId)))
      throw new NotFoundError();
    req.session.flash = 'We filled in the details from the school roll. Check them and answer the other questions.';
    res.redirect(`/referrals/${id}/child`);
  });

  routes.get('/referrals/:id/:page', REFERRERS, async (req, res) => {
    const slug = String(req.params.page);
    if (!pageFor(slug)) throw new NotFoundError();
    const { referral, answers } = await draftFor(req, res);
    if (referral.status !== 'draft') return res.redirect(`/referrals/${referral.id}`);
    // On the child page, the referrer can look the child up on their school roll first.
    const rollSearch =
      slug === 'child' && typeof req.query.roll === 'string' ? req.query.roll.trim().slice(0, 100) : '';
    const rollMatches = rollSearch
      ? (await children.list(actorOf(req, res), { kind: 'schools', urns: [referral.school_urn] }, rollSearch, 1)).rows
      : undefined;
    renderPage(res, referral.id, slug, res.locals.resumedValues ?? answers.pages[slug] ?? {}, {
      rollSearch,
      rollMatches,
    });
  });

  routes.post('/referrals/:id/:page', REFERRERS, async (req, res) => {
    const slug = String(req.params.page);
    if (!pageFor(slug)) throw new NotFoundError();
    const id = idOf(req);
    const saved = await referrals.savePage(actorOf(req, res), scopeOf(res.locals.user), id, slug, req.body ?? {});
    if (!saved.saved) throw new NotFoundError();
    if (!saved.result.ok) {
      res.status(400);
      return renderPage(res, id, slug, req.body, saved.result);
    }
    res.redirect(req.query.change ? `/referrals/${id}/check` : nextPath(id, slug));
  });
}
