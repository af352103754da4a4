/**
 * The triage panel's agenda and its minutes. Which panel a referral goes to is `panelFor`'s rule
 * (panel.ts: seed 001 weekly, seed 000 fortnightly, term time only, noon cut-off); this file
 * only gathers the referrals for one panel, counts them, and turns them into minutes. No Express.
 *
 * Panels are worked out from the current schedule each time, so changing the schedule in the
 * settings re-files past referrals under the new schedule's panel dates.
 */
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import {
  addCalendarDays,
  assertIsoDate,
  toWeekdayNumber,
  WEEKDAY_NAMES,
  type Calendar,
} from '../platform/calendar/calendar.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { readSettings } from '../platform/settings/service.ts';
import { needLabel } from '../referrals/needs.ts';
import { parseAnswers, type DraftAnswers } from '../referrals/pages.ts';
import { isOutcome, londonDate, STATUS_LABELS, type ReferralStatus } from '../referrals/rules.ts';
import type { ChildAnswers } from '../referrals/schemas.ts';
import { schoolName } from '../schools/service.ts';
import { levelOfNeed, suggestedLevel } from './levels.ts';
import { minutesCsv, minutesXlsx, type MinutesRow } from './minutes-export.ts';
import { isPanelDay, panelCutOff, panelFor, upcomingPanels, type PanelSchedule } from './panel.ts';
import { assess, scheduleOf, type Context } from './service.ts';

export const UPCOMING_PANELS = 6;
export const PAST_PANELS = 6;
/** How far back the list of past panels looks. */
const HISTORY_DAYS = 400;
const DAY_MS = 86_400_000;

export type MinutesFormat = 'csv' | 'xlsx';

export interface PanelSummary {
  date: string;
  referrals: number;
  decided: number;
}

/** 'Every Friday in term time' (seed 001) or 'Every other Friday in term time' (seed 000). */
export function describeSchedule(schedule: PanelSchedule): string {
  const name = WEEKDAY_NAMES[toWeekdayNumber(schedule.weekday)];
  const day = name.charAt(0).toUpperCase() + name.slice(1);
  return `${schedule.frequency === 'weekly' ? 'Every' : 'Every other'} ${day} in term time`;
}

/** The ISO date, or undefined when `value` is not a real date. */
export function isoDateOrUndefined(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  try {
    return assertIsoDate(value);
  } catch {
    return undefined;
  }
}

/** The child's initials for the minutes, which never carry a full name: 'Tobi Adebayo' → 'TA'. */
export function initialsOf(firstName: string | undefined, lastName: string | undefined): string {
  return [firstName, lastName]
    .map((name) => Array.from(String(name ?? '').trim())[0] ?? '')
    .join('')
    .toLocaleUpperCase('en-GB');
}

/** The panel before `date` under the schedule, looking back at most a year. */
function previousPanel(date: string, schedule: PanelSchedule, calendar: Calendar): string | undefined {
  for (let weeks = 1; weeks <= 53; weeks++) {
    const day = addCalendarDays(date, -7 * weeks);
    if (isPanelDay(day, schedule, calendar)) return day;
  }
  return undefined;
}

/** Sent referrals with what the agenda shows, sent after `since` and by `until`. */
function sentReferrals(db: Db, since: Date, until: Date) {
  return db
    .selectFrom('referrals')
    .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
    .select([
      'referrals.id',
      'referrals.reference',
      'referrals.status',
      'referrals.answers',
      'referrals.submitted_at',
      'referrals.acknowledged_at',
      'referrals.outcome_at',
      'referrals.level_of_need',
      'referrals.outcome_reason',
      'schools.urn',
      'schools.name as school_name',
    ])
    .select((eb) => [
      eb
        .selectFrom('referral_matches')
        .select((m) => m.fn.agg<(string | null)[]>('array_agg', ['referral_matches.decision']).as('d'))
        .whereRef('referral_matches.referral_id', '=', 'referrals.id')
        .as('decisions'),
      eb
        .selectFrom('referral_events')
        .innerJoin('users', 'users.id', 'referral_events.user_id')
        .select('users.name')
        .whereRef('referral_events.referral_id', '=', 'referrals.id')
        .where('referral_events.kind', 'in', ['outcome', 'safeguarding'])
        .orderBy('referral_events.at', 'desc')
        .orderBy('referral_events.id', 'desc')
        .limit(1)
        .as('decided_by_name'),
    ])
    .where('referrals.status', '!=', 'draft')
    .where('referrals.submitted_at', 'is not', null)
    .where('referrals.submitted_at', '>', since)
    .where('referrals.submitted_at', '<=', until)
    .orderBy('referrals.submitted_at')
    .orderBy('referrals.id')
    .execute();
}

