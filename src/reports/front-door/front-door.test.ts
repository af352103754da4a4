import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { createCalendar } from '../../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../../platform/calendar/sample-term-dates.ts';
import { londonDate } from '../../platform/london-time.ts';
import { schoolYearOf } from '../../platform/school-year.ts';
import { OUTCOMES } from '../../referrals/outcomes/rules.ts';
import type { ClockRules } from '../../referrals/rules.ts';
import { countBy, percentage, reportYear } from '../rules.ts';
import {
  frontDoorReport,
  referralsByLevel,
  referralsByNeed,
  referralsByOutcome,
  referralsBySchool,
  timelinessByMonth,
  timelinessCsv,
  type ReportReferral,
} from './rules.ts';

const calendar = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
/**
 * Southend Early Help Family Support service document (2016): acknowledged within 24 hours, the
 * referrer told the outcome within 48 hours.
 */
const SOUTHEND_CLOCKS: ClockRules = { acknowledgeWithinHours: 24, outcomeWithinHours: 48, outcomeClock: 'hours' };
const NOW = new Date('2026-11-25T12:00:00Z');
const HOUR = 3_600_000;
const SENT = new Date('2026-11-02T09:00:00Z');
const after = (hours: number, from = SENT) => new Date(from.getTime() + hours * HOUR);

function referral(overrides: Partial<ReportReferral> = {}): ReportReferral {
  return {
    submittedAt: SENT,
    acknowledgedAt: after(0.1),
    outcomeAt: after(30),
    outcome: 'targeted',
    levelOfNeed: 2,
    schoolUrn: 102317,
    schoolName: 'Broadford Primary School',
    needs: ['semh'],
    ...overrides,
  };
}

const timelinessOf = (rows: ReportReferral[], rules = SOUTHEND_CLOCKS) =>
  timelinessByMonth(rows, rules, calendar, NOW)[0];

describe('timeliness against the clocks (Southend Early Help Family Support service document (2016))', () => {
  it('counts a referral acknowledged after 25 hours as late (Southend Early Help Family Support service document (2016))', () => {
    const month = timelinessOf([referral({ acknowledgedAt: after(25) }), referral()]);
    expect(month).toMatchObject({
      month: '2026-11',
      label: 'November 2026',
      sent: 2,
      acknowledgedInTime: 1,
      acknowledgementCounted: 2,
    });
    expect(percentage(month.acknowledgedInTime, month.acknowledgementCounted)).toBe('50%');
  });

  it('counts a referral acknowledged at exactly 24 hours as on time (Southend Early Help Family Support service document (2016))', () => {
    expect(timelinessOf([referral({ acknowledgedAt: after(24) })]).acknowledgedInTime).toBe(1);
  });

  it('leaves a referral still inside its 48 hours out of the outcome percentage (Southend Early Help Family Support service document (2016))', () => {
    const waiting = referral({
      submittedAt: after(-10, NOW),
      acknowledgedAt: after(-10, NOW),
      outcomeAt: null,
      outcome: null,
    });
    const month = timelinessOf([waiting, referral()]);
    expect(month).toMatchObject({ sent: 2, outcomeInTime: 1, outcomeCounted: 1, stillWaiting: 1 });
    expect(percentage(month.outcomeInTime, month.outcomeCounted)).toBe('100%');
  });

  it('counts a referral with no outcome after 48 hours as late, not as waiting (Southend Early Help Family Support service document (2016))', () => {
    const overdue = referral({ submittedAt: after(-49, NOW), outcomeAt: null, outcome: null });
    expect(timelinessOf([overdue])).toMatchObject({ outcomeInTime: 0, outcomeCounted: 1, stillWaiting: 0 });
  });

  it('counts an outcome told at 48 hours as on time and at 49 hours as late (Southend Early Help Family Support service document (2016))', () => {
    expect(timelinessOf([referral({ outcomeAt: after(48) }), referral({ outcomeAt: after(49) })])).toMatchObject({
      outcomeInTime: 1,
      outcomeCounted: 2,
    });
  });

  it('uses the working-day outcome clock when the setting says so, as the queue does: sent Friday 3pm, told Monday 4pm is on time', () => {
    const friday = new Date('2026-11-20T15:00:00Z');
    const row = referral({ submittedAt: friday, acknowledgedAt: friday, outcomeAt: new Date('2026-11-23T16:00:00Z') });
    expect(timelinessOf([row]).outcomeInTime).toBe(0);
    expect(timelinessOf([row], { ...SOUTHEND_CLOCKS, outcomeClock: 'working-days' }).outcomeInTime).toBe(1);
  });

  it('puts a referral in the London month it was sent: 12:30am on 1 September (BST) is September', () => {
    const months = timelinessByMonth(
      [
        referral({ submittedAt: new Date('2026-08-31T23:30:00Z') }),
        referral({ submittedAt: new Date('2026-08-31T22:30:00Z') }),
      ],
      SOUTHEND_CLOCKS,
      calendar,
      NOW,
    );
    expect(months.map((m) => [m.label, m.sent])).toEqual([
      ['August 2026', 1],
      ['September 2026', 1],
    ]);
  });

  it('shows the months asked for in order, even with nothing sent, with – for their percentages', () => {
    const months = timelinessByMonth([referral()], SOUTHEND_CLOCKS, calendar, NOW, ['2026-09', '2026-10', '2026-11']);
    expect(months.map((m) => m.sent)).toEqual([0, 0, 1]);
    expect(percentage(months[0].outcomeInTime, months[0].outcomeCounted)).toBe('–');
  });
});

