/**
 * When the triage panel meets, and which panel a referral goes to. Pure functions over the
 * service's calendar (term dates and bank holidays are data, never hard-coded here).
 *
 * Seed 001: referrals 'are triaged each Friday during term time' (weekly). Seed 000: they 'are
 * triaged fortnightly on a Friday' (fortnightly). The settings `triage-frequency` and
 * `triage-day` give the schedule.
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
  type Calendar,
} from '../platform/calendar/calendar.ts';
import { atLondonTime, londonDate } from '../platform/london-time.ts';

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
  const year = Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 8 ? 1 : 0);
  return nextTermDay(`${year}-07-31`, weekday, calendar);
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
