/**
 * The front door's report: timeliness per month against the clocks of the Southend Early Help
 * Family Support service document (2016) (every request acknowledged within 24 hours, the
 * referrer told the outcome within 48 hours), and referrals by school, presenting need, outcome
 * and level of need.
 *
 * The counting is pure, typed functions over rows; the clocks are the queue's own
 * (acknowledgementDueBy, outcomeDueBy, clockStatus) with the same settings and calendar, so the
 * report agrees with the queue. Aggregates only: the query reads no child's details.
 */
import { csvText } from '../../platform/csv-export.ts';
import type { Calendar } from '../../platform/calendar/calendar.ts';
import { londonDate } from '../../platform/london-time.ts';
import { OUTCOMES } from '../../referrals/outcomes/rules.ts';
import {
  PRESENTING_NEEDS,
  acknowledgementDueBy,
  clockStatus,
  needLabel,
  outcomeDueBy,
  type ClockRules,
} from '../../referrals/rules.ts';
import { LEVELS_OF_NEED } from '../../triage/rules.ts';
import { countBy, monthLabel, percentage, wholePercent, type ReportYear } from '../rules.ts';

/** One sent referral, as the report needs it: no names, no answers but the needs' codes. */
export interface ReportReferral {
  submittedAt: Date;
  acknowledgedAt: Date | null;
  outcomeAt: Date | null;
  outcome: string | null;
  levelOfNeed: number | null;
  schoolUrn: number;
  schoolName: string;
  needs: readonly string[];
}

export interface Timeliness {
  /** 'YYYY-MM', or 'total' for the year. */
  month: string;
  label: string;
  sent: number;
  acknowledgedInTime: number;
  /** Referrals whose acknowledgement clock has finished (done, or past its deadline). */
  acknowledgementCounted: number;
  outcomeInTime: number;
  /** Referrals whose outcome clock has finished: told, or past the deadline without an outcome. */
  outcomeCounted: number;
  /** No outcome yet and still inside the outcome clock: left out of the outcome percentage. */
  stillWaiting: number;
}

const emptyTimeliness = (month: string, label: string): Timeliness => ({
  month,
  label,
  sent: 0,
  acknowledgedInTime: 0,
  acknowledgementCounted: 0,
  outcomeInTime: 0,
  outcomeCounted: 0,
  stillWaiting: 0,
});

/**
 * Timeliness by the London month each referral was sent, against the Southend document's clocks as the queue
 * counts them. Done exactly at the deadline is on time; a clock still running ('due') counts
 * as neither on time nor late, so a referral inside its 48 hours without an outcome is left
 * out of the outcome percentage and counted as still waiting. `months` lists months to show
 * even with no referrals; a referral in another month still gets its own row.
 */
export function timelinessByMonth(
  rows: readonly ReportReferral[],
  rules: ClockRules,
  calendar: Calendar,
  now: Date,
  months: readonly string[] = [],
): Timeliness[] {
  const byMonth = new Map(months.map((month) => [month, emptyTimeliness(month, monthLabel(month))]));
  for (const row of rows) {
    const month = londonDate(row.submittedAt).slice(0, 7);
    const entry = byMonth.get(month) ?? emptyTimeliness(month, monthLabel(month));
    byMonth.set(month, entry);
    entry.sent++;
    const acknowledgement = clockStatus(acknowledgementDueBy(row.submittedAt, rules), row.acknowledgedAt, now).state;
    if (acknowledgement !== 'due') entry.acknowledgementCounted++;
    if (acknowledgement === 'met') entry.acknowledgedInTime++;
    const outcome = clockStatus(outcomeDueBy(row.submittedAt, rules, calendar), row.outcomeAt, now).state;
    if (outcome === 'due') entry.stillWaiting++;
    else entry.outcomeCounted++;
    if (outcome === 'met') entry.outcomeInTime++;
  }
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}

/** The months added up, for the year's total row. */
export function totalTimeliness(months: readonly Timeliness[], label: string): Timeliness {
  const total = emptyTimeliness('total', label);
  for (const month of months) {
    for (const key of [
      'sent',
      'acknowledgedInTime',
      'acknowledgementCounted',
      'outcomeInTime',
      'outcomeCounted',
      'stillWaiting',
    ] as const)
      total[key] += month[key];
  }
  return total;
}

export interface CountRow {
  label: string;
  count: number;
  /** Of all the referrals in the year. */
  share: string;
}

/** Rows for the listed categories in their order (zeros included), then any others found in the data. */
function rowsFor(
  counts: Map<string, number>,
  categories: readonly { key: string; label: string }[],
  total: number,
  otherLabel: (key: string) => string,
): CountRow[] {
  const known = new Set(categories.map((c) => c.key));
  const others = [...counts.keys()].filter((key) => !known.has(key)).map((key) => ({ key, label: otherLabel(key) }));
  return [...categories, ...others].map(({ key, label }) => ({
    label,
    count: counts.get(key) ?? 0,
    share: percentage(counts.get(key) ?? 0, total),
  }));
}

export interface SchoolRow extends CountRow {
  intensive: number;
}

