/**
 * The casework report's counting: pure functions over cases as the report reads them (dates as
 * London ISO dates, no names). By month of the school year: cases allocated, closed and open at
 * the month's end; the clocks (Havering SEMH Team proposal: contact and home visit within 5 days
 * of allocation; Southend Early Help Family Support service document (2016): the whole-family
 * assessment within 10 to 15 days; Havering SEMH Team proposal: TAF meetings every 4 to 6
 * weeks); the length of closed cases (Havering SEMH Team proposal: about four months);
 * extensions; the child keeping their school place at closure and at the post-closure review
 * (Havering SEMH Team proposal: 98% of children still in their original placements; RBKC Early
 * Help Family Support: review 3 months after closing). For the year: closure reasons, and the
 * family's average change per aspect (Portsmouth early help assessment, plan, review and closure
 * guidance: distance travelled).
 */
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import { ASPECTS, type AspectScores } from '../../casework/rules.ts';
import { CLOSURE_REASONS, closureReasonLabel } from '../../casework/closure/forms.ts';
import { distanceTravelled, hasScores, latestNextMeeting } from '../../casework/meetings/rules.ts';
import { monthLabel, reportYear, wholePercent } from '../rules.ts';

export interface ReportCase {
  allocatedOn: string;
  /** When the team manager signed off the closure; null while open or closure is proposed. */
  closedOn: string | null;
  status: string;
  contactDue: string;
  firstContactOn: string | null;
  assessmentDue: string;
  assessmentCompletedOn: string | null;
  closureReason: string | null;
  placementKeptAtClosure: boolean | null;
  /** Meetings held, oldest first, with the date each set for the next. */
  meetings: readonly { heldOn: string; nextMeetingOn: string | null }[];
  /** The parent or carer's scores at the assessment, and at the latest meeting that scored them. */
  firstScores: AspectScores | null;
  latestScores: AspectScores | null;
}

export interface ReportExtension {
  requestedOn: string;
  /** The day a manager approved it; null if waiting or declined. */
  approvedOn: string | null;
}

export interface ReportReview {
  reviewedOn: string;
  placementKept: boolean | null;
}

/** How many of those counted met the rule. */
export interface Rate {
  met: number;
  of: number;
}

// ---- Clocks ----------------------------------------------------------------------------------

export type ClockState = 'met' | 'missed' | 'running';

/** A clock done on or before its due date is met; done later, or not done and past due, is missed; otherwise it is still running. */
export function clockState(due: string, doneOn: string | null, today: string): ClockState {
  if (doneOn) return doneOn <= due ? 'met' : 'missed';
  return due < today ? 'missed' : 'running';
}

export interface MeetingDue {
  due: string;
  heldOn: string | null;
}

/**
 * Each Team Around the Family meeting a case was due, with when it was held: the first within
 * `weeks` of allocation, each later one by the date the meeting before set (or `weeks` after it,
 * if it set none). A meeting still expected while the case is open is listed unheld; none is
 * expected once closure is proposed or after a meeting set no next date.
 */
export function meetingsDue(kase: ReportCase, weeks: number): MeetingDue[] {
  const dues: MeetingDue[] = [];
  let due: string | null = latestNextMeeting(kase.allocatedOn, weeks);
  let lastHeld: string | null = null;
  for (const meeting of kase.meetings) {
    dues.push({ due: due ?? latestNextMeeting(lastHeld!, weeks), heldOn: meeting.heldOn });
    due = meeting.nextMeetingOn;
    lastHeld = meeting.heldOn;
  }
  const stillExpected = kase.closedOn === null ? kase.status === 'open' : due !== null && due < kase.closedOn;
  if (due && stillExpected) dues.push({ due, heldOn: null });
  return dues;
}

// ---- Months ----------------------------------------------------------------------------------

export interface CaseworkMonth {
  /** 'YYYY-MM', or 'total' for the year. */
  month: string;
  label: string;
  allocated: number;
  closed: number;
  openAtEnd: number;
  contact: Rate;
  assessment: Rate;
  meetings: Rate;
  /** Days from allocation to closing, added up over the cases closed. */
  closedDays: number;
  extensionsRequested: number;
  extensionsApproved: number;
  placementAtClosure: Rate;
  placementAtReview: Rate;
}

const rate = (): Rate => ({ met: 0, of: 0 });
const emptyMonth = (month: string, label: string): CaseworkMonth => ({
  month,
  label,
  allocated: 0,
  closed: 0,
  openAtEnd: 0,
  contact: rate(),
  assessment: rate(),
  meetings: rate(),
  closedDays: 0,
  extensionsRequested: 0,
  extensionsApproved: 0,
  placementAtClosure: rate(),
  placementAtReview: rate(),
});

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

function countClock(entry: CaseworkMonth | undefined, key: 'contact' | 'assessment' | 'meetings', state: ClockState) {
  if (!entry || state === 'running') return;
  entry[key].of++;
  if (state === 'met') entry[key].met++;
}

