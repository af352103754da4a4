// Per-school de-delegation statements [issue 8; seed 001]: choose a school, see its statement.
import type { Db } from '../db/connection.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { audit } from '../platform/audit/audit.ts';
import { NotFoundError, idOf } from '../platform/errors.ts';
import { calculatedYear } from './paper.ts';
import { ACADEMY_NOTE, maySeeStatement, schoolChoices, schoolStatement, statementUrns } from './statement.ts';
import { FUNDING_VISITORS } from './year-rules.ts';

export const STATEMENT_RECORD = 'funding-statement';

export function statementRoutes(routes: RouteTable, db: Db) {
  routes.get('/funding/:year/schools', FUNDING_VISITORS, async (req, res) => {
    const { year } = await calculatedYear(db, String(req.params.year));
    const user = res.locals.user;
    const schools = schoolChoices(year, user);
    const ownOnly = statementUrns(user) !== undefined;
    if (ownOnly && schools.length === 1) return res.redirect(`/funding/${year.year}/schools/${schools[0].urn}`);
    res.render('funding/statements', {
      title: `School statements ${year.year}`,
      year: year.year,
      schools,
      ownOnly,
      hasDataSet: year.schools.length > 0,
    });
  });

  routes.get('/funding/:year/schools/:urn', FUNDING_VISITORS, async (req, res) => {
    const urn = idOf(req, 'urn');
    const user = res.locals.user;
    // Another school's statement looks the same as one that is not there, so nothing leaks.
    if (!maySeeStatement(user, urn)) throw new NotFoundError();
    const { year, calculation } = await calculatedYear(db, String(req.params.year));
    const statement = schoolStatement(year, calculation, urn);
    if (!statement) throw new NotFoundError();
    await audit(db, actorOf(req, res), {
      action: 'view',
      recordType: STATEMENT_RECORD,
      recordId: urn,
      details: { year: year.year },
    });
    res.render('funding/statement', {
      title: `${statement.name}: de-delegation ${year.year}`,
      year: year.year,
      statement,
      academyNote: ACADEMY_NOTE,
      mayChoose: statementUrns(user) === undefined || schoolChoices(year, user).length > 1,
    });
  });
}
