// Per-school de-delegation statements (Havering schools forum report 2024-25): choose a school,
// see its statement.
import { actorOf } from '../../platform/auth/routes.ts';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_VISITORS } from '../../platform/policies.ts';
import type { RouteServices } from '../../services.ts';
import { ACADEMY_NOTE, statementUrns } from './rules.ts';

export function statementRoutes(routes: RouteTable, services: RouteServices) {
  const statements = services.fundingStatements;

  routes.get('/funding/:year/schools', FUNDING_VISITORS, async (req, res) => {
    const user = res.locals.user;
    const { year, schools, hasDataSet } = await statements.choices(String(req.params.year), user);
    const ownOnly = statementUrns(user) !== undefined;
    if (ownOnly && schools.length === 1) return res.redirect(`/funding/${year}/schools/${schools[0].urn}`);
    res.render('funding/statements', { title: `School statements ${year}`, year, schools, ownOnly, hasDataSet });
  });

  routes.get('/funding/:year/schools/:urn', FUNDING_VISITORS, async (req, res) => {
    const urn = idOf(req, 'urn');
    const user = res.locals.user;
    const found = await statements.statement(actorOf(req, res), user, String(req.params.year), urn);
    if (!found) throw new NotFoundError();
    const { year, statement, choices } = found;
    res.render('funding/statement', {
      title: `${statement.name}: de-delegation ${year}`,
      year,
      statement,
      academyNote: ACADEMY_NOTE,
      mayChoose: statementUrns(user) === undefined || choices > 1,
    });
  });
}
