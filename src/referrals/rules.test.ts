import { describe, expect, it } from 'vitest';
import { createCalendar } from '../platform/calendar/calendar.ts';
import { BANK_HOLIDAYS_ENGLAND_AND_WALES } from '../platform/calendar/bank-holidays.ts';
import { SAMPLE_TERM_DATES } from '../platform/calendar/sample-term-dates.ts';
import {
  acknowledgementDueBy,
  ageOn,
  canSubmit,
  clockStatus,
  describeClock,
  isEligibleForSsfp,
  needsConsent,
  outcomeDueBy,
  type ClockRules,
  type EligibilityInput,
} from './rules.ts';
import { OUTCOMES, canMove, outcomeNeedsReason } from './outcomes/rules.ts';

const calendar = createCalendar(BANK_HOLIDAYS_ENGLAND_AND_WALES, SAMPLE_TERM_DATES);
const SEED_000 = { minimumAge: 5, maximumAge: 11 };
const SEED_001 = { minimumAge: 5, maximumAge: 10 };
const HOURS: ClockRules = { acknowledgeWithinHours: 24, outcomeWithinHours: 48, outcomeClock: 'hours' };
const WORKING_DAYS: ClockRules = { ...HOURS, outcomeClock: 'working-days' };

function referral(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return {
    dateOfBirth: '2019-06-10',
    referralDate: '2026-11-25',
    needs: ['semh'],
    riskOfExclusion: false,
    alreadyKnown: false,
    ...overrides,
  };
}

function reason(input: EligibilityInput, rule: string, rules = SEED_000) {
  return isEligibleForSsfp(input, rules).reasons.find((r) => r.rule === rule);
}

describe('eligibility for SSFP', () => {
  it('a child aged 7 with SEMH needs, not known to Early Help, is eligible for SSFP (Havering SEMH Team proposal)', () => {
    const result = isEligibleForSsfp(referral(), SEED_000);
    expect(result.eligible).toBe(true);
    expect(result.reasons.map((r) => r.explanation)).toEqual([
      'Aged 7 on 25 November 2026: within 5 to 11',
      'Identified social, emotional and mental health (SEMH) needs: Social, emotional and mental health',
      'Not known to Early Help or Social Care',
    ]);
  });

  it('a child who turns 12 before the referral date is too old for SSFP (Havering SEMH Team proposal)', () => {
    const result = isEligibleForSsfp(referral({ dateOfBirth: '2014-11-20' }), SEED_000);
    expect(result.eligible).toBe(false);
    expect(result.reasons[0]).toMatchObject({
      rule: 'age',
      met: false,
      explanation: 'Aged 12 on 25 November 2026: older than 11, so outside 5 to 11',
    });
  });

  it('a child whose 12th birthday is the day after the referral is still 11 and eligible (Havering SEMH Team proposal)', () => {
    expect(reason(referral({ dateOfBirth: '2014-11-26' }), 'age')).toMatchObject({
      met: true,
      explanation: 'Aged 11 on 25 November 2026: within 5 to 11',
    });
  });

  it('a child who turns 5 on the referral date is old enough, and the day before is too young (Havering SEMH Team proposal)', () => {
    expect(reason(referral({ dateOfBirth: '2021-11-25' }), 'age')?.met).toBe(true);
    expect(reason(referral({ dateOfBirth: '2021-11-26' }), 'age')).toMatchObject({
      met: false,
      explanation: 'Aged 4 on 25 November 2026: younger than 5, so outside 5 to 11',
    });
  });

  it('the older paper’s age range 5 to 10 can be set (Havering schools forum report 2024-25)', () => {
    const eleven = referral({ dateOfBirth: '2015-09-01', needs: [], riskOfExclusion: true });
    expect(isEligibleForSsfp(eleven, SEED_000).eligible).toBe(true);
    expect(isEligibleForSsfp(eleven, SEED_001).eligible).toBe(false);
    expect(reason(eleven, 'age', SEED_001)?.explanation).toBe(
      'Aged 11 on 25 November 2026: older than 10, so outside 5 to 10',
    );
  });

  it('a child born on 29 February turns a year older on 1 March in other years', () => {
    expect(ageOn('2016-02-29', '2027-02-28')).toBe(10);
    expect(ageOn('2016-02-29', '2027-03-01')).toBe(11);
  });

  it('a date of birth after the referral date does not meet the age rule', () => {
    expect(reason(referral({ dateOfBirth: '2026-12-01' }), 'age')?.met).toBe(false);
    expect(reason(referral({ dateOfBirth: '' }), 'age')?.met).toBe('unknown');
  });

  it('risk of exclusion qualifies without SEMH needs (Havering schools forum report 2024-25)', () => {
    const result = isEligibleForSsfp(referral({ needs: ['attendance'], riskOfExclusion: true }), SEED_000);
    expect(result.eligible).toBe(true);
    expect(result.reasons[1].explanation).toBe('At risk of exclusion');
  });

  it('behaviour and anxiety count as SEMH needs (Havering SEMH Team proposal)', () => {
    expect(reason(referral({ needs: ['behaviour', 'housing', 'anxiety'] }), 'needs')).toMatchObject({
      met: true,
      explanation: 'Identified social, emotional and mental health (SEMH) needs: Behaviour in school, Anxiety',
    });
  });

  it('a child with neither SEMH needs nor risk of exclusion is not eligible (Havering SEMH Team proposal; Havering schools forum report 2024-25)', () => {
    const result = isEligibleForSsfp(referral({ needs: ['housing', 'finances'] }), SEED_000);
    expect(result.eligible).toBe(false);
    expect(result.reasons[1].explanation).toBe(
      'No social, emotional and mental health (SEMH) needs identified and not at risk of exclusion',
    );
  });

  it('a child already known to Early Help or Social Care is not eligible (Havering SEMH Team proposal)', () => {
    const result = isEligibleForSsfp(referral({ alreadyKnown: true }), SEED_000);
    expect(result.eligible).toBe(false);
    expect(result.reasons[2]).toMatchObject({
      rule: 'not-known',
      met: false,
      explanation: 'Already known to Early Help or Social Care',
    });
  });

  it('until the known-cases check is done the child is not eligible yet, and the reason says why (Havering SEMH Team proposal)', () => {
    const result = isEligibleForSsfp(referral({ alreadyKnown: 'unchecked' }), SEED_000);
    expect(result.eligible).toBe(false);
    expect(result.reasons[2]).toMatchObject({
      met: 'unknown',
      explanation: 'Not yet checked against open Early Help and Social Care cases',
    });
  });
});

