import { describe, expect, it } from 'vitest';
import { createCalendar } from '../../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../../platform/calendar/bank-holidays.ts';
import { validate } from '../../platform/validation.ts';
import {
  DO_NOT_VISIT,
  NO_RISK_CHECK,
  VISIT_ALONE_REFUSED,
  contactClock,
  contactSchema,
  describeContactClock,
  homeVisitAllowed,
  knownRisks,
  parseTime,
  riskCheckSchema,
  riskCheckValidFrom,
  riskOutcomeAllowed,
} from './rules.ts';

const cal = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES);
const five = { contactWorkingDays: 5 };
const noRisks = {
  violence: false,
  animals: false,
  otherAdults: false,
  substances: false,
  incidents: false,
  colleagueKnows: true,
};

describe('the contact and initial home visit clock (Havering SEMH Team proposal: within five days of allocation)', () => {
  it('is due 5 working days after allocation, skipping Christmas, the Boxing Day substitute and New Year’s Day', () => {
    // Allocated Wednesday 23 December 2026: 24th, 29th, 30th, 31st, then Monday 4 January 2027.
    expect(contactClock('2026-12-23', null, '2026-12-23', five, cal)).toEqual({
      state: 'due',
      due: '2027-01-04',
      metOn: null,
    });
  });

  it('is still due on its due date and overdue from the next day', () => {
    expect(contactClock('2026-12-23', null, '2027-01-04', five, cal).state).toBe('due');
    expect(contactClock('2026-12-23', null, '2027-01-05', five, cal).state).toBe('overdue');
  });

  it('is met on time by a first home visit on or before the due date, and met late after it', () => {
    expect(contactClock('2026-12-23', '2027-01-04', '2027-02-01', five, cal)).toEqual({
      state: 'met-on-time',
      due: '2027-01-04',
      metOn: '2027-01-04',
    });
    expect(contactClock('2026-12-23', '2026-12-24', '2027-02-01', five, cal).state).toBe('met-on-time');
    expect(contactClock('2026-12-23', '2027-01-05', '2027-02-01', five, cal)).toEqual({
      state: 'met-late',
      due: '2027-01-04',
      metOn: '2027-01-05',
    });
  });

  it('uses the number of working days from the setting', () => {
    // Allocated Friday 6 November 2026: 3 working days is Wednesday 11 November.
    expect(contactClock('2026-11-06', null, '2026-11-06', { contactWorkingDays: 3 }, cal).due).toBe('2026-11-11');
  });

  it('reads as met on time, met late, due or overdue with the date', () => {
    expect(describeContactClock({ state: 'met-on-time', due: '2027-01-04', metOn: '2026-12-29' }).text).toBe(
      'Met on time, 29 December 2026',
    );
    expect(describeContactClock({ state: 'met-late', due: '2027-01-04', metOn: '2027-01-06' }).text).toBe(
      'Met late, 6 January 2027',
    );
    expect(describeContactClock({ state: 'due', due: '2027-01-04', metOn: null }).text).toBe('Due by 4 January 2027');
    expect(describeContactClock({ state: 'overdue', due: '2027-01-04', metOn: null }).text).toBe(
      'Overdue: was due by 4 January 2027',
    );
  });
});

