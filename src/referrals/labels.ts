import { STATUS_LABELS } from './rules.ts';

/** How statuses read to people: the rules' own labels. Tag colours and event names follow. */
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