describe('clocks', () => {
  // Wednesday 25 November 2026, 3:15pm in London (GMT).
  const sent = new Date('2026-11-25T15:15:00Z');

  it('acknowledgement is due 24 hours after submission (Southend Early Help Family Support service document (2016))', () => {
    expect(acknowledgementDueBy(sent, HOURS).toISOString()).toBe('2026-11-26T15:15:00.000Z');
  });

  it('the outcome is due 48 hours after submission on the hours clock (Southend Early Help Family Support service document (2016))', () => {
    expect(outcomeDueBy(sent, HOURS, calendar).toISOString()).toBe('2026-11-27T15:15:00.000Z');
  });

  it('the outcome clock in working days skips a weekend (Southend Early Help Family Support service document (2016))', () => {
    // Thursday 3:15pm plus 2 working days: Friday is day 1, Monday day 2.
    expect(outcomeDueBy(new Date('2026-11-26T15:15:00Z'), WORKING_DAYS, calendar).toISOString()).toBe(
      '2026-11-30T15:15:00.000Z',
    );
  });

  it('the outcome clock in working days skips Good Friday, the weekend and Easter Monday', () => {
    // Wednesday 1 April 2026, 3:15pm BST: Thursday is day 1; Good Friday, the weekend and
    // Easter Monday do not count; Tuesday 7 April is day 2, at 3:15pm BST.
    expect(outcomeDueBy(new Date('2026-04-01T14:15:00Z'), WORKING_DAYS, calendar).toISOString()).toBe(
      '2026-04-07T14:15:00.000Z',
    );
  });

  it('the outcome clock in working days keeps the London clock time when summer time ends', () => {
    // Friday 23 October 2026, 10am BST; clocks go back on Sunday 25 October; due Tuesday 10am GMT.
    expect(outcomeDueBy(new Date('2026-10-23T09:00:00Z'), WORKING_DAYS, calendar).toISOString()).toBe(
      '2026-10-27T10:00:00.000Z',
    );
  });

  it('a referral sent on a Saturday starts its working-day clock on Monday', () => {
    expect(outcomeDueBy(new Date('2026-11-28T10:00:00Z'), WORKING_DAYS, calendar).toISOString()).toBe(
      '2026-12-01T10:00:00.000Z',
    );
  });

  it('a clock is met when done on time, missed when done late, due while in time and overdue after', () => {
    const dueBy = acknowledgementDueBy(sent, HOURS);
    const before = new Date('2026-11-26T10:00:00Z');
    const after = new Date('2026-11-26T20:15:00Z');
    expect(clockStatus(dueBy, dueBy, after).state).toBe('met');
    expect(clockStatus(dueBy, after, after)).toMatchObject({ state: 'missed', minutesLate: 300 });
    expect(clockStatus(dueBy, null, before)).toMatchObject({ state: 'due', minutesLeft: 315 });
    expect(clockStatus(dueBy, null, after)).toMatchObject({ state: 'overdue', minutesLate: 300 });
  });

  it('describes a clock in plain words, in London time', () => {
    const dueBy = acknowledgementDueBy(sent, HOURS);
    expect(describeClock(clockStatus(dueBy, null, sent))).toBe('Due by 3:15pm on 26 November 2026');
    expect(describeClock(clockStatus(dueBy, null, new Date('2026-11-26T20:15:00Z')))).toBe('Overdue by 5 hours');
    expect(describeClock(clockStatus(dueBy, null, new Date('2026-11-29T15:15:00Z')))).toBe('Overdue by 3 days');
    expect(describeClock(clockStatus(dueBy, new Date('2026-11-26T09:00:00Z'), sent))).toBe(
      'Done on time, at 9am on 26 November 2026',
    );
    expect(describeClock(clockStatus(dueBy, new Date('2026-11-26T15:16:00Z'), sent))).toBe(
      'Done 1 minute late, at 3:16pm on 26 November 2026',
    );
    // In summer, 11am UTC is midday in London.
    expect(describeClock(clockStatus(new Date('2026-09-18T11:00:00Z'), null, new Date('2026-09-17T09:00:00Z')))).toBe(
      'Due by midday on 18 September 2026',
    );
  });
});

