// Team Around the Family review meetings [Havering SEMH Team proposal: every 4 to 6 weeks; Southend
// Early Help Family Support service document (2016): reviewed on a six-weekly basis; Portsmouth
// early help assessment, plan, review and closure guidance, §2.8, §3.2: review at least every 6
// weeks, each review sets the next date, time and venue, and ends with a next step: continue,
// close, or ask for statutory support through the MASH]. Pure functions.
import { addDays } from 'date-fns/addDays';
import { addWeeks } from 'date-fns/addWeeks';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { ASPECTS, type AspectCode, type AspectScores, SCORE_MAX } from '../rules.ts';
import { formatIsoDate } from '../../platform/date-input.ts';

const iso = (date: Date) => formatISO(date, { representation: 'date' });

/** The next steps a review can decide [§3.2 H; Southend Early Help Family Support service document (2016): step up or down between levels of support]. */
export const DECISIONS = [
  { value: 'continue', text: 'Continue with this support', hint: 'A new action plan is agreed at this meeting.' },
  { value: 'step-down', text: 'Step down to universal or targeted support' },
  {
    value: 'step-up',
    text: 'Step up to statutory services through the MASH',
    hint: 'In the light of significant new information.',
  },
  {
    value: 'propose-closure',
    text: 'Propose closure',
    hint: 'Things are going well again, consent was withdrawn or the family moved away. You give the reason on the closure page.',
  },
] as const;
export type Decision = (typeof DECISIONS)[number]['value'];
export const DECISION_VALUES = DECISIONS.map((decision) => decision.value) as [Decision, ...Decision[]];

export const STEP_DOWN_TO = [
  { value: 'universal', text: 'Universal support' },
  { value: 'targeted', text: 'Targeted support' },
] as const;
export type StepDownTo = (typeof STEP_DOWN_TO)[number]['value'];

/** How a meeting's decision reads in lists: 'Step down to targeted support'. */
export function decisionText(decision: string, detail: string | null): string {
  if (decision === 'continue') return 'Continue';
  if (decision === 'step-down') return `Step down to ${detail === 'universal' ? 'universal' : 'targeted'} support`;
  if (decision === 'step-up') return `Stepped up through the MASH${detail ? `: ${detail}` : ''}`;
  if (decision === 'propose-closure') return 'Closure proposed';
  return decision;
}

/** A next meeting is needed unless the family is stepped up to statutory services or closure is proposed. */
export function needsNextMeeting(decision: Decision): boolean {
  return decision === 'continue' || decision === 'step-down';
}

/** The latest date the next meeting may be set for: `weeks` after this one [Portsmouth early help assessment, plan, review and closure guidance, §2.8: at least every 6 weeks]. */
export function latestNextMeeting(heldOn: string, weeks: number): string {
  return iso(addWeeks(parseISO(heldOn), weeks));
}

export interface HeldOnContext {
  today: string;
  allocatedOn: string;
  /** The date of the last meeting recorded, if any. */
  lastMeetingOn: string | null;
}

/** Why the date a meeting was held cannot be accepted, or undefined. */
export function checkHeldOn(heldOn: string, context: HeldOnContext): string | undefined {
  if (heldOn > context.today) return 'The date the meeting was held must be today or in the past';
  if (heldOn < context.allocatedOn)
    return `The date the meeting was held must be on or after ${formatIsoDate(context.allocatedOn)}, when the case was allocated`;
  if (context.lastMeetingOn && heldOn <= context.lastMeetingOn)
    return `The date the meeting was held must be after the last meeting, on ${formatIsoDate(context.lastMeetingOn)}`;
  return undefined;
}

/** Why the next meeting's date cannot be accepted, or undefined: after this meeting and at most `weeks` later. */
export function checkNextMeetingOn(nextOn: string, heldOn: string, weeks: number): string | undefined {
  if (nextOn <= heldOn) return 'The next meeting must be after the date this meeting was held';
  const latest = latestNextMeeting(heldOn, weeks);
  if (nextOn > latest)
    return `The next meeting must be no more than ${weeks} weeks after this one, so on or before ${formatIsoDate(latest)}`;
  return undefined;
}

/** Why the date the family was stepped up cannot be accepted, or undefined. */
export function checkSteppedUpOn(date: string, context: { today: string; allocatedOn: string }): string | undefined {
  if (date > context.today) return 'The date the request went to the MASH must be today or in the past';
  if (date < context.allocatedOn)
    return `The date the request went to the MASH must be on or after ${formatIsoDate(context.allocatedOn)}, when the case was allocated`;
  return undefined;
}

export interface DecisionInput {
  decision: Decision;
  stepDownTo?: StepDownTo;
  steppedUpOn?: string;
  steppedUpTo?: string;
  nextMeetingOn?: string;
  nextMeetingTime?: string;
  nextMeetingVenue?: string;
}

export interface Problem {
  field: string;
  message: string;
}

/** What each decision needs: where the family stepped down to; the date and where a step up went; and, unless stepping up or closing, the next meeting. */
export function decisionProblems(input: DecisionInput): Problem[] {
  const problems: Problem[] = [];
  if (input.decision === 'step-down' && !input.stepDownTo)
    problems.push({
      field: 'stepDownTo',
      message: 'Select whether the family steps down to universal or targeted support',
    });
  if (input.decision === 'step-up') {
    if (!input.steppedUpOn)
      problems.push({ field: 'steppedUpOn', message: 'Enter the date the request went to the MASH' });
    if (!input.steppedUpTo)
      problems.push({ field: 'steppedUpTo', message: 'Enter where the request went, such as children’s social care' });
  }
  if (needsNextMeeting(input.decision)) {
    if (!input.nextMeetingOn) problems.push({ field: 'nextMeetingOn', message: 'Enter the date of the next meeting' });
    if (!input.nextMeetingTime)
      problems.push({ field: 'nextMeetingTime', message: 'Enter the time of the next meeting' });
    if (!input.nextMeetingVenue)
      problems.push({ field: 'nextMeetingVenue', message: 'Enter where the next meeting will be' });
  }
  return problems;
}