function countKept(
  entry: CaseworkMonth | undefined,
  key: 'placementAtClosure' | 'placementAtReview',
  kept: boolean | null,
) {
  if (!entry || kept === null) return;
  entry[key].of++;
  if (kept) entry[key].met++;
}

export function lengthInDays(kase: Pick<ReportCase, 'allocatedOn' | 'closedOn'>): number {
  return differenceInCalendarDays(parseISO(kase.closedOn!), parseISO(kase.allocatedOn));
}

/**
 * The figures for each month listed. Clocks count in the month they were due, once finished (met,
 * or missed); extensions in the month asked for and the month approved; the school place at
 * closure in the month closed, and at the review in the month of the review.
 */
export function caseworkByMonth(input: {
  cases: readonly ReportCase[];
  extensions: readonly ReportExtension[];
  reviews: readonly ReportReview[];
  months: readonly string[];
  weeks: number;
  today: string;
}): CaseworkMonth[] {
  const byMonth = new Map(input.months.map((month) => [month, emptyMonth(month, monthLabel(month))]));
  const at = (date: string | null) => (date ? byMonth.get(date.slice(0, 7)) : undefined);
  for (const kase of input.cases) {
    if (at(kase.allocatedOn)) at(kase.allocatedOn)!.allocated++;
    const closedIn = at(kase.closedOn);
    if (closedIn) {
      closedIn.closed++;
      closedIn.closedDays += lengthInDays(kase);
      countKept(closedIn, 'placementAtClosure', kase.placementKeptAtClosure);
    }
    for (const entry of byMonth.values()) {
      const end = lastDayOf(entry.month);
      if (kase.allocatedOn <= end && (kase.closedOn === null || kase.closedOn > end)) entry.openAtEnd++;
    }
    countClock(at(kase.contactDue), 'contact', clockState(kase.contactDue, kase.firstContactOn, input.today));
    countClock(
      at(kase.assessmentDue),
      'assessment',
      clockState(kase.assessmentDue, kase.assessmentCompletedOn, input.today),
    );
    for (const meeting of meetingsDue(kase, input.weeks))
      countClock(at(meeting.due), 'meetings', clockState(meeting.due, meeting.heldOn, input.today));
  }
  for (const extension of input.extensions) {
    if (at(extension.requestedOn)) at(extension.requestedOn)!.extensionsRequested++;
    if (at(extension.approvedOn)) at(extension.approvedOn)!.extensionsApproved++;
  }
  for (const review of input.reviews) countKept(at(review.reviewedOn), 'placementAtReview', review.placementKept);
  return [...byMonth.values()];
}

/** The months added up for the year; cases open at the end are those at the end of the last month shown. */
export function caseworkTotal(months: readonly CaseworkMonth[], label: string): CaseworkMonth {
  const total = emptyMonth('total', label);
  for (const month of months) {
    for (const key of ['allocated', 'closed', 'closedDays', 'extensionsRequested', 'extensionsApproved'] as const)
      total[key] += month[key];
    for (const key of ['contact', 'assessment', 'meetings', 'placementAtClosure', 'placementAtReview'] as const) {
      total[key].met += month[key].met;
      total[key].of += month[key].of;
    }
  }
  total.openAtEnd = months.at(-1)?.openAtEnd ?? 0;
  return total;
}

// ---- For the year ----------------------------------------------------------------------------

export interface ReasonRow {
  label: string;
  count: number;
}

/** Cases closed by each reason, in the closure form's order (zeros included), then any others. */
export function closureReasons(closed: readonly ReportCase[]): ReasonRow[] {
  const counts = new Map<string, number>();
  for (const kase of closed)
    counts.set(kase.closureReason ?? 'not-recorded', (counts.get(kase.closureReason ?? 'not-recorded') ?? 0) + 1);
  const known = CLOSURE_REASONS.map((reason) => reason.value as string);
  const others = [...counts.keys()].filter((key) => !known.includes(key));
  return [...known, ...others].map((key) => ({
    label: key === 'not-recorded' ? 'Not recorded' : closureReasonLabel(key),
    count: counts.get(key) ?? 0,
  }));
}

export interface AspectChange {
  label: string;
  /** Cases with a score for the aspect at both the assessment and the latest meeting. */
  cases: number;
  first: number | null;
  latest: number | null;
  change: number | null;
  /** '+1.5', '0', '-0.5', or '–'. */
  changeText: string;
}

const oneDecimal = (total: number, count: number) => (count === 0 ? null : Math.round((total / count) * 10) / 10);

/**
 * The family's average change per aspect: for cases scored at both the assessment and a meeting,
 * the parent or carer's first score against their latest, averaged to one decimal place.
 */
