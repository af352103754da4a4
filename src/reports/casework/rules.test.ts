import { describe, expect, it } from 'vitest';
import { ASPECTS, type AspectScores } from '../../casework/rules.ts';
import { reportYearStart } from '../rules.ts';
import {
  aspectChanges,
  averageDays,
  caseworkByMonth,
  caseworkReport,
  caseworkTable,
  caseworkTotal,
  changeText,
  clockState,
  closureReasons,
  lengthInDays,
  meetingsDue,
  rateText,
  type ReportCase,
} from './rules.ts';

/** A case allocated on Monday 7 September 2026 with its clocks from the default settings. */
function kase(overrides: Partial<ReportCase> = {}): ReportCase {
  return {
    allocatedOn: '2026-09-07',
    closedOn: null,
    status: 'open',
    contactDue: '2026-09-14',
    firstContactOn: '2026-09-10',
    assessmentDue: '2026-09-28',
    assessmentCompletedOn: '2026-09-25',
    closureReason: null,
    placementKeptAtClosure: null,
    meetings: [],
    firstScores: null,
    latestScores: null,
    ...overrides,
  };
}

const MONTHS = ['2026-09', '2026-10', '2026-11'];
const TODAY = '2026-11-25';
const byMonth = (cases: ReportCase[], extra: Partial<Parameters<typeof caseworkByMonth>[0]> = {}) =>
  caseworkByMonth({ cases, extensions: [], reviews: [], months: MONTHS, weeks: 6, today: TODAY, ...extra });

describe('choosing the school year', () => {
  it('reads ?year=2026/27 as the year starting in August 2026, and nothing else', () => {
    expect(reportYearStart('2026/27')).toBe(2026);
    expect(reportYearStart('2099/00')).toBeUndefined();
    expect(reportYearStart('2026/28')).toBeUndefined();
    expect(reportYearStart('2026')).toBeUndefined();
    expect(reportYearStart(['2026/27'])).toBeUndefined();
  });
});

describe('the clocks (Havering SEMH Team proposal: contact within 5 days of allocation; Southend Early Help Family Support service document (2016): assessment within 10 to 15 days)', () => {
  it('is met when done on or before the due date, missed when done later or overdue, and running until then', () => {
    expect(clockState('2026-09-14', '2026-09-14', TODAY)).toBe('met');
    expect(clockState('2026-09-14', '2026-09-15', TODAY)).toBe('missed');
    expect(clockState('2026-11-24', null, TODAY)).toBe('missed');
    expect(clockState('2026-11-25', null, TODAY)).toBe('running');
    expect(clockState('2026-12-01', '2026-11-20', TODAY)).toBe('met');
  });
});

describe('meetings due (Havering SEMH Team proposal: TAF meetings every 4 to 6 weeks)', () => {
  it('has the first due 6 weeks after allocation, each later one by the date the meeting before set, and one still expected', () => {
    const open = kase({
      meetings: [
        { heldOn: '2026-10-12', nextMeetingOn: '2026-11-16' },
        { heldOn: '2026-11-20', nextMeetingOn: '2026-12-21' },
      ],
    });
    expect(meetingsDue(open, 6)).toEqual([
      { due: '2026-10-19', heldOn: '2026-10-12' },
      { due: '2026-11-16', heldOn: '2026-11-20' },
      { due: '2026-12-21', heldOn: null },
    ]);
  });

  it('falls back to 6 weeks after a meeting that set no next date, and expects none once closure is proposed', () => {
    const proposed = kase({
      status: 'closure-proposed',
      meetings: [
        { heldOn: '2026-10-12', nextMeetingOn: null },
        { heldOn: '2026-11-02', nextMeetingOn: null },
      ],
    });
    expect(meetingsDue(proposed, 6)).toEqual([
      { due: '2026-10-19', heldOn: '2026-10-12' },
      { due: '2026-11-23', heldOn: '2026-11-02' },
    ]);
  });

  it('counts a meeting missed before a case closed, but none due after it closed', () => {
    expect(meetingsDue(kase({ status: 'closed', closedOn: '2026-11-01' }), 6)).toEqual([
      { due: '2026-10-19', heldOn: null },
    ]);
    expect(meetingsDue(kase({ status: 'closed', closedOn: '2026-10-01' }), 6)).toEqual([]);
  });
});

