/**
 * The triage panel's agenda and its minutes. Which panel a referral goes to is `panelFor`'s rule
 * (rules.ts: weekly or fortnightly, term time only, noon cut-off); this file
 * only gathers the referrals for one panel, counts them, and turns them into minutes. No Express.
 *
 * Panels are worked out from the current schedule each time, so changing the schedule in the
 * settings re-files past referrals under the new schedule's panel dates.
 */
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import { addCalendarDays } from '../../platform/calendar/calendar.ts';
import { londonDate } from '../../platform/london-time.ts';
import { loadExcel } from '../../platform/xlsx-export.ts';
import { isOutcome } from '../../referrals/outcomes/rules.ts';
import { scheduleOf, type Context } from '../rules.ts';
import { triageContext } from '../service.ts';
import { panelsRepository } from './repository.ts';
import {
  agendaItem,
  describeSchedule,
  isPanelDay,
  londonWall,
  MINUTES_COLUMNS,
  minutesCsv,
  minutesRow,
  panelCutOff,
  panelFor,
  PAST_PANELS,
  previousPanel,
  UPCOMING_PANELS,
  upcomingPanels,
  type AgendaItem,
  type MinutesFormat,
  type MinutesRow,
  type PanelSummary,
} from './rules.ts';

/** How far back the list of past panels looks. */
const HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;

/** The minutes as an Excel workbook: one sheet, a bold frozen header row, text cells never formulas. */
export async function minutesXlsx(rows: readonly MinutesRow[], title: string): Promise<Buffer> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'Inclusion Hub';
  workbook.title = title;
  const sheet = workbook.addWorksheet('Minutes', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = MINUTES_COLUMNS.map(({ key, header, width }) => ({ key, header, width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    // Plain strings are stored as text; exceljs writes a formula only when given { formula }.
    sheet.addRow({ ...row, decidedAt: row.decidedAt ? londonWall(row.decidedAt) : null });
  }
  sheet.getColumn('decidedAt').numFmt = 'dd/mm/yyyy hh:mm';
  sheet.getColumn('reason').alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function panelsService(db: Db, clock: Clock) {
  const repository = panelsRepository();
  const context = (trx: Db = db): Promise<Context> => triageContext(trx, clock);

  /** The referrals on the agenda of the panel on `date`: exactly those whose panelFor is that date. */
  async function agendaOn(trx: Db, date: string, ctx: Context): Promise<AgendaItem[]> {
    const schedule = scheduleOf(ctx.settings);
    const previous = previousPanel(date, schedule, ctx.calendar);
    // Only referrals sent between the previous panel's cut-off and this one's can go to it.
    const since = previous
      ? panelCutOff(previous, ctx.calendar)
      : new Date(Date.parse(`${date}T00:00:00Z`) - 366 * DAY_MS);
    const rows = await repository.sent(trx, since, panelCutOff(date, ctx.calendar));
    return rows.map((row) => agendaItem(row, ctx)).filter((item) => item.panelDate === date);
  }

  /**
   * The panel on `date` with its agenda, or undefined when the panel does not meet then: panelFor
   * only ever gives a day the panel meets, so such a date has no referrals either. Audited.
   */
  async function panel(trx: Db, actor: Actor, date: string, details: Record<string, unknown>) {
    const ctx = await context(trx);
    const schedule = scheduleOf(ctx.settings);
    if (!isPanelDay(date, schedule, ctx.calendar)) return undefined;
    const items = await agendaOn(trx, date, ctx);
    await audit(trx, actor, {
      action: details.format ? 'export' : 'view',
      recordType: 'panel',
      recordId: date,
      details: { ...details, rows: items.length },
    });
    return { date, cutOff: panelCutOff(date, ctx.calendar), items };
  }

  return {
    /** The next panels and the last ones that had referrals, with how many are decided. */
    async overview() {
      const ctx = await context();
      const schedule = scheduleOf(ctx.settings);
      const today = londonDate(ctx.now);
      const counts = new Map<string, PanelSummary>();
      const sent = await repository.sentSince(db, new Date(ctx.now.getTime() - HISTORY_DAYS * DAY_MS));
      for (const row of sent) {
        const date = panelFor(row.submitted_at!, schedule, ctx.calendar);
        if (!date) continue;
        const summary = counts.get(date) ?? { date, referrals: 0, decided: 0 };
        summary.referrals++;
        if (isOutcome(row.status)) summary.decided++;
        counts.set(date, summary);
      }
      const upcoming = upcomingPanels(addCalendarDays(today, -1), UPCOMING_PANELS, schedule, ctx.calendar);
      return {
        schedule: describeSchedule(schedule),
        upcoming: upcoming.map((date) => counts.get(date) ?? { date, referrals: 0, decided: 0 }),
        past: [...counts.values()]
          .filter((summary) => summary.date < today)
          .sort((a, b) => b.date.localeCompare(a.date))
          .slice(0, PAST_PANELS),
      };
    },

    /** The agenda of the panel on `date`, or undefined when the panel does not meet then. */
    agenda(actor: Actor, date: string, print = false) {
      return db.transaction().execute((trx) => panel(trx, actor, date, print ? { print: true } : {}));
    },

    /** The minutes as a file; each export is audited with its format and number of rows. */
    minutes(actor: Actor, date: string, format: MinutesFormat) {
      return db.transaction().execute(async (trx) => {
        const found = await panel(trx, actor, date, { format });
        if (!found) return undefined;
        const rows = found.items.map(minutesRow);
        return format === 'csv' ? minutesCsv(rows) : minutesXlsx(rows, `Triage panel ${date}`);
      });
    },
  };
}

export type PanelsService = ReturnType<typeof panelsService>;
