/**
 * When the triage panel meets, which panel a referral goes to, and what its agenda and minutes
 * show. Pure functions over the service's calendar (term dates and bank holidays are data, never
 * hard-coded here).
 *
 * Havering schools forum report 2024-25: referrals 'are triaged each Friday during term time'
 * (weekly). Havering SEMH Team proposal: they 'are triaged fortnightly on a Friday'
 * (fortnightly). The settings `triage-frequency` and `triage-day` give the schedule.
 *
 * The fortnightly rhythm, precisely:
 * - Panel slots fall every 14 days from an anchor. With `anchor` set (a known panel date), the
 *   slots run from it in both directions, for ever. Without one, each school year (1 August to
 *   31 July) has its own anchor: its first term-time panel weekday. So the default rhythm
 *   starts again on the first panel day of every school year.
 * - A slot in term time is a panel. A slot that falls in a holiday, half term or on a bank
 *   holiday moves to the next term-time panel weekday (the first one back), so nobody waits an
 *   extra fortnight. If that day is itself a slot, the two are one panel.
 * - Moving a slot never moves later ones: the panel after a moved one is the next slot, even
 *   when that is only a week later. The rhythm for later weeks is kept.
 */
import {
  addCalendarDays,
  addWorkingDays,
  assertIsoDate,
  dayOfWeek,
  isTermTime,
  nextTermDay,
  toWeekdayNumber,
  WEEKDAY_NAMES,
  type Calendar,
} from '../../platform/calendar/calendar.ts';
import { csvText, type CsvCell } from '../../platform/csv-export.ts';
import { atLondonTime, londonDate, toLondonWall } from '../../platform/london-time.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { parseAnswers, type ChildAnswers, type DraftAnswers } from '../../referrals/forms.ts';
import { isOutcome, STATUS_LABELS, type ReferralStatus } from '../../referrals/outcomes/rules.ts';
import { needLabel } from '../../referrals/rules.ts';
import { schoolName } from '../../schools/service.ts';
import { assess, levelOfNeed, suggestedLevel, type Context } from '../rules.ts';

export interface PanelSchedule {
  frequency: 'weekly' | 'fortnightly';
  /** 0 (Sunday) to 6 (Saturday), or a day name such as 'friday'. */
  weekday: number | string;
  /** A known panel date (ISO) that sets the fortnightly rhythm; see the notes above. */
  anchor?: string;
}

/** Referrals received by `time` (London, 'HH:MM'), `daysBefore` working days before a panel go to it. */
export interface PanelCutOff {
  daysBefore: number;
  time: string;
}

export const DEFAULT_CUT_OFF: PanelCutOff = { daysBefore: 1, time: '12:00' };

const DAY_MS = 86_400_000;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The first term-time panel weekday on or after `date`. */
function firstPanelWeekdayFrom(date: string, weekday: number, calendar: Calendar): string | undefined {
  return nextTermDay(addCalendarDays(date, -1), weekday, calendar);
}

/** The fortnightly anchor: the one given, or the first term-time panel weekday of the school year. */
function anchorFor(date: string, schedule: PanelSchedule, weekday: number, calendar: Calendar): string | undefined {
  if (schedule.anchor) {
    if (dayOfWeek(assertIsoDate(schedule.anchor)) !== weekday) {
      throw new Error(`Invalid panel anchor "${schedule.anchor}": it is not on the panel’s weekday`);
    }
    return schedule.anchor;
  }
  return nextTermDay(addCalendarDays(schoolYearOf(date).from, -1), weekday, calendar);
}

/** Whether the panel meets on `date` (see the fortnightly rhythm above). */
export function isPanelDay(date: string, schedule: PanelSchedule, calendar: Calendar): boolean {
  const weekday = toWeekdayNumber(schedule.weekday);
  if (dayOfWeek(date) !== weekday || !isTermTime(date, calendar)) return false;
  if (schedule.frequency === 'weekly') return true;
  const anchor = anchorFor(date, schedule, weekday, calendar);
  if (!anchor) return false;
  const lastSlot = addCalendarDays(anchor, Math.floor(daysBetween(anchor, date) / 14) * 14);
  return firstPanelWeekdayFrom(lastSlot, weekday, calendar) === date;
}

/**
 * The next panel strictly after `after` (an ISO date), in term time only, or undefined when
 * the calendar's term dates run out.
 */
export function nextPanelDate(after: string, schedule: PanelSchedule, calendar: Calendar): string | undefined {
  const weekday = toWeekdayNumber(schedule.weekday);
  let day = nextTermDay(after, weekday, calendar);
  while (day && !isPanelDay(day, schedule, calendar)) day = nextTermDay(day, weekday, calendar);
  return day;
}