describe('figures by month', () => {
  it('counts cases allocated, closed and open at the end of each month', () => {
    const months = byMonth([
      kase(),
      kase({
        allocatedOn: '2026-10-05',
        contactDue: '2026-10-12',
        assessmentDue: '2026-10-26',
        status: 'closed',
        closedOn: '2026-11-10',
        closureReason: 'moved-away',
      }),
      kase({
        allocatedOn: '2026-11-23',
        contactDue: '2026-11-30',
        firstContactOn: null,
        assessmentDue: '2026-12-14',
        assessmentCompletedOn: null,
      }),
    ]);
    expect(months.map((m) => [m.month, m.allocated, m.closed, m.openAtEnd])).toEqual([
      ['2026-09', 1, 0, 1],
      ['2026-10', 1, 0, 2],
      ['2026-11', 1, 1, 2],
    ]);
  });

  it('counts each clock in the month it was due, once met or missed, and leaves out one still running (Havering SEMH Team proposal; Southend Early Help Family Support service document (2016))', () => {
    const months = byMonth([
      kase({ firstContactOn: '2026-09-14' }),
      kase({ firstContactOn: '2026-09-16', assessmentCompletedOn: '2026-10-01' }),
      kase({
        allocatedOn: '2026-11-16',
        contactDue: '2026-11-23',
        firstContactOn: null,
        assessmentDue: '2026-12-07',
        assessmentCompletedOn: null,
      }),
      kase({
        allocatedOn: '2026-11-20',
        contactDue: '2026-11-27',
        firstContactOn: null,
        assessmentDue: '2026-12-11',
        assessmentCompletedOn: null,
      }),
    ]);
    expect(months.map((m) => [m.contact, m.assessment])).toEqual([
      [
        { met: 1, of: 2 },
        { met: 1, of: 2 },
      ],
      [
        { met: 0, of: 0 },
        { met: 0, of: 0 },
      ],
      [
        { met: 0, of: 1 },
        { met: 0, of: 0 },
      ],
    ]);
  });

  it('counts meetings on time by the month they were due, an overdue one as late', () => {
    const months = byMonth([
      kase({ meetings: [{ heldOn: '2026-10-12', nextMeetingOn: '2026-11-16' }] }),
      kase({ allocatedOn: '2026-09-21' }),
    ]);
    // Due 19 October (held 12 October, on time); due 2 November (none held, late); due 16 November (none held, late).
    expect(months.map((m) => m.meetings)).toEqual([
      { met: 0, of: 0 },
      { met: 1, of: 1 },
      { met: 0, of: 2 },
    ]);
  });

  it('adds up the length of closed cases, extensions asked for and approved, and the school place at closing and at the review', () => {
    const months = byMonth(
      [
        kase({ allocatedOn: '2026-07-06', status: 'closed', closedOn: '2026-11-06', placementKeptAtClosure: true }),
        kase({ allocatedOn: '2026-07-20', status: 'closed', closedOn: '2026-11-13', placementKeptAtClosure: false }),
      ],
      {
        extensions: [
          { requestedOn: '2026-10-20', approvedOn: '2026-11-02' },
          { requestedOn: '2026-11-03', approvedOn: null },
        ],
        reviews: [{ reviewedOn: '2026-09-30', placementKept: true }],
      },
    );
    const november = months[2];
    expect([november.closed, november.closedDays, averageDays(november)]).toEqual([2, 123 + 116, 120]);
    expect([months[1].extensionsRequested, november.extensionsRequested, november.extensionsApproved]).toEqual([
      1, 1, 1,
    ]);
    expect([november.placementAtClosure, months[0].placementAtReview]).toEqual([
      { met: 1, of: 2 },
      { met: 1, of: 1 },
    ]);
  });

  it('totals the year, with the cases open at the end of the last month shown', () => {
    const total = caseworkTotal(
      byMonth([kase(), kase({ allocatedOn: '2026-10-05', status: 'closed', closedOn: '2026-11-10' })]),
      'Total',
    );
    expect([total.allocated, total.closed, total.openAtEnd, total.contact]).toEqual([2, 1, 1, { met: 2, of: 2 }]);
  });
});

describe('showing the figures', () => {
  it('shows a rate with its counts, as 98% of children kept their placements in the Havering SEMH Team proposal', () => {
    expect(rateText({ met: 49, of: 50 })).toBe('49 of 50 (98%)');
    expect(rateText({ met: 8, of: 10 })).toBe('8 of 10 (80%)');
    expect(rateText({ met: 0, of: 0 })).toBe('–');
    expect([changeText(1.5), changeText(0), changeText(-0.5), changeText(null)]).toEqual(['+1.5', '0', '-0.5', '–']);
  });

  it('gives a case’s length in days: about four months is some 120 days (Havering SEMH Team proposal)', () => {
    expect(lengthInDays({ allocatedOn: '2026-09-07', closedOn: '2027-01-07' })).toBe(122);
    expect(averageDays({ closed: 0, closedDays: 0 })).toBeNull();
  });
});