/** Referrals sent by each school, and how many were accepted for intensive support; most first. */
export function referralsBySchool(rows: readonly ReportReferral[]): SchoolRow[] {
  const key = (row: ReportReferral) => String(row.schoolUrn);
  const sent = countBy(rows, key);
  const intensive = countBy(
    rows.filter((row) => row.outcome === 'intensive'),
    key,
  );
  const names = new Map(rows.map((row) => [key(row), row.schoolName]));
  return [...sent]
    .map(([urn, count]) => ({
      label: names.get(urn) ?? urn,
      count,
      intensive: intensive.get(urn) ?? 0,
      share: percentage(count, rows.length),
    }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** Referrals with each presenting need: a referral counts under each of its needs. Most first. */
export function referralsByNeed(rows: readonly ReportReferral[]): CountRow[] {
  const needs = PRESENTING_NEEDS.map((need) => ({ key: need.code, label: need.label }));
  return rowsFor(
    countBy(rows, (row) => row.needs),
    needs,
    rows.length,
    needLabel,
  )
    .filter((row) => row.count > 0)
    .sort((a, b) => b.count - a.count);
}

export const WAITING = 'Waiting';

/** Referrals by outcome (the Southend document's four, and not accepted), and those still waiting for one. */
export function referralsByOutcome(rows: readonly ReportReferral[]): CountRow[] {
  const outcomes = [
    ...OUTCOMES.map((o) => ({ key: o.code as string, label: o.label })),
    { key: 'waiting', label: WAITING },
  ];
  return rowsFor(
    countBy(rows, (row) => row.outcome ?? 'waiting'),
    outcomes,
    rows.length,
    (key) => key,
  );
}

export const NO_LEVEL = 'No level recorded (waiting or not accepted)';

/** Referrals by level of need 1 to 4 (the Southend document), and those with none recorded. */
export function referralsByLevel(rows: readonly ReportReferral[]): CountRow[] {
  const levels = [
    ...LEVELS_OF_NEED.map((l) => ({ key: String(l.level), label: `Level ${l.level}: ${l.name.toLowerCase()}` })),
    { key: 'none', label: NO_LEVEL },
  ];
  return rowsFor(
    countBy(rows, (row) => (row.levelOfNeed === null ? 'none' : String(row.levelOfNeed))),
    levels,
    rows.length,
    (key) => `Level ${key}`,
  );
}

/** How the clocks read in headings: 'within 24 hours', 'within 2 working days'. */
export function clockLabels(rules: ClockRules) {
  const hours = (n: number) => `${n} ${n === 1 ? 'hour' : 'hours'}`;
  const days = Math.ceil(rules.outcomeWithinHours / 24);
  return {
    acknowledgement: `within ${hours(rules.acknowledgeWithinHours)}`,
    outcome: `within ${rules.outcomeClock === 'hours' ? hours(rules.outcomeWithinHours) : `${days} working ${days === 1 ? 'day' : 'days'}`}`,
  };
}

/** The whole report for one school year; months after `now` are left off. */
export function frontDoorReport(
  rows: readonly ReportReferral[],
  rules: ClockRules,
  calendar: Calendar,
  now: Date,
  year: ReportYear,
) {
  const thisMonth = londonDate(now).slice(0, 7);
  const months = timelinessByMonth(
    rows,
    rules,
    calendar,
    now,
    year.months.filter((month) => month <= thisMonth),
  );
  const withShares = (row: Timeliness) => ({
    ...row,
    acknowledgedShare: percentage(row.acknowledgedInTime, row.acknowledgementCounted),
    outcomeShare: percentage(row.outcomeInTime, row.outcomeCounted),
  });
  return {
    year,
    total: rows.length,
    labels: clockLabels(rules),
    timeliness: months.map(withShares),
    yearTotal: withShares(totalTimeliness(months, `Total for ${year.label}`)),
    bySchool: referralsBySchool(rows),
    byNeed: referralsByNeed(rows),
    byOutcome: referralsByOutcome(rows),
    byLevel: referralsByLevel(rows),
  };
}

export type FrontDoorReport = ReturnType<typeof frontDoorReport>;

/** The monthly timeliness table as CSV: counts, and percentages as whole numbers (blank when nothing to divide by). */
export function timelinessCsv(report: FrontDoorReport): string {
  const { acknowledgement, outcome } = report.labels;
  const percent = (count: number, of: number) => wholePercent(count, of) ?? '';
  return csvText(
    [
      [
        'Month',
        'Referrals sent',
        `Acknowledged ${acknowledgement}`,
        `Acknowledged ${acknowledgement} (%)`,
        `Outcome told ${outcome}`,
        `Outcome told ${outcome} (%)`,
        'Still waiting (no outcome, not yet overdue)',
      ],
      ...[...report.timeliness, report.yearTotal].map((row) => [
        row.label,
        row.sent,
        row.acknowledgedInTime,
        percent(row.acknowledgedInTime, row.acknowledgementCounted),
        row.outcomeInTime,
        percent(row.outcomeInTime, row.outcomeCounted),
        row.stillWaiting,
      ]),
    ],
    { windowsLineEndings: true },
  );
}
