// The check page: every figure the forum paper printed for a year beside the computed one.
import type { Db } from '../db/connection.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { checkPage, printedFiguresOf } from './check.ts';
import { calculatedYear } from './paper.ts';
import { FUNDING_READERS } from './year-rules.ts';

export function checkRoutes(routes: RouteTable, db: Db) {
  routes.get('/funding/:year/check', FUNDING_READERS, async (req, res) => {
    const { year, calculation } = await calculatedYear(db, String(req.params.year));
    res.render('funding/check', {
      title: `Check the printed figures for ${year.year}`,
      year: year.year,
      ...checkPage(year, calculation, await printedFiguresOf(db, year.year)),
    });
  });
}
