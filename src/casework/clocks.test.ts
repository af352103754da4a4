import { describe, expect, it } from 'vitest';
import { createCalendar } from '../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../platform/calendar/bank-holidays.ts';
import { dueDatesFrom } from '../allocation/queue/rules.ts';
import { describeNextClock, nextClock } from './rules.ts';

const cal = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES);
const settings = {
  contactWorkingDays: 5,
  assessmentWorkingDays: 15,
  practitionerCaseMonths: 4,
  inclusionProgrammeMonths: 6,
};

describe('a case’s clocks start at allocation', () => {
  it('contact and the initial home visit are due 5 working days after allocation (Havering SEMH Team proposal)', () => {
    // Allocated on Wednesday 25 November 2026: five working days later is Wednesday 2 December.
    expect(dueDatesFrom('2026-11-25', 'family-practitioner', settings, cal).contactDue).toBe('2026-12-02');
  });

  it('skips Christmas and Boxing Day bank holidays (28 December 2026 is the substitute day)', () => {
    // Allocated on Wednesday 23 December 2026: 24th, 29th, 30th, 31st, 4 January.
    expect(dueDatesFrom('2026-12-23', 'family-practitioner', settings, cal).contactDue).toBe('2027-01-04');
  });

  it('the family assessment is due within 15 working days (Southend Early Help Family Support service document (2016): 10 to 15 days)', () => {
    expect(dueDatesFrom('2026-11-25', 'family-practitioner', settings, cal).assessmentDue).toBe('2026-12-16');
  });

  it('a family practitioner’s case is planned to end about four months later (Havering SEMH Team proposal)', () => {
    expect(dueDatesFrom('2026-11-25', 'family-practitioner', settings, cal).plannedEnd).toBe('2027-03-25');
  });

  it('an inclusion programme case (family therapy, NVR, parenting) is planned for at least 6 months (RBKC Early Help Family Support)', () => {
    for (const type of ['family-therapist', 'nvr', 'families-forward']) {
      expect(dueDatesFrom('2026-11-25', type, settings, cal).plannedEnd, type).toBe('2027-05-25');
    }
  });
});

describe('the next clock on a caseload', () => {
  const clocks = [
    { label: 'Contact and home visit', due: '2026-12-02' },
    { label: 'Assessment', due: '2026-12-16' },
  ];

  it('is the earliest clock not yet met, due with the working days left', () => {
    expect(nextClock(clocks, '2026-11-30', cal)).toMatchObject({
      state: 'due',
      clock: { label: 'Contact and home visit' },
      workingDaysLeft: 2,
    });
  });

  it('is still due, not overdue, on the due date itself', () => {
    expect(nextClock(clocks, '2026-12-02', cal).state).toBe('due');
  });

  it('is overdue from the next day, counted in working days', () => {
    const next = nextClock(clocks, '2026-12-07', cal);
    expect(next).toMatchObject({ state: 'overdue', workingDaysLate: 3 });
    expect(describeNextClock(next, (d) => d)).toEqual({
      text: 'Contact and home visit 3 working days overdue',
      tag: 'govuk-tag--red',
      overdue: true,
    });
  });

  it('moves on to the assessment once the home visit is recorded', () => {
    const met = [{ ...clocks[0], doneOn: '2026-11-30' }, clocks[1]];
    expect(nextClock(met, '2026-12-07', cal)).toMatchObject({ state: 'due', clock: { label: 'Assessment' } });
  });

  it('has nothing due when every clock is met', () => {
    expect(
      describeNextClock(nextClock([{ ...clocks[0], doneOn: '2026-11-30' }], '2026-12-07', cal), (d) => d).text,
    ).toBe('Nothing due');
  });
});
