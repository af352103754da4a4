import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  distanceChart,
  checkHeldOn,
  checkNextMeetingOn,
  checkSteppedUpOn,
  decisionProblems,
  distanceTravelled,
  latestNextMeeting,
  nextMeetingDue,
  normaliseTime,
} from './rules.ts';
import { changeFromReferral, hasAnyMeasure, measureFields, signed, type MeasureRow } from './measures/rules.ts';

describe('the date a meeting was held', () => {
  const context = { today: '2026-03-10', allocatedOn: '2026-01-12', lastMeetingOn: '2026-02-09' };

  it('cannot be in the future', () => {
    expect(checkHeldOn('2026-03-11', context)).toBe('The date the meeting was held must be today or in the past');
    expect(checkHeldOn('2026-03-10', context)).toBeUndefined();
  });

  it('cannot be before the case was allocated, and says when that was', () => {
    expect(checkHeldOn('2026-01-11', { ...context, lastMeetingOn: null })).toBe(
      'The date the meeting was held must be on or after 12 January 2026, when the case was allocated',
    );
    expect(checkHeldOn('2026-01-12', { ...context, lastMeetingOn: null })).toBeUndefined();
  });

  it('must come after the last meeting recorded', () => {
    expect(checkHeldOn('2026-02-09', context)).toBe(
      'The date the meeting was held must be after the last meeting, on 9 February 2026',
    );
    expect(checkHeldOn('2026-02-10', context)).toBeUndefined();
  });
});

describe('the next meeting (Havering SEMH Team proposal: every 4 to 6 weeks; Portsmouth early help assessment, plan, review and closure guidance, §2.8: review at least every 6 weeks)', () => {
  it('must be after this meeting', () => {
    expect(checkNextMeetingOn('2026-03-02', '2026-03-02', 6)).toBe(
      'The next meeting must be after the date this meeting was held',
    );
  });

  it('may be up to 6 weeks later, and no more', () => {
    expect(latestNextMeeting('2026-03-02', 6)).toBe('2026-04-13');
    expect(checkNextMeetingOn('2026-03-30', '2026-03-02', 6)).toBeUndefined(); // 4 weeks
    expect(checkNextMeetingOn('2026-04-13', '2026-03-02', 6)).toBeUndefined(); // 6 weeks exactly
    expect(checkNextMeetingOn('2026-04-14', '2026-03-02', 6)).toBe(
      'The next meeting must be no more than 6 weeks after this one, so on or before 13 April 2026',
    );
  });

  it('follows the setting for the most weeks between meetings', () => {
    expect(checkNextMeetingOn('2026-04-14', '2026-03-02', 8)).toBeUndefined();
  });
});

describe('what each next step needs (Portsmouth early help assessment, plan, review and closure guidance, §3.2 H; Southend Early Help Family Support service document (2016): step up or down)', () => {
  const next = { nextMeetingOn: '2026-04-01', nextMeetingTime: '14:00', nextMeetingVenue: 'School' };
  const fields = (input: Parameters<typeof decisionProblems>[0]) => decisionProblems(input).map((p) => p.field);

  it('continuing needs the next meeting’s date, time and venue', () => {
    expect(fields({ decision: 'continue' })).toEqual(['nextMeetingOn', 'nextMeetingTime', 'nextMeetingVenue']);
    expect(fields({ decision: 'continue', ...next })).toEqual([]);
  });

  it('stepping down needs where to, and the next meeting', () => {
    expect(fields({ decision: 'step-down', ...next })).toEqual(['stepDownTo']);
    expect(fields({ decision: 'step-down', stepDownTo: 'targeted', ...next })).toEqual([]);
  });

  it('stepping up through the MASH needs the date and where it went, but no next meeting', () => {
    expect(fields({ decision: 'step-up' })).toEqual(['steppedUpOn', 'steppedUpTo']);
    expect(fields({ decision: 'step-up', steppedUpOn: '2026-03-02', steppedUpTo: 'Children’s social care' })).toEqual(
      [],
    );
  });

  it('proposing closure needs no next meeting', () => {
    expect(fields({ decision: 'propose-closure' })).toEqual([]);
  });

  it('the date of a step up is not in the future nor before allocation', () => {
    const context = { today: '2026-03-10', allocatedOn: '2026-01-12' };
    expect(checkSteppedUpOn('2026-03-11', context)).toMatch(/today or in the past/);
    expect(checkSteppedUpOn('2026-01-05', context)).toMatch(/on or after 12 January 2026/);
    expect(checkSteppedUpOn('2026-03-10', context)).toBeUndefined();
  });
});