/** A time as typed ('2pm', '14:30', '9.15am') in 24-hour 'HH:MM', or undefined if it is not a time. */
export function normaliseTime(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minute > 59) return undefined;
  if (half) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  } else if (hour > 23 || match[2] === undefined) {
    return undefined;
  }
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

export type NextMeeting =
  | { state: 'none' }
  | { state: 'due'; due: string; daysLeft: number; first: boolean }
  | { state: 'overdue'; due: string; daysLate: number; first: boolean };

/**
 * When the next meeting is due: the date set at the last meeting; before any meeting, `weeks`
 * after allocation. None once a meeting set no next date (stepped up, closure proposed) or the
 * case is closed. Overdue from the day after.
 */
export function nextMeetingDue(input: {
  nextMeetingDue: string | null;
  allocatedOn: string;
  meetingsHeld: number;
  weeks: number;
  today: string;
  closed: boolean;
}): NextMeeting {
  if (input.closed) return { state: 'none' };
  const first = input.meetingsHeld === 0 && !input.nextMeetingDue;
  const due = input.nextMeetingDue ?? (first ? latestNextMeeting(input.allocatedOn, input.weeks) : undefined);
  if (!due) return { state: 'none' };
  const days = differenceInCalendarDays(parseISO(due), parseISO(input.today));
  return days < 0 ? { state: 'overdue', due, daysLate: -days, first } : { state: 'due', due, daysLeft: days, first };
}

export interface DistanceRow {
  code: AspectCode;
  label: string;
  first: number | null;
  latest: number | null;
  firstNotApplicable: boolean;
  latestNotApplicable: boolean;
  /** Latest minus first, when both are scored. */
  change: number | null;
}

export interface Distance {
  rows: DistanceRow[];
  better: number;
  same: number;
  worse: number;
}

function scoreOf(scores: AspectScores, code: AspectCode): { score: number | null; notApplicable: boolean } {
  const entry = scores[code];
  const score = typeof entry?.score === 'number' && Number.isFinite(entry.score) ? entry.score : null;
  return { score, notApplicable: score === null && Boolean(entry?.notApplicableReason) };
}

/**
 * Distance travelled [Portsmouth early help assessment, plan, review and closure guidance, §5.6: the 0–10 aspect scores over time are the family's measure
 * of progress]: for each of the ten aspects the first score, the latest and the change.
 */
export function distanceTravelled(first: AspectScores, latest: AspectScores): Distance {
  const rows = ASPECTS.map(({ code, label }) => {
    const a = scoreOf(first, code);
    const b = scoreOf(latest, code);
    const change = a.score !== null && b.score !== null ? b.score - a.score : null;
    return {
      code,
      label,
      first: a.score,
      latest: b.score,
      firstNotApplicable: a.notApplicable,
      latestNotApplicable: b.notApplicable,
      change,
    };
  });
  const compared = rows.filter((row) => row.change !== null);
  return {
    rows,
    better: compared.filter((row) => row.change! > 0).length,
    same: compared.filter((row) => row.change === 0).length,
    worse: compared.filter((row) => row.change! < 0).length,
  };
}

/** Whether any aspect has a score: an assessment not yet scored is no starting point. */
export function hasScores(scores: AspectScores | null | undefined): boolean {
  return Boolean(scores) && ASPECTS.some(({ code }) => typeof scores?.[code]?.score === 'number');
}

/** A date `days` after an ISO date. */
export function plusDays(date: string, days: number): string {
  return iso(addDays(parseISO(date), days));
}

// The distance-travelled chart's geometry: for each aspect a pair of horizontal bars on a 0–10
// scale, the first score above the latest. The page draws it as an inline SVG beside a table
// holding the same figures, so nothing is only in the picture.
const LABEL_WIDTH = 240;
const SCALE_WIDTH = 200;
const VALUE_WIDTH = 80;
const TOP = 42;
const BAR = 14;
const GAP = 3;
const ROW = BAR * 2 + GAP + 19;

export interface ChartBar {
  y: number;
  width: number;
  text: string;
  textX: number;
}

export interface DistanceChart {
  width: number;
  height: number;
  scaleX: number;
  /** Each bar's height. */
  bar: number;
  ticks: { x: number; label: string }[];
  rows: { label: string; labelY: number; first: ChartBar; latest: ChartBar }[];
}

function bar(score: number | null, notApplicable: boolean, y: number): ChartBar {
  const width = score === null ? 0 : (score / SCORE_MAX) * SCALE_WIDTH;
  return {
    y,
    width,
    text: score === null ? (notApplicable ? 'N/A' : 'Not scored') : String(score),
    textX: LABEL_WIDTH + width + 6,
  };
}

export function distanceChart(distance: Distance): DistanceChart {
  return {
    width: LABEL_WIDTH + SCALE_WIDTH + VALUE_WIDTH,
    height: TOP + distance.rows.length * ROW,
    scaleX: LABEL_WIDTH,
    bar: BAR,
    ticks: [0, 5, 10].map((value) => ({ x: LABEL_WIDTH + (value / SCORE_MAX) * SCALE_WIDTH, label: String(value) })),
    rows: distance.rows.map((row, index) => {
      const y = TOP + index * ROW;
      return {
        label: row.label,
        labelY: y + BAR + GAP / 2 + 4,
        first: bar(row.first, row.firstNotApplicable, y),
        latest: bar(row.latest, row.latestNotApplicable, y + BAR + GAP),
      };
    }),
  };
}