describe('school years, August to July', () => {
  it('puts 31 July in the year before and 1 August in the new one', () => {
    expect(schoolYearOf('2026-07-31').start).toBe(2025);
    expect(schoolYearOf('2026-08-01').start).toBe(2026);
    const year = reportYear(2026);
    expect(year.label).toBe('2026 to 2027');
    expect(year.startsAt.toISOString()).toBe('2026-07-31T23:00:00.000Z');
    expect(year.months[0]).toBe('2026-08');
    expect(year.months[11]).toBe('2027-07');
  });

  it('shows a report for the current year from August to this month, with a total row', () => {
    const report = frontDoorReport(
      [referral(), referral({ acknowledgedAt: after(30) })],
      SOUTHEND_CLOCKS,
      calendar,
      NOW,
      reportYear(2026),
    );
    expect(report.timeliness.map((m) => m.label)).toEqual([
      'August 2026',
      'September 2026',
      'October 2026',
      'November 2026',
    ]);
    expect(report.yearTotal).toMatchObject({
      label: 'Total for 2026 to 2027',
      sent: 2,
      acknowledgedInTime: 1,
      acknowledgedShare: '50%',
      outcomeShare: '100%',
    });
    expect(report.timeliness[0]).toMatchObject({ acknowledgedShare: '–', outcomeShare: '–' });
  });
});

describe('referrals by school, need, outcome and level', () => {
  it('a referral with two needs counts under both', () => {
    const rows = referralsByNeed([referral({ needs: ['semh', 'attendance'] }), referral({ needs: ['semh'] })]);
    expect(rows).toEqual([
      { label: 'Social, emotional and mental health', count: 2, share: '100%' },
      { label: 'Attendance', count: 1, share: '50%' },
    ]);
  });

  it('counts a key once per row, however often the row lists it', () => {
    expect(countBy([{ keys: ['a', 'a', 'b'] }, { keys: ['a'] }], (row) => row.keys)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });

  it('counts each school’s referrals and those accepted for intensive support, most first', () => {
    const mead = { schoolUrn: 1, schoolName: 'Mead Primary School' };
    const rows = referralsBySchool([referral(mead), referral({ ...mead, outcome: 'intensive' }), referral()]);
    expect(rows).toEqual([
      { label: 'Mead Primary School', count: 2, intensive: 1, share: '67%' },
      { label: 'Broadford Primary School', count: 1, intensive: 0, share: '33%' },
    ]);
  });

  it('lists every outcome in the Southend document and not accepted, then the referrals still waiting', () => {
    const rows = referralsByOutcome([referral({ outcome: 'intensive' }), referral({ outcome: null })]);
    expect(rows.map((r) => r.label)).toEqual([...OUTCOMES.map((o) => o.label), 'Waiting']);
    expect(rows.find((r) => r.label === 'Waiting')).toEqual({ label: 'Waiting', count: 1, share: '50%' });
  });

  it('lists levels of need 1 to 4 (Southend Early Help Family Support service document (2016)) and referrals with no level yet', () => {
    const rows = referralsByLevel([referral({ levelOfNeed: 3 }), referral({ levelOfNeed: null })]);
    expect(rows.map((r) => [r.label, r.count])).toEqual([
      ['Level 1: universal', 0],
      ['Level 2: targeted or emerging needs', 0],
      ['Level 3: complex or intensive', 1],
      ['Level 4: statutory', 0],
      ['No level recorded (waiting or not accepted)', 1],
    ]);
  });

  it('rounds percentages to whole numbers and shows – when there is nothing to divide by', () => {
    expect(percentage(2, 3)).toBe('67%');
    expect(percentage(0, 0)).toBe('–');
  });

  it('exports the monthly timeliness table as CSV, with blank percentages where nothing was counted', () => {
    const csv = timelinessCsv(frontDoorReport([referral()], SOUTHEND_CLOCKS, calendar, NOW, reportYear(2026)));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'Month,Referrals sent,Acknowledged within 24 hours,Acknowledged within 24 hours (%),Outcome told within 48 hours,Outcome told within 48 hours (%),"Still waiting (no outcome, not yet overdue)"',
    );
    expect(lines[1]).toBe('August 2026,0,0,,0,,0');
    expect(lines.at(-1)).toBe('Total for 2026 to 2027,1,1,100,1,100,0');
  });
});

