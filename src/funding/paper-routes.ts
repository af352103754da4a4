// The schools forum paper for a funding year, printable, and its downloads [issue 8; seed 001].
import type { Request, Response } from 'express';
import type { Db } from '../db/connection.ts';
import type { RouteTable } from '../platform/permissions.ts';
import { actorOf } from '../platform/auth/routes.ts';
import { audit } from '../platform/audit/audit.ts';
import { sendTable, sendWorkbook } from '../platform/xlsx-export.ts';
import { calculatedYear, emptyReason, forumPaper, paperWorkbook, previousYearOf, schoolsTable } from './paper.ts';
import { FUNDING_READERS, mayChangeFunding } from './year-rules.ts';

export const PAPER_RECORD = 'funding-paper';

export function paperRoutes(routes: RouteTable, db: Db) {
  routes.get('/funding/:year/paper', FUNDING_READERS, async (req, res) => {
    const { year, calculation } = await calculatedYear(db, String(req.params.year));
    const empty = emptyReason(year);
    res.render('funding/paper', {
      title: `De-delegation of funding for central services ${year.year}`,
      bodyClasses: 'app-forum-paper',
      year: year.year,
      previousYear: previousYearOf(year.year),
      empty,
      services: empty ? [] : forumPaper(year, calculation),
      schools: year.schools.length,
      maySeeWhatIf: mayChangeFunding(res.locals.user.roles),
    });
  });

  /** Sends a download of a year's paper after recording who took it. */
  const download = (format: 'xlsx' | 'csv') => async (req: Request, res: Response) => {
    const { year, calculation } = await calculatedYear(db, String(req.params.year));
    if (emptyReason(year)) return res.redirect(`/funding/${year.year}/paper`);
    await audit(db, actorOf(req, res), {
      action: 'export',
      recordType: PAPER_RECORD,
      recordId: year.year,
      details: { format, schools: year.schools.length },
    });
    const filename = `de-delegation-${year.year}`;
    if (format === 'xlsx') return sendWorkbook(res, filename, paperWorkbook(year, calculation));
    await sendTable(res, {
      filename: `${filename}-schools`,
      sheet: 'Schools',
      format,
      ...schoolsTable(year, calculation),
    });
  };
  routes.get('/funding/:year/paper.xlsx', FUNDING_READERS, download('xlsx'));
  routes.get('/funding/:year/paper.csv', FUNDING_READERS, download('csv'));
}