describe('the lone-working risk check (risk is assessed before home visits)', () => {
  it('refuses "visit alone" when violence or aggression is known, or there have been previous incidents', () => {
    expect(riskOutcomeAllowed({ ...noRisks, violence: true }, 'visit-alone')).toBe(false);
    expect(riskOutcomeAllowed({ ...noRisks, incidents: true }, 'visit-alone')).toBe(false);
    expect(riskOutcomeAllowed({ ...noRisks, violence: true }, 'visit-in-pairs')).toBe(true);
    expect(riskOutcomeAllowed({ ...noRisks, violence: true, incidents: true }, 'do-not-visit')).toBe(true);
    expect(riskOutcomeAllowed({ ...noRisks, animals: true }, 'visit-alone')).toBe(true);
    expect(riskOutcomeAllowed(noRisks, 'visit-alone')).toBe(true);
  });

  it('refuses the form choosing "visit alone" with violence known, on the outcome field', () => {
    const body = {
      violence: 'yes',
      animals: 'no',
      otherAdults: 'no',
      substances: 'no',
      incidents: 'no',
      colleagueKnows: 'yes',
      outcome: 'visit-alone',
    };
    const result = validate(riskCheckSchema, body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([{ text: VISIT_ALONE_REFUSED, href: '#outcome' }]);
    const pairs = validate(riskCheckSchema, { ...body, outcome: 'visit-in-pairs', notes: '  ' });
    expect(pairs).toEqual({
      ok: true,
      data: { outcome: 'visit-in-pairs', notes: null, answers: { ...noRisks, violence: true } },
    });
  });

  it('refuses "visit alone" with violence known even while other questions are unanswered', () => {
    const result = validate(riskCheckSchema, { violence: 'yes', incidents: 'no', outcome: 'visit-alone' });
    expect(!result.ok && result.fieldErrors.outcome).toEqual({ text: VISIT_ALONE_REFUSED });
    expect(!result.ok && result.fieldErrors.animals).toBeDefined();
  });

  it('asks every question, naming it', () => {
    const result = validate(riskCheckSchema, { outcome: 'visit-in-pairs' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.fieldErrors.violence.text).toBe(
        'Select yes if there is a known risk of violence or aggression at the address',
      );
      expect(result.fieldErrors.colleagueKnows.text).toBe(
        'Select yes if a colleague will know where you are and when you expect to be back',
      );
    }
  });

  it('lists the known risks answered yes', () => {
    expect(knownRisks({ ...noRisks, animals: true, incidents: true })).toEqual([
      'Dogs or other animals',
      'Previous incidents',
    ]);
    expect(knownRisks(noRisks)).toEqual([]);
  });
});

describe('a home visit needs a risk check of the last 3 months that allows it', () => {
  it('counts a risk check as good for 3 months', () => {
    expect(riskCheckValidFrom('2027-01-04')).toBe('2026-10-04');
    expect(homeVisitAllowed([{ id: 1, outcome: 'visit-alone', completedOn: '2026-10-04' }], '2027-01-04')).toEqual({
      ok: true,
      riskCheckId: 1,
      outcome: 'visit-alone',
    });
    expect(homeVisitAllowed([{ id: 1, outcome: 'visit-alone', completedOn: '2026-10-03' }], '2027-01-04')).toEqual({
      ok: false,
      reason: 'none',
      message: NO_RISK_CHECK,
    });
  });

  it('refuses without any risk check', () => {
    expect(homeVisitAllowed([], '2027-01-04')).toMatchObject({ ok: false, reason: 'none' });
  });

  it('goes by the latest risk check: "do not visit" blocks home visits until a new check allows them', () => {
    const earlier = { id: 1, outcome: 'visit-in-pairs', completedOn: '2026-12-01' };
    const stop = { id: 2, outcome: 'do-not-visit', completedOn: '2026-12-20' };
    expect(homeVisitAllowed([earlier, stop], '2027-01-04')).toEqual({
      ok: false,
      reason: 'do-not-visit',
      message: DO_NOT_VISIT,
    });
    expect(
      homeVisitAllowed([earlier, stop, { id: 3, outcome: 'visit-in-pairs', completedOn: '2026-12-20' }], '2027-01-04'),
    ).toEqual({ ok: true, riskCheckId: 3, outcome: 'visit-in-pairs' });
  });
});

describe('the contact form', () => {
  const now = new Date('2027-01-04T12:00:00Z');
  const schema = contactSchema('2026-12-23', now, '2027-01-04');
  const body = {
    'contactOn-day': '4',
    'contactOn-month': '1',
    'contactOn-year': '2027',
    time: '9:30',
    type: 'phone',
    withWhom: 'Mother',
    summary: 'Introduced the service',
  };

  it('takes the date and a 24-hour time as the moment in London', () => {
    const result = validate(schema, body);
    expect(result.ok && result.data.contactAt.toISOString()).toBe('2027-01-04T09:30:00.000Z');
    expect(parseTime('14.05')).toBe('14:05');
    expect(parseTime('24:00')).toBeUndefined();
    expect(parseTime('2pm')).toBeUndefined();
  });

  it('refuses a date in the future or before allocation, naming the field', () => {
    const future = validate(schema, { ...body, 'contactOn-day': '5' });
    expect(!future.ok && future.errors).toEqual([
      { text: 'Date of the contact must be today or in the past', href: '#contactOn-day' },
    ]);
    const early = validate(schema, {
      ...body,
      'contactOn-day': '22',
      'contactOn-month': '12',
      'contactOn-year': '2026',
    });
    expect(!early.ok && early.errors[0].text).toBe(
      'Date of the contact must be the same as or after the date the case was allocated, 23 December 2026',
    );
  });

  it('refuses a time later today, and a time that is not real', () => {
    const later = validate(schema, { ...body, time: '13:00' });
    expect(!later.ok && later.errors).toEqual([
      { text: 'Time of the contact must be now or in the past', href: '#time' },
    ]);
    const nonsense = validate(schema, { ...body, time: '25:00' });
    expect(!nonsense.ok && nonsense.fieldErrors.time.text).toMatch(/must be a real time in the 24-hour clock/);
  });

  it('needs the type, who it was with and a summary', () => {
    const result = validate(schema, { ...body, type: '', withWhom: ' ', summary: '' });
    expect(!result.ok && result.errors.map((e) => e.text)).toEqual([
      'Select the type of contact',
      'Enter who the contact was with',
      'Enter a summary of the contact',
    ]);
  });
});