describe('the front door report page, with the demo data', () => {
  let t: TestApp;
  let analyst: Agent;

  beforeAll(async () => ({ t, agent: analyst } = await appSignedInAs('analyst')));
  afterAll(() => t.close());

  const sent = () =>
    t.connection.db
      .selectFrom('referrals')
      .select(['submitted_at', 'child_id'])
      .where('status', '!=', 'draft')
      .execute();
  const auditCount = async () =>
    Number(
      (
        await t.connection.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('shows the tables for the current academic year, with no child’s name, and is not audited as a record read', async () => {
    const referrals = await sent();
    const year = t.services.clock.schoolYear().start;
    const inYear = referrals.filter((r) => schoolYearOf(londonDate(r.submitted_at!)).start === year).length;
    const before = await auditCount();
    const page = await analyst.get('/reports/front-door');
    expect(page.status).toBe(200);
    expect(await auditCount()).toBe(before);
    for (const caption of [
      'Timeliness by month',
      'Referrals by school',
      'Referrals by presenting need',
      'Referrals by outcome',
      'Referrals by level of need',
    ]) {
      expect(page.text).toContain(`govuk-table__caption--m">${caption}`);
    }
    expect(page.text).toContain(`${inYear} referrals were sent.`);
    expect(page.text).toContain(`href="/reports/front-door.csv?year=${year}"`);
    expect(page.text).toContain('A referral counts under each of its presenting needs');
    const children = await t.connection.db
      .selectFrom('children')
      .select(['first_name', 'last_name'])
      .where(
        'id',
        'in',
        referrals.map((r) => r.child_id!),
      )
      .execute();
    for (const child of children) expect(page.text).not.toContain(`${child.first_name} ${child.last_name}`);
  });

  it('agrees with the front door queue about referrals still inside their 48 hours and those overdue (Southend Early Help Family Support service document (2016))', async () => {
    const years = [...new Set((await sent()).map((r) => schoolYearOf(londonDate(r.submitted_at!)).start))];
    let stillWaiting = 0;
    let waiting = 0;
    for (const year of years) {
      const { report } = await t.services.frontDoorReport.report(year);
      stillWaiting += report.yearTotal.stillWaiting;
      waiting += report.byOutcome.find((row) => row.label === 'Waiting')!.count;
    }
    const queue = await t.services.triage.queue({}, 1);
    const overdue = await t.services.triage.queue({ flag: 'overdue' }, 1);
    expect(waiting).toBe(queue.total);
    expect(stillWaiting).toBe(queue.total - overdue.total);
    expect(overdue.total).toBeGreaterThan(0);
  });

  it('downloads the monthly timeliness table as CSV, and audits the export', async () => {
    const year = t.services.clock.schoolYear().start;
    const response = await analyst.get(`/reports/front-door.csv?year=${year}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toContain(`front-door-timeliness-${year}-to-${year + 1}.csv`);
    const lines = response.text.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Month,Referrals sent,Acknowledged within 24 hours,/);
    expect(lines[1]).toMatch(/^August \d{4},/);
    expect(lines.at(-1)).toMatch(new RegExp(`^Total for ${year} to ${year + 1},\\d+,`));
    const event = await t.connection.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ action: 'export', record_type: 'report', record_id: 'front-door' });
  });

  it('says so when no referrals were sent in the year, and falls back to the current year for a nonsense one', async () => {
    const empty = await analyst.get('/reports/front-door?year=2010');
    expect(empty.text).toContain('No referrals were sent in 2010 to 2011.');
    expect(empty.text).not.toContain('Download as CSV');
    const current = t.services.clock.schoolYear().start;
    expect((await analyst.get('/reports/front-door?year=banana')).text).toContain(
      `<option value="${current}" selected>`,
    );
  });

  it('is for triage and team managers and analysts, not school users or practitioners', async () => {
    for (const role of ['triage_manager', 'team_manager'] as const)
      expect((await (await t.signIn(role)).get('/reports/front-door')).status).toBe(200);
    for (const role of ['school_user', 'practitioner'] as const) {
      const agent = await t.signIn(role);
      expect((await agent.get('/reports/front-door')).status).toBe(403);
      expect((await agent.get('/reports/front-door.csv')).status).toBe(403);
    }
  });
});
