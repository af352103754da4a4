/**
 * A referral's statuses and the outcomes of triage: which status may follow which, and how
 * each reads on a page. Pure values and functions.
 */
/**
 * The outcomes of triage: the four of the Southend Early Help Family Support service document
 * (2016), and 'declined' for a referral that is not accepted, which is closed with a reason the
 * referrer sees. Each carries the
 * message the referrer is sent, and the level of need it goes with.
 */
export const OUTCOMES = [
  {
    code: 'signposted',
    label: 'Signposted to universal help',
    level: 1,
    description:
      'Alternative help is suggested: there are no other concerns in the family and the need is better met by universal help in the community.',
    source: 'Southend Early Help Family Support service document (2016), outcome 1',
    referrerMessage: 'The referral has been closed with advice about help the family can get in the community.',
  },
  {
    code: 'targeted',
    label: 'Targeted support',
    level: 2,
    description:
      'The child and family have emerging needs and will be supported by a team around the child and family, the children and family panel or another early help service.',
    source: 'Southend Early Help Family Support service document (2016), outcome 2',
    referrerMessage: 'The family will be offered targeted support through a team around the child and family.',
  },
  {
    code: 'intensive',
    label: 'Intensive support (ready for allocation)',
    level: 3,
    description:
      'The family has multiple needs and will be supported by intensive support. The referral is ready to allocate to a practitioner.',
    source: 'Southend Early Help Family Support service document (2016), outcome 3',
    referrerMessage: 'The referral has been accepted for intensive support. A practitioner will be allocated.',
  },
  {
    code: 'safeguarding',
    label: 'Safeguarding concern (passed to the MASH)',
    level: 4,
    description:
      'There are immediate safeguarding concerns about significant harm. The referral is passed to the statutory front door (MASH) straight away and the referrer is told.',
    source: 'Southend Early Help Family Support service document (2016), outcome 4',
    referrerMessage:
      'The referral raised a safeguarding concern and has been passed to the multi-agency safeguarding hub (MASH).',
  },
  {
    code: 'declined',
    label: 'Not accepted',
    level: null,
    description:
      'The referral is not accepted, for example because the child is not eligible or is already known to Early Help or Social Care.',
    source: 'The service’s own outcome for a referral it does not accept',
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

// ---- How statuses and events read on pages -----------------------------------------------------

/** How statuses read to people: the labels above. Tag colours and event names follow. */
export const STATUS_NAMES: Record<string, string> = STATUS_LABELS;

export const STATUS_CLASSES: Record<string, string> = {
  draft: 'govuk-tag--grey',
  submitted: 'govuk-tag--blue',
  'more-information': 'govuk-tag--yellow',
  signposted: 'govuk-tag--turquoise',
  targeted: 'govuk-tag--green',
  intensive: 'govuk-tag--green',
  safeguarding: 'govuk-tag--red',
  declined: 'govuk-tag--orange',
};

export const EVENT_NAMES: Record<string, string> = {
  submitted: 'Referral sent',
  acknowledged: 'Acknowledged',
  'more-information': 'More information asked for',
  'information-provided': 'More information given',
  outcome: 'Outcome',
  safeguarding: 'Passed to safeguarding',
  allocated: 'Allocated to a practitioner',
};
