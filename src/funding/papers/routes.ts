// The schools forum paper for a funding year, printable, and its downloads (Havering schools
// forum report 2024-25).
import type { Request, Response } from 'express';
import { actorOf } from '../../platform/auth/routes.ts';
import type { RouteTable } from '../../platform/permissions.ts';
import { FUNDING_READERS, mayChangeFunding } from '../../platform/policies.ts';
import { sendTable, sendWorkbook } from '../../platform/xlsx-export.ts';
import type { RouteServices } from '../../services.ts';
import { previousYearOf } from '../years/rules.ts';
import { emptyReason, forumPaper, paperWorkbook, schoolsTable } from './rules.ts';

export function paperRoutes(routes: RouteTable, services: RouteServices) {
  const papers = services.fundingPapers;

  routes.get('/funding/:year/paper', FUNDING_READERS, async (req, res) => {
    const { year, calculation } = await papers.calculated(String(req.params.year));
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
    const { year, calculation } = await papers.calculated(String(req.params.year));
    if (emptyReason(year)) return res.redirect(`/funding/${year.year}/paper`);
    await papers.recordDownload(actorOf(req, res), year, format);
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