describe('when the next meeting is due', () => {
  const base = {
    nextMeetingDue: null,
    allocatedOn: '2026-01-12',
    meetingsHeld: 0,
    weeks: 6,
    today: '2026-02-01',
    closed: false,
  };

  it('before any meeting, the first is due the meeting interval after allocation (Portsmouth early help assessment, plan, review and closure guidance, §2.8)', () => {
    expect(nextMeetingDue(base)).toEqual({ state: 'due', due: '2026-02-23', daysLeft: 22, first: true });
  });

  it('is overdue from the day after the date set at the last meeting', () => {
    expect(nextMeetingDue({ ...base, nextMeetingDue: '2026-01-30', meetingsHeld: 1 })).toEqual({
      state: 'overdue',
      due: '2026-01-30',
      daysLate: 2,
      first: false,
    });
    expect(nextMeetingDue({ ...base, nextMeetingDue: '2026-02-01', meetingsHeld: 1 })).toMatchObject({
      state: 'due',
      daysLeft: 0,
    });
  });

  it('is not due once a meeting set no next date (stepped up or closure proposed), nor once the case is closed', () => {
    expect(nextMeetingDue({ ...base, meetingsHeld: 2 })).toEqual({ state: 'none' });
    expect(nextMeetingDue({ ...base, nextMeetingDue: '2026-02-10', closed: true })).toEqual({ state: 'none' });
  });
});

describe('distance travelled (Portsmouth early help assessment, plan, review and closure guidance, §5.6: the 0–10 aspect scores over time measure progress)', () => {
  const first = {
    education: { score: 3 },
    family: { score: 6 },
    safety: { score: 5 },
    'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' },
  };
  const latest = {
    education: { score: 7 },
    family: { score: 4 },
    safety: { score: 5 },
    'pregnancy-early-years': { score: null, notApplicableReason: 'No young children' },
    health: { score: 6 },
  };

  it('gives each aspect its first and latest score and the change', () => {
    const distance = distanceTravelled(first, latest);
    expect(distance.rows).toHaveLength(10);
    expect(distance.rows.find((row) => row.code === 'education')).toMatchObject({
      label: 'Education',
      first: 3,
      latest: 7,
      change: 4,
    });
    expect(distance.rows.find((row) => row.code === 'family')).toMatchObject({ first: 6, latest: 4, change: -2 });
  });

  it('keeps not applicable and not scored apart, and shows no change without both scores', () => {
    const distance = distanceTravelled(first, latest);
    expect(distance.rows.find((row) => row.code === 'pregnancy-early-years')).toMatchObject({
      first: null,
      firstNotApplicable: true,
      latestNotApplicable: true,
      change: null,
    });
    expect(distance.rows.find((row) => row.code === 'health')).toMatchObject({
      first: null,
      firstNotApplicable: false,
      latest: 6,
      change: null,
    });
  });

  it('counts the aspects better, the same and worse', () => {
    expect(distanceTravelled(first, latest)).toMatchObject({ better: 1, same: 1, worse: 1 });
  });

  it('draws each score as a bar on a 0–10 scale, first above latest', () => {
    const chart = distanceChart(distanceTravelled(first, latest));
    const education = chart.rows[0];
    expect(education.label).toBe('Education');
    expect(education.first.width).toBe(60);
    expect(education.latest.width).toBe(140);
    expect(education.latest.y).toBeGreaterThan(education.first.y);
    expect(chart.ticks.map((tick) => tick.x)).toEqual([chart.scaleX, chart.scaleX + 100, chart.scaleX + 200]);
    expect(chart.rows[1].first.text).toBe('N/A');
  });
});

