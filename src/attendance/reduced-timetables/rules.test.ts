import { describe, expect, it } from 'vitest';
import { validate } from '../../platform/validation.ts';
import { withDateInputs } from '../../platform/date-input.ts';
import { makeUpn } from '../../children/rules.ts';
import {
  isCinroseTimetable,
  reducedTimetableFlags,
  reducedTimetableSchema,
  weeksRunning,
  type ReducedTimetableFacts,
} from './rules.ts';

const START = '2026-09-07';
const base: ReducedTimetableFacts = {
  startDate: START,
  reviewDate: '2026-12-01',
  hoursPerWeek: 15,
  parentalConsent: true,
  returnPlan: false,
};

describe('reduced timetable flags (Portsmouth school attendance strategy: over 6 weeks with no clear plan to return to full time)', () => {
  it('exactly 6 weeks without a plan is not yet flagged; a day more is', () => {
    expect(weeksRunning(START, '2026-10-19')).toBe(6);
    expect(reducedTimetableFlags(base, '2026-10-19', 6)).toEqual([]);
    expect(reducedTimetableFlags(base, '2026-10-20', 6)).toEqual(['long-without-plan']);
  });

  it('a plan to return to full time means no flag however long it runs', () => {
    expect(reducedTimetableFlags({ ...base, returnPlan: true, reviewDate: '2027-06-01' }, '2027-03-01', 6)).toEqual([]);
  });

  it('uses the flag weeks setting', () => {
    expect(reducedTimetableFlags(base, '2026-09-22', 2)).toEqual(['long-without-plan']);
    expect(reducedTimetableFlags(base, '2026-09-21', 2)).toEqual([]);
  });

  it('flags no parental consent from the first day', () => {
    expect(reducedTimetableFlags({ ...base, parentalConsent: false }, START, 6)).toEqual(['no-consent']);
  });

  it('flags a review date that has passed, not one that is today', () => {
    expect(reducedTimetableFlags({ ...base, reviewDate: '2026-10-01' }, '2026-10-01', 6)).toEqual([]);
    expect(reducedTimetableFlags({ ...base, reviewDate: '2026-10-01' }, '2026-10-02', 6)).toEqual(['review-overdue']);
  });

  it('gives every flag that applies, in order', () => {
    expect(
      reducedTimetableFlags({ ...base, parentalConsent: false, reviewDate: '2026-09-30' }, '2026-11-01', 6),
    ).toEqual(['long-without-plan', 'no-consent', 'review-overdue']);
  });
});

describe('CINROSE (RBKC Early Help Family Support: a reduced timetable of under 25 hours a week)', () => {
  it('under 25 hours is CINROSE; 25 hours exactly is not', () => {
    expect(isCinroseTimetable(24.5)).toBe(true);
    expect(isCinroseTimetable(0)).toBe(true);
    expect(isCinroseTimetable(25)).toBe(false);
    expect(isCinroseTimetable(32.5)).toBe(false);
  });
});

describe('the reduced timetable form', () => {
  const schema = reducedTimetableSchema({ known: new Set([102317]), scope: { kind: 'all' } });
  const good = {
    upn: makeUpn(311, '4000', 20, 7),
    pupilName: 'Sam Example',
    urn: '102317',
    'startDate-day': '7',
    'startDate-month': '9',
    'startDate-year': '2026',
    'plannedEnd-day': '30',
    'plannedEnd-month': '10',
    'plannedEnd-year': '2026',
    'reviewDate-day': '1',
    'reviewDate-month': '10',
    'reviewDate-year': '2026',
    hoursPerWeek: '12.5',
    reason: 'Anxiety',
    parentalConsent: 'yes',
    returnPlan: 'no',
    returnPlanSummary: 'left over',
  };
  const check = (body: Record<string, string>) =>
    validate(schema, withDateInputs(body, ['startDate', 'plannedEnd', 'reviewDate']));

  it('accepts hours from 0 to 32.5 to one decimal place, and drops a plan summary when there is no plan', () => {
    const result = check(good);
    expect(result.ok && result.data).toMatchObject({
      hoursPerWeek: 12.5,
      startDate: '2026-09-07',
      returnPlan: false,
      returnPlanSummary: null,
    });
    expect(check({ ...good, hoursPerWeek: '0' }).ok).toBe(true);
    expect(check({ ...good, hoursPerWeek: '32.5' }).ok).toBe(true);
  });

  it('refuses more than 32.5 hours and hours that are not a number', () => {
    expect(check({ ...good, hoursPerWeek: '33' })).toMatchObject({
      ok: false,
      fieldErrors: { hoursPerWeek: { text: 'Hours a week must be 32.5 or fewer' } },
    });
    expect(check({ ...good, hoursPerWeek: 'ten' })).toMatchObject({
      ok: false,
      fieldErrors: { hoursPerWeek: { text: 'Hours a week must be a number like 12 or 12.5' } },
    });
  });

  it('needs the summary of the plan when there is a plan to return to full time', () => {
    expect(check({ ...good, returnPlan: 'yes', returnPlanSummary: ' ' })).toMatchObject({
      ok: false,
      fieldErrors: { returnPlanSummary: { text: 'Enter a summary of the plan to return to full time' } },
    });
  });

  it('needs the planned end and review on or after the start', () => {
    const result = check({ ...good, 'plannedEnd-month': '8', 'reviewDate-day': '6', 'reviewDate-month': '9' });
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        'plannedEnd-day': { text: 'The planned end date must be the same as or after the start date' },
        'reviewDate-day': { text: 'The review date must be the same as or after the start date' },
      },
    });
  });
});