export function aspectChanges(cases: readonly ReportCase[]): { compared: number; rows: AspectChange[] } {
  const scored = cases.filter((kase) => hasScores(kase.firstScores) && hasScores(kase.latestScores));
  const distances = scored.map((kase) => distanceTravelled(kase.firstScores!, kase.latestScores!));
  const rows = ASPECTS.map(({ label }, i) => {
    const compared = distances.map((distance) => distance.rows[i]).filter((row) => row.change !== null);
    const sum = (pick: (row: (typeof compared)[number]) => number) =>
      compared.reduce((total, row) => total + pick(row), 0);
    const change = oneDecimal(
      sum((row) => row.change!),
      compared.length,
    );
    return {
      label,
      cases: compared.length,
      first: oneDecimal(
        sum((row) => row.first!),
        compared.length,
      ),
      latest: oneDecimal(
        sum((row) => row.latest!),
        compared.length,
      ),
      change,
      changeText: changeText(change),
    };
  });
  return { compared: scored.length, rows };
}

// ---- Showing figures -------------------------------------------------------------------------

/** '8 of 10 (80%)'; '–' when there was nothing to count. */
export function rateText({ met, of }: Rate): string {
  return of === 0 ? '–' : `${met} of ${of} (${wholePercent(met, of)}%)`;
}

/** The average length of the cases closed, in whole days; null when none closed. */
export function averageDays(month: Pick<CaseworkMonth, 'closed' | 'closedDays'>): number | null {
  return month.closed === 0 ? null : Math.round(month.closedDays / month.closed);
}

/** '+1.5', '0', '-0.5'; '–' with nothing compared. */
export function changeText(change: number | null): string {
  if (change === null) return '–';
  return change > 0 ? `+${change}` : String(change);
}

/** A month's figures with the text to show for each rate and the average length. */
export function shownMonth(month: CaseworkMonth) {
  return {
    ...month,
    averageLength: averageDays(month),
    text: Object.fromEntries(
      (['contact', 'assessment', 'meetings', 'placementAtClosure', 'placementAtReview'] as const).map((key) => [
        key,
        rateText(month[key]),
      ]),
    ) as Record<'contact' | 'assessment' | 'meetings' | 'placementAtClosure' | 'placementAtReview', string>,
  };
}

/** The whole report for the school year starting in `start`, as of `today`; months after today are left off. */
export function caseworkReport(input: {
  start: number;
  cases: readonly ReportCase[];
  extensions: readonly ReportExtension[];
  reviews: readonly ReportReview[];
  weeks: number;
  today: string;
}) {
  const year = reportYear(input.start);
  const { key, label } = year;
  const months = year.months.filter((month) => month <= input.today.slice(0, 7));
  const rows = caseworkByMonth({ ...input, months });
  const inYear = (date: string | null) => date !== null && months.includes(date.slice(0, 7));
  const closed = input.cases.filter((kase) => inYear(kase.closedOn));
  return {
    start: input.start,
    key,
    label,
    hasCases: rows.some((row) => row.allocated > 0 || row.closed > 0 || row.openAtEnd > 0),
    months: rows.map(shownMonth),
    total: shownMonth(caseworkTotal(rows, `Total for ${label}`)),
    closed: closed.length,
    closureReasons: closureReasons(closed).map((row) => ({
      ...row,
      share: rateText({ met: row.count, of: closed.length }),
    })),
    aspects: aspectChanges(input.cases.filter((kase) => inYear(kase.allocatedOn))),
  };
}

export type CaseworkReport = ReturnType<typeof caseworkReport>;

/** The monthly figures as a table for download: counts and whole percentages (blank when nothing to count). */
export function caseworkTable(report: CaseworkReport): { header: string[]; rows: (string | number | null)[][] } {
  const rateCells = (r: Rate) => [r.met, r.of, wholePercent(r.met, r.of)];
  const header = [
    'Month',
    'Cases allocated',
    'Cases closed',
    'Cases open at the end of the month',
    'Contacted within the clock',
    'Contacts due',
    'Contacted within the clock (%)',
    'Assessments on time',
    'Assessments due',
    'Assessments on time (%)',
    'Meetings on time',
    'Meetings due',
    'Meetings on time (%)',
    'Average length of cases closed (days)',
    'Extensions requested',
    'Extensions approved',
    'School place kept at closure',
    'Closures with the school place recorded',
    'School place kept at closure (%)',
    'School place kept at the post-closure review',
    'Post-closure reviews with the school place recorded',
    'School place kept at the post-closure review (%)',
  ];
  const rows = [...report.months, report.total].map((m) => [
    m.label,
    m.allocated,
    m.closed,
    m.openAtEnd,
    ...rateCells(m.contact),
    ...rateCells(m.assessment),
    ...rateCells(m.meetings),
    averageDays(m),
    m.extensionsRequested,
    m.extensionsApproved,
    ...rateCells(m.placementAtClosure),
    ...rateCells(m.placementAtReview),
  ]);
  return { header, rows };
}
