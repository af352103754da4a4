/**
 * The front door's report (issue 4): timeliness per month against the clocks of seed 003 (every
 * request acknowledged within 24 hours, the referrer told the outcome within 48 hours), and
 * referrals by school, presenting need, outcome and level of need.
 *
 * The counting is pure, typed functions over rows; the clocks are the queue's own
 * (acknowledgementDueBy, outcomeDueBy, clockStatus) with the same settings and calendar, so the
 * report agrees with the queue. Aggregates only: the query reads no child's details.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../platform/clock.ts';
import type { Database } from '../db/schema.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { checkedValues } from '../platform/checkboxes.ts';
import { csvText } from '../platform/csv-export.ts';
import type { Calendar } from '../platform/calendar/calendar.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import { PRESENTING_NEEDS, needLabel } from '../referrals/needs.ts';
import {
  OUTCOMES,
  acknowledgementDueBy,
  atLondonTime,
  clockStatus,
  londonDate,
  outcomeDueBy,
  type ClockRules,
} from '../referrals/rules.ts';
import { clockRules } from '../referrals/service.ts';
import { schoolName } from '../schools/service.ts';
import { LEVELS_OF_NEED } from '../triage/levels.ts';

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

// ---- Academic years: September to August, in London ------------------------------------------

export interface AcademicYear {
  /** The calendar year it starts in: 2026 is '2026 to 2027'. */
  start: number;
  label: string;
  from: Date;
  until: Date;
  /** 'YYYY-MM', September to August. */
  months: string[];
}

/** The academic year (September to August) an ISO date falls in, by the year it starts. */
export function academicYearStarting(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

export function academicYear(start: number): AcademicYear {
  const months = Array.from({ length: 12 }, (_, i) => {
    const month = ((8 + i) % 12) + 1;
    return `${month >= 9 ? start : start + 1}-${String(month).padStart(2, '0')}`;
  });
  return {
    start,
    label: `${start} to ${start + 1}`,
    from: atLondonTime(`${start}-09-01`, '00:00'),
    until: atLondonTime(`${start + 1}-09-01`, '00:00'),
    months,
  };
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** 'September 2026' for '2026-09'. */
export function monthLabel(month: string): string {
  return monthFormat.format(new Date(`${month}-15T12:00:00Z`));
}

// ---- Counting ------------------------------------------------------------------------------

/** A whole-number percentage; null when there is nothing to divide by. */
export function wholePercent(count: number, of: number): number | null {
  return of === 0 ? null : Math.round((count / of) * 100);
}

/** A whole-number percentage to show, '96%'; '–' when there is nothing to divide by. */
export function percentage(count: number, of: number): string {
  const percent = wholePercent(count, of);
  return percent === null ? '–' : `${percent}%`;
}

/** How many rows have each key. A row with several keys (a referral's needs) counts once under each. */
export function countBy<T>(rows: readonly T[], keysOf: (row: T) => string | readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    const keys = keysOf(row);
    for (const key of new Set(typeof keys === 'string' ? [keys] : keys)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
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
 * Timeliness by the London month each referral was sent, against seed 003's clocks as the queue
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

/** Referrals by outcome (seed 003's four, and not accepted), and those still waiting for one. */
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

/** Referrals by level of need 1 to 4 (seed 003), and those with none recorded. */
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

/** The whole report for one academic year; months after `now` are left off. */
export function frontDoorReport(
  rows: readonly ReportReferral[],
  rules: ClockRules,
  calendar: Calendar,
  now: Date,
  year: AcademicYear,
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

// ---- Data ----------------------------------------------------------------------------------

type DbOrTrx = Kysely<Database> | Transaction<Database>;

/** Referrals sent in the year, with only what the report counts (the needs' codes, not the answers). */
async function referralsSent(db: DbOrTrx, year: AcademicYear): Promise<ReportReferral[]> {
  const rows = await db
    .selectFrom('referrals')
    .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
    .select([
      'referrals.submitted_at',
      'referrals.acknowledged_at',
      'referrals.outcome_at',
      'referrals.outcome',
      'referrals.level_of_need',
      'schools.urn',
      'schools.name',
    ])
    .select(sql<unknown>`referrals.answers #> '{pages,needs,needs}'`.as('needs'))
    .where('referrals.status', '!=', 'draft')
    .where('referrals.submitted_at', '>=', year.from)
    .where('referrals.submitted_at', '<', year.until)
    .$narrowType<{ submitted_at: Date }>()
    .execute();
  return rows.map((row) => ({
    submittedAt: row.submitted_at,
    acknowledgedAt: row.acknowledged_at,
    outcomeAt: row.outcome_at,
    outcome: row.outcome,
    levelOfNeed: row.level_of_need,
    schoolUrn: row.urn,
    schoolName: schoolName(row),
    needs: checkedValues(row.needs),
  }));
}

/** The academic years to choose from: from the first referral's to the current one, newest first. */
async function yearsToChoose(db: DbOrTrx, current: number, chosen: number): Promise<number[]> {
  const first = await db
    .selectFrom('referrals')
    .select((eb) => eb.fn.min('submitted_at').as('first'))
    .where('status', '!=', 'draft')
    .executeTakeFirst();
  const earliest = first?.first ? academicYearStarting(londonDate(new Date(first.first))) : current;
  const years = new Set([chosen]);
  for (let year = Math.min(earliest, current); year <= current; year++) years.add(year);
  return [...years].sort((a, b) => b - a);
}

export function frontDoorReportService(db: Db, clock: Clock) {
  /** Settings, calendar and referrals read in one transaction, so the figures are of one moment. */
  async function build(trx: Transaction<Database>, start: number | undefined, now: Date) {
    const current = academicYearStarting(londonDate(now));
    const year = academicYear(start ?? current);
    const rules = await clockRules(trx);
    const calendar = await loadCalendar(trx);
    const report = frontDoorReport(await referralsSent(trx, year), rules, calendar, now, year);
    return { report, years: await yearsToChoose(trx, current, year.start) };
  }

  return {
    /** The report for the academic year starting in September of `start` (default: the current one). */
    report(start?: number) {
      return db.transaction().execute((trx) => build(trx, start, clock.now()));
    },

    /** The monthly timeliness table as CSV; the export is audited (figures only, no personal data). */
    exportTimeliness(actor: Actor, start?: number) {
      return db.transaction().execute(async (trx) => {
        const { report } = await build(trx, start, clock.now());
        await audit(trx, actor, {
          action: 'export',
          recordType: 'report',
          recordId: 'front-door',
          details: { table: 'timeliness by month', academicYear: report.year.label },
        });
        return { year: report.year, csv: timelinessCsv(report) };
      });
    },
  };
}

export type FrontDoorReportService = ReturnType<typeof frontDoorReportService>;
