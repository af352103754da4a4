/** How statuses and timeline events read to people, and their tag colours. */
export const STATUS_NAMES: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Waiting for triage',
  'more-information': 'More information needed',
  signposted: 'Signposted to universal help',
  targeted: 'Targeted support',
  intensive: 'Intensive support',
  safeguarding: 'Passed to safeguarding',
  declined: 'Not accepted',
};

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
};