describe('statuses and outcomes', () => {
  it('a referral goes from draft to submitted, may wait for more information, then gets an outcome', () => {
    expect(canMove('draft', 'submitted')).toBe(true);
    expect(canMove('submitted', 'more-information')).toBe(true);
    expect(canMove('more-information', 'submitted')).toBe(true);
    for (const outcome of ['signposted', 'targeted', 'intensive', 'safeguarding', 'declined'])
      expect(canMove('submitted', outcome)).toBe(true);
  });

  it('a draft cannot jump to an outcome', () => {
    for (const outcome of OUTCOMES) expect(canMove('draft', outcome.code)).toBe(false);
    expect(canMove('draft', 'more-information')).toBe(false);
  });

  it('a safeguarding concern never waits for the panel (Southend Early Help Family Support service document (2016))', () => {
    expect(canMove('submitted', 'safeguarding')).toBe(true);
    expect(canMove('more-information', 'safeguarding')).toBe(true);
    expect(canMove('more-information', 'intensive')).toBe(false);
  });

  it('an outcome is final', () => {
    for (const from of OUTCOMES)
      for (const to of ['submitted', 'more-information', 'intensive']) expect(canMove(from.code, to)).toBe(false);
    expect(canMove('unknown-status', 'submitted')).toBe(false);
  });

  it('the four outcomes of the Southend Early Help Family Support service document (2016) and "not accepted" each carry a message for the referrer', () => {
    expect(OUTCOMES.map((o) => [o.code, o.level])).toEqual([
      ['signposted', 1],
      ['targeted', 2],
      ['intensive', 3],
      ['safeguarding', 4],
      ['declined', null],
    ]);
    for (const outcome of OUTCOMES) expect(outcome.referrerMessage).not.toBe('');
  });

  it('declining and signposting need a reason the referrer sees', () => {
    expect(OUTCOMES.filter((o) => outcomeNeedsReason(o.code)).map((o) => o.code)).toEqual(['signposted', 'declined']);
  });
});

describe('consent and sending a referral', () => {
  it('a referral for SSFP cannot be sent without the parent or carer’s consent (Portsmouth early help assessment guidance)', () => {
    expect(canSubmit({ consentGiven: false, safeguardingConcern: false })).toEqual({
      ok: false,
      blocker: 'no-consent',
      reason: 'The parent or carer must consent before you can send this referral',
    });
  });

  it('a safeguarding concern cannot be sent with the referral form: it goes to the MASH now', () => {
    const check = canSubmit({ consentGiven: true, safeguardingConcern: true });
    expect(check).toMatchObject({ ok: false, blocker: 'safeguarding-concern' });
    expect(check.ok === false && check.reason).toContain('multi-agency safeguarding hub (MASH) now');
  });

  it('a referral with consent and no safeguarding concern can be sent', () => {
    expect(canSubmit({ consentGiven: true, safeguardingConcern: false })).toEqual({ ok: true });
  });

  it('intensive and targeted support need consent; signposting and safeguarding do not (Portsmouth early help assessment guidance)', () => {
    expect(['ssfp', 'intensive', 'targeted'].map(needsConsent)).toEqual([true, true, true]);
    expect(['signposted', 'safeguarding', 'declined'].map(needsConsent)).toEqual([false, false, false]);
  });
});
