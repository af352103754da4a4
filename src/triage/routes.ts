import type { RouteTable } from '../platform/permissions.ts';
import { TRIAGE_ROLES } from '../platform/policies.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { pageNumber, pagination } from '../platform/validation.ts';
import type { RouteServices } from '../services.ts';
import { PRESENTING_NEEDS } from '../referrals/rules.ts';
import { OUTCOMES } from '../referrals/outcomes/rules.ts';
import { referralView } from '../referrals/summary/rules.ts';
import { LEVELS_OF_NEED, QUEUE_PAGE_SIZE, suggestedLevel } from './rules.ts';
import { filterSchema } from './forms.ts';

export function triageRoutes(routes: RouteTable, { triage }: RouteServices) {
  routes.get('/triage', TRIAGE_ROLES, async (req, res) => {
    const filter = filterSchema.parse(req.query);
    const { rows, total, page, schools } = await triage.queue(filter, pageNumber(req.query.page));
    const params = new URLSearchParams(
      Object.entries(filter)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    res.render('triage/queue', {
      title: 'Front door queue',
      rows,
      total,
      filter,
      schoolItems: [
        { value: '', text: 'All schools' },
        ...schools.map((s) => ({ value: s.urn, text: s.displayName, selected: filter.school === s.urn })),
      ],
      needs: PRESENTING_NEEDS,
      pagination: pagination(
        page,
        total,
        QUEUE_PAGE_SIZE,
        (n) => `/triage?${new URLSearchParams([...params, ['page', String(n)]])}`,
      ),
    });
  });

  routes.get('/triage/:id', TRIAGE_ROLES, async (req, res) => {
    const record = await triage.view(actorOf(req, res), idOf(req));
    if (!record) throw new NotFoundError();
    res.render('triage/show', {
      title: `Triage: ${record.referral.reference}`,
      ...record,
      summary: referralView.summary(record.answers),
      levels: LEVELS_OF_NEED,
      outcomes: OUTCOMES,
      suggestedLevel: suggestedLevel(record.assessment.needs.length),
      values: {},
      fieldErrors: {},
    });
  });

  routes.post('/triage/:id/matches/:matchId', TRIAGE_ROLES, async (req, res) => {
    const decision =
      req.body.decision === 'confirmed' ? 'confirmed' : req.body.decision === 'dismissed' ? 'dismissed' : undefined;
    const id = idOf(req);
    if (!decision || !(await triage.matches.decide(actorOf(req, res), id, idOf(req, 'matchId'), decision)))
      throw new NotFoundError();
    req.session.flash = decision === 'confirmed' ? 'Match confirmed: the child is already known' : 'Match dismissed';
    res.redirect(`/triage/${id}#matches`);
  });
}
