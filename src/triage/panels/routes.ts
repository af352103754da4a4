import type { Request } from 'express';
import type { RouteTable } from '../../platform/permissions.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/auth/routes.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { RouteServices } from '../../services.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { formatLondonDateTime } from '../../platform/london-time.ts';
import { MINUTES_COLUMNS, formatMinutesTime, isoDateOrUndefined, minutesRow, type MinutesFormat } from './rules.ts';
import { mayChangePanelSchedule, TRIAGE_ROLES } from '../../platform/policies.ts';

const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** 'Friday 27 November 2026' for an ISO date (GOV.UK style: no comma after the day). */
const panelName = (date: string) => `${weekday.format(new Date(`${date}T00:00:00Z`))} ${formatIsoDate(date)}`;

function panelDate(req: Request): string {
  const date = isoDateOrUndefined(String(req.params.date));
  if (!date) throw new NotFoundError();
  return date;
}

const FILES: Record<MinutesFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * The triage panel: its schedule, agendas and minutes (CSV, Excel and a print version).
 * Registered before triageRoutes, whose `/triage/:id` would otherwise take `/triage/panels`.
 */
export function panelRoutes(routes: RouteTable, { panels }: RouteServices) {
  routes.get('/triage/panels', TRIAGE_ROLES, async (_req, res) => {
    const user = res.locals.user as CurrentUser;
    res.render('triage/panels', {
      title: 'Triage panels',
      ...(await panels.overview()),
      panelName,
      canChangeSchedule: mayChangePanelSchedule(user.roles),
    });
  });

  routes.get('/triage/panels/:date', TRIAGE_ROLES, async (req, res) => {
    const date = panelDate(req);
    const print = req.query.print === '1';
    const panel = await panels.agenda(actorOf(req, res), date, print);
    if (!panel) throw new NotFoundError();
    const decided = panel.items.filter((item) => item.decision).length;
    res.render('triage/panel', {
      title: `${print ? 'Minutes of the triage panel' : 'Triage panel'} on ${panelName(date)}`,
      bodyClasses: 'app-minutes',
      print,
      panel,
      name: panelName(date),
      cutOff: formatLondonDateTime(panel.cutOff),
      decided,
      columns: MINUTES_COLUMNS,
      minutes: print
        ? panel.items.map(minutesRow).map((row) => ({ ...row, decidedAt: formatMinutesTime(row.decidedAt) }))
        : [],
    });
  });

  for (const format of Object.keys(FILES) as MinutesFormat[]) {
    routes.get(`/triage/panels/:date/minutes.${format}`, TRIAGE_ROLES, async (req, res) => {
      const date = panelDate(req);
      const file = await panels.minutes(actorOf(req, res), date, format);
      if (file === undefined) throw new NotFoundError();
      res.set('Cache-Control', 'no-store');
      res.set('Content-Type', FILES[format]);
      res.set('Content-Disposition', `attachment; filename="triage-panel-${date}.${format}"`);
      res.send(file);
    });
  }
}
