/**
 * The front door's rules, as plain typed functions (no database, no Express). Each rule a seed
 * states lives in exactly one function here, and its tests cite the seed.
 *
 * Times are instants (`Date`), shown and counted in working days in London time (london-time.ts).
 */
import { addWorkingDays, assertIsoDate, type Calendar } from '../platform/calendar/calendar.ts';
import { formatIsoDate } from '../platform/date-input.ts';
import type { SettingValues } from '../platform/settings/settings.ts';
import { formatDuration, formatLondonDateTime, fromLondonWall, toLondonWall } from '../platform/london-time.ts';
import { isSemhNeed, needLabel } from './needs.ts';

export { atLondonTime, formatLondonDateTime, formatLondonTime, londonDate } from '../platform/london-time.ts';

const HOUR_MS = 3_600_000;

// ---- Eligibility for the school-support family practitioner (SSFP) service --------------

export interface EligibilityInput {
  dateOfBirth: string;
  referralDate: string;
  needs: readonly string[];
  riskOfExclusion: boolean;
  alreadyKnown: boolean | 'unchecked';
}

/** Settings `ssfp-minimum-age` and `ssfp-maximum-age`: 5 to 11 (seed 000) or 5 to 10 (seed 001). */
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

/**
 * Age in whole years on a date, the English way: a child born on 29 February turns a year
 * older on 1 March in years that have no 29 February.
 */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [birthYear, birthMonth, birthDay] = assertIsoDate(dateOfBirth).split('-').map(Number);
  const [year, month, day] = assertIsoDate(onDate).split('-').map(Number);
  const hadBirthday = month > birthMonth || (month === birthMonth && day >= birthDay);
  return year - birthYear - (hadBirthday ? 0 : 1);
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

/** Seed 000 asks for identified SEMH needs, seed 001 for risk of exclusion: either qualifies. */
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
 * SSFP is for children aged between five and eleven (seed 000; five and ten in seed 001) with
 * identified SEMH needs (seed 000) or at risk of exclusion (seed 001), who are not already
 * known to Early Help or Social Care (seed 000). Age is in whole years on the referral date.
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

// ---- Clocks: acknowledgement and outcome (seed 003) --------------------------------------

/**
 * Settings `acknowledge-within-hours` (24, seed 003) and `outcome-within-hours` (48, seed 003).
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

/** Every request is acknowledged within 24 hours of being sent (seed 003): elapsed hours. */
export function acknowledgementDueBy(submittedAt: Date, rules: ClockRules): Date {
  return new Date(submittedAt.getTime() + rules.acknowledgeWithinHours * HOUR_MS);
}

/**
 * The referrer is told the outcome within 48 hours (seed 003).
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

// ---- Statuses and outcomes -----------------------------------------------------------------

/**
 * The outcomes of triage: the four of seed 003, and 'declined' for a referral that is not
 * accepted, which is closed with a reason the referrer sees (SYSTEM.md §1). Each carries the
 * message the referrer is sent, and the level of need it goes with.
 */
export const OUTCOMES = [
  {
    code: 'signposted',
    label: 'Signposted to universal help',
    level: 1,
    description:
      'Alternative help is suggested: there are no other concerns in the family and the need is better met by universal help in the community.',
    seed: 'seed 003, outcome 1',
    referrerMessage: 'The referral has been closed with advice about help the family can get in the community.',
  },
  {
    code: 'targeted',
    label: 'Targeted support',
    level: 2,
    description:
      'The child and family have emerging needs and will be supported by a team around the child and family, the children and family panel or another early help service.',
    seed: 'seed 003, outcome 2',
    referrerMessage: 'The family will be offered targeted support through a team around the child and family.',
  },
  {
    code: 'intensive',
    label: 'Intensive support (ready for allocation)',
    level: 3,
    description:
      'The family has multiple needs and will be supported by intensive support. The referral is ready to allocate to a practitioner.',
    seed: 'seed 003, outcome 3',
    referrerMessage: 'The referral has been accepted for intensive support. A practitioner will be allocated.',
  },
  {
    code: 'safeguarding',
    label: 'Safeguarding concern (passed to the MASH)',
    level: 4,
    description:
      'There are immediate safeguarding concerns about significant harm. The referral is passed to the statutory front door (MASH) straight away and the referrer is told.',
    seed: 'seed 003, outcome 4',
    referrerMessage:
      'The referral raised a safeguarding concern and has been passed to the multi-agency safeguarding hub (MASH).',
  },
  {
    code: 'declined',
    label: 'Not accepted',
    level: null,
    description:
      'The referral is not accepted, for example because the child is not eligible or is already known to Early Help or Social Care.',
    seed: 'SYSTEM.md §1',
    referrerMessage: 'The referral has not been accepted.',
  },
] as const;

export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCode = Outcome['code'];

export const REFERRAL_STATUSES = [
  'draft',
  'submitted',
  'more-information',
  ...OUTCOMES.map((outcome) => outcome.code),
] as readonly ['draft', 'submitted', 'more-information', ...OutcomeCode[]];
export type ReferralStatus = 'draft' | 'submitted' | 'more-information' | OutcomeCode;

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'Draft',
  submitted: 'Waiting for triage',
  'more-information': 'More information requested',
  ...(Object.fromEntries(OUTCOMES.map((outcome) => [outcome.code, outcome.label])) as Record<OutcomeCode, string>),
};

const TRIAGE_OUTCOMES: readonly ReferralStatus[] = ['signposted', 'targeted', 'intensive', 'safeguarding', 'declined'];
const MOVES: Record<ReferralStatus, readonly ReferralStatus[]> = {
  draft: ['submitted'],
  submitted: ['more-information', ...TRIAGE_OUTCOMES],
  // While the school finds the information, a safeguarding concern still goes to the MASH at
  // once, and a referral the school never completes can be closed as not accepted.
  'more-information': ['submitted', 'safeguarding', 'declined'],
  signposted: [],
  targeted: [],
  intensive: [],
  safeguarding: [],
  declined: [],
};

export function isOutcome(status: string): status is OutcomeCode {
  return OUTCOMES.some((outcome) => outcome.code === status);
}

/** The statuses a referral may move to next; an outcome is final. */
export function nextStatuses(from: string): readonly ReferralStatus[] {
  return Object.hasOwn(MOVES, from) ? MOVES[from as ReferralStatus] : [];
}

/**
 * The referral's life: draft → submitted → (more-information → submitted) → an outcome. A
 * draft cannot jump to an outcome, and a safeguarding concern never waits for the panel: it
 * can be passed to the MASH from submitted or more-information at any time.
 */
export function canMove(from: string, to: string): boolean {
  return nextStatuses(from).includes(to as ReferralStatus);
}

/** Signposting and declining need a reason the referrer sees; every outcome sends a message. */
export function outcomeNeedsReason(outcome: string): boolean {
  return outcome === 'signposted' || outcome === 'declined';
}

// ---- Consent -------------------------------------------------------------------------------

/**
 * Consent must be in place before a referral is sent for intensive support (SYSTEM.md §1):
 * SSFP is intensive family support. Early help is voluntary and works with a family only with
 * their consent (seed 004), so targeted support needs it too. Signposting and a safeguarding
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