describe('the next meeting’s time', () => {
  it('reads 24-hour and am/pm times', () => {
    expect(normaliseTime('14:30')).toBe('14:30');
    expect(normaliseTime('9.15am')).toBe('09:15');
    expect(normaliseTime('2pm')).toBe('14:00');
    expect(normaliseTime('12am')).toBe('00:00');
  });

  it('refuses what is not a time', () => {
    for (const text of ['25:00', '14', 'teatime', '13pm', '10:75']) expect(normaliseTime(text)).toBeUndefined();
  });
});

describe('progress measures', () => {
  const schema = z.object(measureFields);

  it('takes behaviour points and suspensions as whole numbers, 0 or more', () => {
    expect(schema.parse({ behaviourPoints: '108', suspensions: '0' })).toMatchObject({
      behaviourPoints: 108,
      suspensions: 0,
      attendancePercent: null,
      placementKept: null,
    });
    expect(schema.safeParse({ behaviourPoints: '-1' }).error?.issues[0].message).toBe(
      'Behaviour points must be a whole number, 0 or more',
    );
    expect(schema.safeParse({ suspensions: '1.5' }).error?.issues[0].message).toBe(
      'Suspensions must be a whole number, 0 or more',
    );
  });

  it('takes attendance from 0 to 100 with at most one decimal place (RBKC Early Help Family Support: attendance 90%)', () => {
    expect(schema.parse({ attendancePercent: '90%' }).attendancePercent).toBe(90);
    expect(schema.parse({ attendancePercent: '92.5' }).attendancePercent).toBe(92.5);
    for (const bad of ['100.1', '92.55', '-3', 'most days']) {
      expect(schema.safeParse({ attendancePercent: bad }).error?.issues[0].message).toMatch(
        /^Attendance must be a percentage from 0 to 100/,
      );
    }
  });

  it('takes whether the child kept their place as yes or no (Havering SEMH Team proposal: 98% stayed in their original placement)', () => {
    expect(schema.parse({ placementKept: 'yes' }).placementKept).toBe(true);
    expect(schema.parse({ placementKept: 'no' }).placementKept).toBe(false);
    expect(hasAnyMeasure(schema.parse({}))).toBe(false);
  });

  it('shows the change from referral to the latest (RBKC Early Help Family Support: behaviour points 108 at referral, 42 at the last TAF)', () => {
    const row = (
      id: number,
      point: MeasureRow['point'],
      recordedOn: string,
      values: Partial<MeasureRow>,
    ): MeasureRow => ({
      id,
      point,
      recordedOn,
      meetingId: null,
      behaviourPoints: null,
      attendancePercent: null,
      suspensions: null,
      placementKept: null,
      ...values,
    });
    const rows = [
      row(3, 'review', '2026-03-01', { behaviourPoints: 42, placementKept: true }),
      row(1, 'referral', '2026-01-05', { behaviourPoints: 108, attendancePercent: 84.5, suspensions: 2 }),
      row(2, 'review', '2026-02-01', { behaviourPoints: 70, attendancePercent: 90 }),
    ];
    const change = changeFromReferral(rows)!;
    expect(change).toEqual({
      behaviourPoints: -66,
      attendancePercent: 5.5,
      suspensions: undefined,
      placementKept: true,
    });
    expect(signed(change.behaviourPoints)).toBe('−66');
    expect(signed(change.attendancePercent, ' percentage points')).toBe('+5.5 percentage points');
    expect(changeFromReferral(rows.filter((r) => r.point !== 'referral'))).toBeUndefined();
    expect(changeFromReferral(rows.filter((r) => r.point === 'referral'))).toBeUndefined();
  });
});