describe('for the year', () => {
  it('counts closure reasons in the closure form’s order with zeros, then any others', () => {
    const rows = closureReasons([
      kase({ closureReason: 'placement-maintained' }),
      kase({ closureReason: 'placement-maintained' }),
      kase({ closureReason: 'stepped-up' }),
      kase({ closureReason: 'retired-code' }),
    ]);
    expect(rows[0]).toEqual({ label: 'Needs met', count: 0 });
    expect(rows.find((row) => row.label === 'School place kept')?.count).toBe(2);
    expect(rows.find((row) => row.label === 'Stepped up to statutory services')?.count).toBe(1);
    expect(rows.at(-1)).toEqual({ label: 'retired-code', count: 1 });
  });

  it('averages the parent or carer’s change per aspect over the cases scored both times (Portsmouth early help assessment, plan, review and closure guidance: distance travelled)', () => {
    const scores = (values: Partial<Record<string, number | null>>): AspectScores =>
      Object.fromEntries(Object.entries(values).map(([code, score]) => [code, { score }]));
    const { compared, rows } = aspectChanges([
      kase({ firstScores: scores({ education: 3, family: 4 }), latestScores: scores({ education: 6, family: 5 }) }),
      kase({ firstScores: scores({ education: 5, family: 2 }), latestScores: scores({ education: 6, family: null }) }),
      kase({ firstScores: scores({ education: 1 }), latestScores: null }),
    ]);
    expect(compared).toBe(2);
    const row = (label: string) => rows.find((r) => r.label === label);
    expect(row('Education')).toEqual({
      label: 'Education',
      cases: 2,
      first: 4,
      latest: 6,
      change: 2,
      changeText: '+2',
    });
    expect(row('Family relationships')).toMatchObject({ cases: 1, first: 4, latest: 5, change: 1 });
    expect(row('Safety')).toMatchObject({ cases: 0, change: null, changeText: '–' });
    expect(rows).toHaveLength(ASPECTS.length);
  });
});

describe('the whole report', () => {
  it('shows the months up to today, and says when there are no cases', () => {
    const empty = caseworkReport({ start: 2026, cases: [], extensions: [], reviews: [], weeks: 6, today: TODAY });
    expect(empty.label).toBe('2026 to 2027');
    expect(empty.key).toBe('2026/27');
    expect(empty.months.map((m) => m.month)).toEqual(['2026-08', ...MONTHS]);
    expect(empty.hasCases).toBe(false);
    const report = caseworkReport({
      start: 2026,
      cases: [
        kase({ status: 'closed', closedOn: '2026-11-06', closureReason: 'needs-met', placementKeptAtClosure: true }),
      ],
      extensions: [],
      reviews: [],
      weeks: 6,
      today: TODAY,
    });
    expect(report.hasCases).toBe(true);
    expect(report.total.text.placementAtClosure).toBe('1 of 1 (100%)');
    expect(report.closureReasons[0]).toMatchObject({ label: 'Needs met', count: 1, share: '1 of 1 (100%)' });
  });

  it('leaves out a case closed before the year from the year’s closure reasons', () => {
    const report = caseworkReport({
      start: 2026,
      cases: [
        kase({ allocatedOn: '2025-09-08', status: 'closed', closedOn: '2026-07-20', closureReason: 'needs-met' }),
      ],
      extensions: [],
      reviews: [],
      weeks: 6,
      today: TODAY,
    });
    expect(report.closed).toBe(0);
  });

  it('makes a table for download with a column for every heading and a total row', () => {
    const { header, rows } = caseworkTable(
      caseworkReport({ start: 2026, cases: [kase()], extensions: [], reviews: [], weeks: 6, today: TODAY }),
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toHaveLength(header.length);
    expect(rows[0].slice(0, 4)).toEqual(['August 2026', 0, 0, 0]);
    expect(rows[1].slice(0, 7)).toEqual(['September 2026', 1, 0, 1, 1, 1, 100]);
    expect(rows.at(-1)?.[0]).toBe('Total for 2026 to 2027');
  });
});
