import { z } from 'zod';
import { localAuthority } from './local-authorities.ts';

/**
 * The council's own words: what each page says about the authority that runs the service. Every
 * field is needed before referrals open; an administrator may save them a few at a time.
 */
export type CouncilKey =
  | 'authorityName'
  | 'laCode'
  | 'serviceName'
  | 'frontDoorPhone'
  | 'frontDoorEmail'
  | 'outOfHoursPhone'
  | 'mashContact'
  | 'dpoContact'
  | 'privacyController'
  | 'privacySharing'
  | 'privacyRetention'
  | 'feedbackEmail'
  | 'footerOwner';

export interface CouncilField {
  key: CouncilKey;
  column: string;
  label: string;
  /** The field's name in messages: 'Enter the {name} …'. */
  name: string;
  hint: string;
  input: 'text' | 'phone' | 'email' | 'textarea' | 'authority';
}

export const COUNCIL_FIELDS: readonly CouncilField[] = [
  {
    key: 'authorityName',
    column: 'authority_name',
    label: 'Name of the council',
    name: 'name of the council',
    hint: 'As people know it, for example, London Borough of Anytown.',
    input: 'text',
  },
  {
    key: 'laCode',
    column: 'la_code',
    label: 'Local authority area',
    name: 'local authority area',
    hint: 'Its DfE LA code chooses the schools imported from Get Information about Schools.',
    input: 'authority',
  },
  {
    key: 'serviceName',
    column: 'service_name',
    label: 'Name of the team that runs the service',
    name: 'name of the team',
    hint: 'For example, Inclusion service.',
    input: 'text',
  },
  {
    key: 'frontDoorPhone',
    column: 'front_door_phone',
    label: 'Front door phone number',
    name: 'front door phone number',
    hint: 'Schools call this number with questions about a request for help.',
    input: 'phone',
  },
  {
    key: 'frontDoorEmail',
    column: 'front_door_email',
    label: 'Front door email address',
    name: 'front door email address',
    hint: 'Schools write to this address with questions about a request for help.',
    input: 'email',
  },
  {
    key: 'outOfHoursPhone',
    column: 'out_of_hours_phone',
    label: 'Out-of-hours emergency duty number',
    name: 'out-of-hours emergency duty number',
    hint: 'For a child at risk of harm outside office hours.',
    input: 'phone',
  },
  {
    key: 'mashContact',
    column: 'mash_contact',
    label: 'Multi-Agency Safeguarding Hub (MASH) phone number',
    name: 'MASH phone number',
    hint: 'Shown on every page of the request for help: a child at risk of harm must not wait for a form.',
    input: 'phone',
  },
  {
    key: 'dpoContact',
    column: 'dpo_contact',
    label: 'Data protection officer’s email address',
    name: 'data protection officer’s email address',
    hint: 'Shown in the privacy notice.',
    input: 'email',
  },
  {
    key: 'privacyController',
    column: 'privacy_controller',
    label: 'Privacy notice: who we are',
    name: 'who we are',
    hint: 'Who the data controller is and which team runs the service.',
    input: 'textarea',
  },
  {
    key: 'privacySharing',
    column: 'privacy_sharing',
    label: 'Privacy notice: who else we share information with',
    name: 'who else you share information with',
    hint: 'Partners particular to your area, for example, your local safeguarding children partnership.',
    input: 'textarea',
  },
  {
    key: 'privacyRetention',
    column: 'privacy_retention',
    label: 'Privacy notice: how long we keep information',
    name: 'how long you keep information',
    hint: 'From your council’s retention schedule.',
    input: 'textarea',
  },
  {
    key: 'feedbackEmail',
    column: 'feedback_email',
    label: 'Feedback email address',
    name: 'feedback email address',
    hint: 'Shown in the banner at the top of every page.',
    input: 'email',
  },
  {
    key: 'footerOwner',
    column: 'footer_owner',
    label: 'Owner shown in the footer',
    name: 'owner shown in the footer',
    hint: 'Shown after © at the foot of every page, for example, London Borough of Anytown.',
    input: 'text',
  },
];

export type CouncilWords = Record<Exclude<CouncilKey, 'laCode'>, string | null> & { laCode: number | null };

export const NO_COUNCIL_WORDS: CouncilWords = Object.fromEntries(
  COUNCIL_FIELDS.map((field) => [field.key, null]),
) as CouncilWords;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const empty = (schema: z.ZodType) => z.preprocess((value) => text(value), z.union([z.literal(''), schema]));

function fieldSchema(field: CouncilField): z.ZodType {
  const long = field.input === 'textarea' ? 2000 : 200;
  switch (field.input) {
    case 'email':
      return empty(
        z
          .string()
          .max(254, `The ${field.name} must be 254 characters or fewer`)
          .email(`Enter the ${field.name} in the correct format, like name@example.gov.uk`),
      );
    case 'phone':
      return empty(
        z
          .string()
          .max(40, `The ${field.name} must be 40 characters or fewer`)
          .refine(
            (value) => /^\+?[\d\s()-]+$/.test(value) && (value.match(/\d/g) ?? []).length >= 3,
            `Enter the ${field.name} using numbers, like 01632 960 001`,
          ),
      );
    case 'authority':
      return empty(
        z
          .string()
          .refine((value) => localAuthority(Number(value)) !== undefined, `Select the ${field.name} from the list`),
      );
    default:
      return empty(z.string().max(long, `The ${field.name} must be ${long} characters or fewer`));
  }
}

export const councilForm = z
  .object(Object.fromEntries(COUNCIL_FIELDS.map((field) => [field.key, fieldSchema(field)])))
  .transform(
    (form) =>
      Object.fromEntries(
        COUNCIL_FIELDS.map((field) => {
          const value = String(form[field.key] ?? '');
          if (value === '') return [field.key, null];
          return [field.key, field.input === 'authority' ? Number(value) : value];
        }),
      ) as CouncilWords,
  );

/** The fields still empty, in the order the form asks them. */
export function missingCouncilWords(words: CouncilWords): CouncilField[] {
  return COUNCIL_FIELDS.filter((field) => words[field.key] === null || words[field.key] === '');
}

/** The words as the form shows them: every field as text. */
export function councilFormValues(words: CouncilWords): Record<CouncilKey, string> {
  return Object.fromEntries(
    COUNCIL_FIELDS.map((field) => [field.key, words[field.key] === null ? '' : String(words[field.key])]),
  ) as Record<CouncilKey, string>;
}