/** The next `count` panels strictly after `after`, fewer if the term dates run out. */
export function upcomingPanels(after: string, count: number, schedule: PanelSchedule, calendar: Calendar): string[] {
  const panels: string[] = [];
  for (let day = nextPanelDate(after, schedule, calendar); day && panels.length < count;) {
    panels.push(day);
    day = nextPanelDate(day, schedule, calendar);
  }
  return panels;
}

/** The last moment a referral can arrive and still go to the panel on `panelDate`. */
export function panelCutOff(panelDate: string, calendar: Calendar, cutOff: PanelCutOff = DEFAULT_CUT_OFF): Date {
  return atLondonTime(addWorkingDays(panelDate, -cutOff.daysBefore, calendar), cutOff.time);
}

/**
 * The panel a referral goes to: referrals received by the cut-off (by default noon, London
 * time, the working day before) go to the next panel; later ones go to the one after.
 */
export function panelFor(
  submittedAt: Date,
  schedule: PanelSchedule,
  calendar: Calendar,
  cutOff: PanelCutOff = DEFAULT_CUT_OFF,
): string | undefined {
  let panel = nextPanelDate(addCalendarDays(londonDate(submittedAt), -1), schedule, calendar);
  while (panel && submittedAt.getTime() > panelCutOff(panel, calendar, cutOff).getTime()) {
    panel = nextPanelDate(panel, schedule, calendar);
  }
  return panel;
}

// ---- Agendas and minutes -------------------------------------------------------------------------

export const UPCOMING_PANELS = 6;
export const PAST_PANELS = 6;

export type MinutesFormat = 'csv' | 'xlsx';

export interface PanelSummary {
  date: string;
  referrals: number;
  decided: number;
}

/** 'Every Friday in term time' (weekly) or 'Every other Friday in term time' (fortnightly). */
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
export function previousPanel(date: string, schedule: PanelSchedule, calendar: Calendar): string | undefined {
  for (let weeks = 1; weeks <= 53; weeks++) {
    const day = addCalendarDays(date, -7 * weeks);
    if (isPanelDay(day, schedule, calendar)) return day;
  }
  return undefined;
}

/** A sent referral as the agenda reads it (panels/repository.ts). */
export interface AgendaRow {
  id: number;
  reference: string | null;
  status: string;
  answers: unknown;
  submitted_at: Date | null;
  acknowledged_at: Date | null;
  outcome_at: Date | null;
  level_of_need: number | null;
  outcome_reason: string | null;
  urn: number;
  school_name: string | null;
  decisions: (string | null)[] | null;
  decided_by_name: string | null;
}

/** One referral as the panel sees it: the triage assessment, the child's details and the decision. */
export function agendaItem(row: AgendaRow, ctx: Context) {
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

export interface MinutesRow {
  reference: string;
  school: string;
  initials: string;
  yearGroup: string;
  needs: string;
  level: number | null;
  outcome: string;
  reason: string;
  decidedBy: string;
  decidedAt: Date | null;
}

/** The minutes' columns, in order, with their headings. */
export const MINUTES_COLUMNS: readonly { key: keyof MinutesRow; header: string; width: number }[] = [
  { key: 'reference', header: 'Reference', width: 16 },
  { key: 'school', header: 'School', width: 32 },
  { key: 'initials', header: 'Child’s initials', width: 10 },
  { key: 'yearGroup', header: 'Year group', width: 12 },
  { key: 'needs', header: 'Presenting needs', width: 40 },
  { key: 'level', header: 'Level of need', width: 10 },
  { key: 'outcome', header: 'Outcome', width: 30 },
  { key: 'reason', header: 'Reason', width: 60 },
  { key: 'decidedBy', header: 'Decided by', width: 20 },
  { key: 'decidedAt', header: 'Decided at', width: 18 },
];

/** London wall-clock time as if it were UTC: what a spreadsheet should show. */
export const londonWall = (instant: Date) => new Date(toLondonWall(instant));

/** '2026-11-27 14:05', in London time. */
export function formatMinutesTime(instant: Date | null): string {
  return instant ? londonWall(instant).toISOString().slice(0, 16).replace('T', ' ') : '';
}

function csvCell(row: MinutesRow, key: keyof MinutesRow): CsvCell {
  const value = row[key];
  return value instanceof Date ? formatMinutesTime(value) : value;
}

/** The minutes as CSV, with a byte-order mark so Excel reads it as UTF-8. */
export function minutesCsv(rows: readonly MinutesRow[]): string {
  const header = MINUTES_COLUMNS.map((column) => column.header);
  return csvText([header, ...rows.map((row) => MINUTES_COLUMNS.map((column) => csvCell(row, column.key)))], {
    byteOrderMark: true,
    windowsLineEndings: true,
  });
}