type SentReferral = Awaited<ReturnType<typeof sentReferrals>>[number];

/** One referral as the panel sees it: the triage assessment, the child's details and the decision. */
function agendaItem(row: SentReferral, ctx: Context) {
  const assessment = assess(row, row.decisions ?? [], ctx);
  const child = parseAnswers(row.answers as unknown as DraftAnswers).parsed.child as ChildAnswers;
  const status = row.status as ReferralStatus;
  return {
    id: row.id,
    reference: row.reference ?? '',
    status,
    statusLabel: STATUS_LABELS[status] ?? row.status,
    school: schoolName({ urn: row.urn, name: row.school_name }),
    submittedAt: row.submitted_at!,
    panelDate: assessment.panelDate,
    childName: assessment.childName,
    initials: initialsOf(child.firstName, child.lastName),
    yearGroup: child.yearGroup,
    age: assessment.age,
    needs: assessment.needs.map(needLabel),
    riskOfExclusion: assessment.riskOfExclusion,
    suggestedLevel: levelOfNeed(suggestedLevel(assessment.needs.length))!,
    eligibility: assessment.eligibility,
    possibleMatch: assessment.undecidedMatches > 0,
    decision: isOutcome(status)
      ? {
          level: row.level_of_need,
          levelName: row.level_of_need ? levelOfNeed(row.level_of_need)?.name : undefined,
          outcome: STATUS_LABELS[status],
          reason: row.outcome_reason ?? '',
          by: row.decided_by_name ?? '',
          at: row.outcome_at,
        }
      : undefined,
  };
}

export type AgendaItem = ReturnType<typeof agendaItem>;

/** A line of the minutes: initials and year group, never the child's name or date of birth. */
export function minutesRow(item: AgendaItem): MinutesRow {
  return {
    reference: item.reference,
    school: item.school,
    initials: item.initials,
    yearGroup: item.yearGroup,
    needs: item.needs.join('; '),
    level: item.decision?.level ?? null,
    outcome: item.statusLabel,
    reason: item.decision?.reason ?? '',
    decidedBy: item.decision?.by ?? '',
    decidedAt: item.decision?.at ?? null,
  };
}

export function panelsService(db: Db, clock: Clock) {
  const context = async (trx: Db = db): Promise<Context> => ({
    settings: await readSettings(trx),
    calendar: await loadCalendar(trx),
    now: clock.now(),
  });

  /** The referrals on the agenda of the panel on `date`: exactly those whose panelFor is that date. */
  async function agendaOn(trx: Db, date: string, ctx: Context): Promise<AgendaItem[]> {
    const schedule = scheduleOf(ctx.settings);
    const previous = previousPanel(date, schedule, ctx.calendar);
    // Only referrals sent between the previous panel's cut-off and this one's can go to it.
    const since = previous
      ? panelCutOff(previous, ctx.calendar)
      : new Date(Date.parse(`${date}T00:00:00Z`) - 366 * DAY_MS);
    const rows = await sentReferrals(trx, since, panelCutOff(date, ctx.calendar));
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
      const sent = await db
        .selectFrom('referrals')
        .select(['status', 'submitted_at'])
        .where('status', '!=', 'draft')
        .where('submitted_at', '>', new Date(ctx.now.getTime() - HISTORY_DAYS * DAY_MS))
        .execute();
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
