/**
 * The front door's rules, as plain typed functions (no database, no Express). Each rule a source
 * document states lives in exactly one function here, and its tests cite the document.
 *
 * Times are instants (`Date`), shown and counted in working days in London time (london-time.ts).
 */
import { addWorkingDays, assertIsoDate, type Calendar } from '../platform/calendar/calendar.ts';
import { formatIsoDate } from '../platform/date-input.ts';
import type { SettingValues } from '../platform/settings/settings.ts';
import { ageOn } from '../children/rules.ts';
import { formatDuration, formatLondonDateTime, fromLondonWall, toLondonWall } from '../platform/london-time.ts';

/** A child's age on a day: the children's rule, which eligibility counts by. */
export { ageOn };

const HOUR_MS = 3_600_000;

// ---- Presenting needs -----------------------------------------------------------------------

/**
 * The coded checklist of presenting needs on the referral form. A referral stores the codes;
 * pages show the labels. The list follows the needs the source documents name (SEMH and
 * behaviour in the Havering SEMH Team proposal, risk of exclusion in the Havering schools forum
 * report 2024-25) and the specialists the Southend Early Help Family Support service document
 * (2016) lists (domestic abuse,
 * young carers, drug and alcohol workers, exploitation), so a triage manager can count the
 * presenting issues that the Southend document uses to suggest a level of need.
 */
