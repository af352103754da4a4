/**
 * The messages the service sends, written the way GOV.UK Notify templates are: a subject and a
 * plain-English body with ((field)) placeholders. The same text is set up in Notify (each
 * template's ID comes from its environment variable) and shown on the administrators' outbox page.
 *
 * No personal data beyond what the template needs: personalisation holds the referral reference,
 * dates and the decision, never the child's name or details. The referrer signs in to see those.
 * `enqueue` refuses any field a template does not declare. Free-text fields (the question, the
 * reason) are written by staff for the referrer; they must not name the child either.
 */
export interface MessageTemplate {
  /** What administrators see in the outbox. */
  title: string;
  /** Environment variable holding the GOV.UK Notify template ID. */
  envVar: string;
  /** The personalisation the template needs, and nothing else. */
  fields: readonly string[];
  subject: string;
  body: string;
}

const SIGN_OFF = 'This is an automatic email from Inclusion Hub. Do not reply to it.';

export const TEMPLATES = {
  acknowledgement: {
    title: 'Request received',
    envVar: 'NOTIFY_TEMPLATE_ACKNOWLEDGEMENT',
    fields: ['reference', 'school_name', 'date_received', 'outcome_due_by'],
    subject: 'We have received your request for support ((reference))',
    body: [
      'We have received your request for support ((reference)) from ((school_name)) on ((date_received)).',
      'We will tell you the outcome by ((outcome_due_by)).',
      'Sign in to Inclusion Hub to see the request and what happens next.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'more-information': {
    title: 'More information needed',
    envVar: 'NOTIFY_TEMPLATE_MORE_INFORMATION',
    fields: ['reference', 'question'],
    subject: 'We need more information about request for support ((reference))',
    body: [
      'We need more information before we can decide on request for support ((reference)).',
      '((question))',
      'Sign in to Inclusion Hub to answer. We cannot make a decision until you do.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  outcome: {
    title: 'Outcome of the request',
    envVar: 'NOTIFY_TEMPLATE_OUTCOME',
    fields: ['reference', 'outcome', 'reason'],
    subject: 'Outcome of request for support ((reference))',
    body: [
      'We have made a decision about request for support ((reference)).',
      'Outcome: ((outcome))',
      '((reason))',
      'Sign in to Inclusion Hub to see the decision and what happens next.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'case-allocated': {
    title: 'Case allocated to a practitioner',
    envVar: 'NOTIFY_TEMPLATE_CASE_ALLOCATED',
    fields: ['reference', 'contact_due_by', 'assessment_due_by'],
    subject: 'A new case has been allocated to you ((reference))',
    body: [
      'Case ((reference)) has been allocated to you.',
      'Contact the family and make the initial home visit by ((contact_due_by)). Complete the family assessment by ((assessment_due_by)).',
      'Sign in to Inclusion Hub to see the case on your caseload.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'referral-allocated': {
    title: 'Request allocated to a practitioner',
    envVar: 'NOTIFY_TEMPLATE_REFERRAL_ALLOCATED',
    fields: ['reference', 'practitioner_type', 'contact_due_by'],
    subject: 'Request for support ((reference)) has been allocated',
    body: [
      'Request for support ((reference)) has been allocated to a ((practitioner_type)).',
      'They will contact the family by ((contact_due_by)) and will be in touch with the school to plan the work together.',
      'Sign in to Inclusion Hub to see the request and what happens next.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'lead-professional-changed': {
    title: 'Lead professional changed',
    envVar: 'NOTIFY_TEMPLATE_LEAD_PROFESSIONAL_CHANGED',
    fields: ['reference', 'lead_professional', 'from_date'],
    subject: 'The lead professional for case ((reference)) has changed',
    body: [
      'From ((from_date)), the lead professional for case ((reference)) is ((lead_professional)).',
      'You are getting this email because you are working with the family on this case. Contact ((lead_professional)) about the family’s plan and the next Team Around the Family meeting.',
      'If you use Inclusion Hub, sign in to see the case.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'extension-decision': {
    title: 'Decision on an extension',
    envVar: 'NOTIFY_TEMPLATE_EXTENSION_DECISION',
    fields: ['reference', 'decision', 'planned_end'],
    subject: 'Extension of case ((reference)): ((decision))',
    body: [
      'The request to extend case ((reference)) has been ((decision)).',
      'The planned end of the case is ((planned_end)).',
      'Sign in to Inclusion Hub to see the reason.',
      SIGN_OFF,
    ].join('\n\n'),
  },
  'case-closed': {
    title: 'Case closed',
    envVar: 'NOTIFY_TEMPLATE_CASE_CLOSED',
    fields: ['reference', 'closure_reason', 'review_due_by'],
    subject: 'Case ((reference)) has closed',
    body: [
      'Case ((reference)) has closed. Reason: ((closure_reason)).',
      'We will review how things are going by ((review_due_by)).',
      'Sign in to Inclusion Hub to see the family’s plan for keeping things going well.',
      SIGN_OFF,
    ].join('\n\n'),
  },
} as const satisfies Record<string, MessageTemplate>;

export type TemplateName = keyof typeof TEMPLATES;

export const TEMPLATE_NAMES = Object.keys(TEMPLATES) as TemplateName[];

/** Exactly the fields a template declares, each a string (as GOV.UK Notify expects). */
export type Personalisation<T extends TemplateName> = Record<(typeof TEMPLATES)[T]['fields'][number], string>;

export function isTemplateName(value: string): value is TemplateName {
  return Object.hasOwn(TEMPLATES, value);
}

const PLACEHOLDER = /\(\(([^()]+)\)\)/g;

/** The ((field)) names a piece of template text uses. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

function fill(text: string, personalisation: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (whole, field: string) => personalisation[field] ?? whole);
}

/** A message as the recipient reads it: the subject and the body's paragraphs. */
export function renderMessage(template: TemplateName, personalisation: Record<string, string>) {
  const { subject, body } = TEMPLATES[template];
  return {
    subject: fill(subject, personalisation),
    paragraphs: fill(body, personalisation).split(/\n{2,}/),
  };
}