export const PRESENTING_NEEDS = [
  { code: 'semh', label: 'Social, emotional and mental health' },
  { code: 'behaviour', label: 'Behaviour in school' },
  { code: 'attendance', label: 'Attendance' },
  { code: 'anxiety', label: 'Anxiety' },
  { code: 'family-relationships', label: 'Family relationships' },
  { code: 'parenting', label: 'Parenting support' },
  { code: 'domestic-abuse', label: 'Domestic abuse in the household' },
  { code: 'child-to-parent-violence', label: 'Child’s violence or aggression towards parents' },
  { code: 'bereavement', label: 'Bereavement or loss' },
  { code: 'young-carer', label: 'Young carer' },
  { code: 'housing', label: 'Housing' },
  { code: 'finances', label: 'Money worries' },
  { code: 'health', label: 'Physical health' },
  { code: 'substance-misuse', label: 'Drug or alcohol use in the family' },
  { code: 'exploitation-risk', label: 'Risk of exploitation' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly { code: string; label: string }[];

export type NeedCode = (typeof PRESENTING_NEEDS)[number]['code'];

/** The needs that count as social, emotional and mental health (SEMH) needs for SSFP (Havering SEMH Team proposal). */
export const SEMH_NEEDS: readonly NeedCode[] = ['semh', 'behaviour', 'anxiety'];

const LABELS: ReadonlyMap<string, string> = new Map(PRESENTING_NEEDS.map((need) => [need.code, need.label]));

export function isNeedCode(code: string): code is NeedCode {
  return LABELS.has(code);
}

/** Whether a need counts as an SEMH need (Havering SEMH Team proposal). */
export function isSemhNeed(code: string): boolean {
  return (SEMH_NEEDS as readonly string[]).includes(code);
}

/** The label of a need; a code no longer on the list (from older data) is shown as it is. */
export function needLabel(code: string): string {
  return LABELS.get(code) ?? code;
}

// ---- Eligibility for the school-support family practitioner (SSFP) service --------------

export interface EligibilityInput {
  dateOfBirth: string;
  referralDate: string;
  needs: readonly string[];
  riskOfExclusion: boolean;
  alreadyKnown: boolean | 'unchecked';
}

/**
 * Settings `ssfp-minimum-age` and `ssfp-maximum-age`: 5 to 11 (Havering SEMH Team proposal) or
 * 5 to 10 (Havering schools forum report 2024-25).
 */
export interface EligibilityRules {
  minimumAge: number;
  maximumAge: number;
}

export type EligibilityRule = 'age' | 'needs' | 'not-known';

export const ELIGIBILITY_RULES: Record<EligibilityRule, string> = {
  age: 'Age',
  needs: 'SEMH needs or risk of exclusion',
  'not-known': 'Not known to Early Help or Social Care',
};

export interface EligibilityReason {
  rule: EligibilityRule;
  label: string;
  met: boolean | 'unknown';
  explanation: string;
}

export interface Eligibility {
  /** True only when every rule is met; a rule not yet known ('unknown') means not eligible yet. */
  eligible: boolean;
  reasons: EligibilityReason[];
}

function isIsoDate(value: string): boolean {
  try {
    assertIsoDate(value);
    return true;
  } catch {
    return false;
  }
}

function ageRule({ dateOfBirth, referralDate }: EligibilityInput, { minimumAge, maximumAge }: EligibilityRules) {
  if (!isIsoDate(dateOfBirth) || !isIsoDate(referralDate)) {
    return {
      met: 'unknown' as const,
      explanation: 'The date of birth or the referral date is missing or not a real date',
    };
  }
  if (dateOfBirth > referralDate) {
    return { met: false, explanation: `The date of birth, ${formatIsoDate(dateOfBirth)}, is after the referral date` };
  }
  const age = ageOn(dateOfBirth, referralDate);
  const range = `${minimumAge} to ${maximumAge}`;
  const at = `Aged ${age} on ${formatIsoDate(referralDate)}`;
  if (age < minimumAge) return { met: false, explanation: `${at}: younger than ${minimumAge}, so outside ${range}` };
  if (age > maximumAge) return { met: false, explanation: `${at}: older than ${maximumAge}, so outside ${range}` };
  return { met: true, explanation: `${at}: within ${range}` };
}

/**
 * The Havering SEMH Team proposal asks for identified SEMH needs, the Havering schools forum
 * report 2024-25 for risk of exclusion: either qualifies.
 */
function needsRule({ needs, riskOfExclusion }: EligibilityInput) {
  const semh = needs.filter(isSemhNeed).map(needLabel);
  const semhText = `social, emotional and mental health (SEMH) needs: ${semh.join(', ')}`;
  if (semh.length > 0 && riskOfExclusion)
    return { met: true, explanation: `At risk of exclusion, with identified ${semhText}` };
  if (semh.length > 0) return { met: true, explanation: `Identified ${semhText}` };
  if (riskOfExclusion) return { met: true, explanation: 'At risk of exclusion' };
  return {
    met: false,
    explanation: 'No social, emotional and mental health (SEMH) needs identified and not at risk of exclusion',
  };
}

function notKnownRule({ alreadyKnown }: EligibilityInput) {
  if (alreadyKnown === 'unchecked') {
    return { met: 'unknown' as const, explanation: 'Not yet checked against open Early Help and Social Care cases' };
  }
  if (alreadyKnown) return { met: false, explanation: 'Already known to Early Help or Social Care' };
  return { met: true, explanation: 'Not known to Early Help or Social Care' };
}

/**
 * SSFP is for children aged between five and eleven (Havering SEMH Team proposal; five and ten
 * in the Havering schools forum report 2024-25) with identified SEMH needs (the proposal) or at
 * risk of exclusion (the forum report), who are not already known to Early Help or Social Care
 * (the proposal). Age is in whole years on the referral date.
 */
export function isEligibleForSsfp(input: EligibilityInput, rules: EligibilityRules): Eligibility {
  const checks: [EligibilityRule, { met: boolean | 'unknown'; explanation: string }][] = [
    ['age', ageRule(input, rules)],
    ['needs', needsRule(input)],
    ['not-known', notKnownRule(input)],
  ];
  const reasons = checks.map(([rule, check]) => ({ rule, label: ELIGIBILITY_RULES[rule], ...check }));
  return { eligible: reasons.every((reason) => reason.met === true), reasons };
}

// ---- Clocks: acknowledgement and outcome (Southend Early Help Family Support service document (2016))

/**
 * Settings `acknowledge-within-hours` (24) and `outcome-within-hours` (48), from the Southend
 * Early Help Family Support service document (2016).
 * `outcomeClock` says how the outcome clock counts: 'hours' is elapsed time; 'working-days'
 * turns the hours into whole working days (see outcomeDueBy).
 */
export interface ClockRules {
  acknowledgeWithinHours: number;
  outcomeWithinHours: number;
  outcomeClock: 'hours' | 'working-days';
}

/** The clock rules in force, from the service settings. */
export function clockRulesOf(settings: SettingValues): ClockRules {
  return {
    acknowledgeWithinHours: settings['acknowledge-within-hours'],
    outcomeWithinHours: settings['outcome-within-hours'],
    outcomeClock: settings['outcome-clock'],
  };
}

/**
 * Every request is acknowledged within 24 hours of being sent (Southend Early Help Family Support
 * service document (2016)): elapsed hours.
 */
export function acknowledgementDueBy(submittedAt: Date, rules: ClockRules): Date {
  return new Date(submittedAt.getTime() + rules.acknowledgeWithinHours * HOUR_MS);
}

/**
 * The referrer is told the outcome within 48 hours (Southend Early Help Family Support service document (2016)).
 *
 * - 'hours': the elapsed hours after the referral was sent.
 * - 'working-days': outcomeWithinHours / 24, rounded up, working days (48 hours is 2). The day
 *   the referral is sent (in London) is day 0; the next working day is day 1, skipping
 *   weekends and bank holidays (school holidays still count). The outcome is due at the same
 *   London clock time on the last day, so Wednesday 3:15pm plus 2 working days is Friday
 *   3:15pm. A referral sent at a weekend or on a bank holiday counts from the next working day.
 */
export function outcomeDueBy(submittedAt: Date, rules: ClockRules, calendar: Calendar): Date {
  if (rules.outcomeClock === 'hours') return new Date(submittedAt.getTime() + rules.outcomeWithinHours * HOUR_MS);
  const workingDays = Math.ceil(rules.outcomeWithinHours / 24);
  const wall = toLondonWall(submittedAt);
  const sentOn = new Date(wall).toISOString().slice(0, 10);
  const dueOn = addWorkingDays(sentOn, workingDays, calendar);
  return fromLondonWall(wall + (Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${sentOn}T00:00:00Z`)));
}

export type ClockState = 'met' | 'missed' | 'due' | 'overdue';

export interface ClockStatus {
  /** met: done on time; missed: done late; due: not done, still in time; overdue: not done, late. */
  state: ClockState;
  dueBy: Date;
  doneAt: Date | null;
  /** Whole minutes after the deadline it was done (missed) or is now (overdue); otherwise 0. */
  minutesLate: number;
  /** Whole minutes left before the deadline while due; otherwise 0. */
  minutesLeft: number;
}

/** Where a clock stands. Done exactly at the deadline is on time. */
export function clockStatus(dueBy: Date, doneAt: Date | null, now: Date): ClockStatus {
  const at = doneAt ?? now;
  const late = at.getTime() - dueBy.getTime();
  const state: ClockState = doneAt ? (late <= 0 ? 'met' : 'missed') : late <= 0 ? 'due' : 'overdue';
  return {
    state,
    dueBy,
    doneAt,
    minutesLate: late > 0 ? Math.floor(late / 60_000) : 0,
    minutesLeft: state === 'due' ? Math.floor(-late / 60_000) : 0,
  };
}

/** 'Due by 3:15pm on 26 November 2026', 'Overdue by 5 hours', 'Done on time', 'Done 2 days late'. */
export function describeClock(status: ClockStatus): string {
  switch (status.state) {
    case 'due':
      return `Due by ${formatLondonDateTime(status.dueBy)}`;
    case 'overdue':
      return `Overdue by ${formatDuration(status.minutesLate)}`;
    case 'met':
      return `Done on time, at ${formatLondonDateTime(status.doneAt as Date)}`;
    case 'missed':
      return `Done ${formatDuration(status.minutesLate)} late, at ${formatLondonDateTime(status.doneAt as Date)}`;
  }
}

// ---- Consent -------------------------------------------------------------------------------

/**
 * Consent must be in place before a referral is sent for intensive support: SSFP is intensive
 * family support. Early help is voluntary and works with a family only with their consent
 * (Portsmouth early help assessment guidance), so targeted support needs it too. Signposting and a safeguarding
 * referral to the MASH do not wait for consent.
 */
export function needsConsent(outcomeOrService: string): boolean {
  return ['ssfp', 'intensive', 'targeted'].includes(outcomeOrService);
}

export type SubmitCheck = { ok: true } | { ok: false; reason: string; blocker: 'safeguarding-concern' | 'no-consent' };

/**
 * Whether the referrer can send the referral. A safeguarding concern cannot be sent here: it
 * must go to the MASH (the statutory front door) now. Without consent, a referral for a
 * service that needs it (SSFP unless `service` says otherwise) cannot be sent.
 */
export function canSubmit(answers: {
  consentGiven: boolean;
  safeguardingConcern: boolean;
  service?: string;
}): SubmitCheck {
  if (answers.safeguardingConcern) {
    return {
      ok: false,
      blocker: 'safeguarding-concern',
      reason:
        'You cannot send a safeguarding concern with this form. Contact the multi-agency safeguarding hub (MASH) now',
    };
  }
  if (!answers.consentGiven && needsConsent(answers.service ?? 'ssfp')) {
    return {
      ok: false,
      blocker: 'no-consent',
      reason: 'The parent or carer must consent before you can send this referral',
    };
  }
  return { ok: true };
}
