// The assessment's smaller forms [seed 004; portsmouth-early-help-forms-and-rules.md §3.1 B, D]:
// a consent, its withdrawal, a member of "Who's in our family?", and the child's voice with the
// school's input. Each reads the form into what is stored, with the GOV.UK error messages.
import { z } from 'zod';
import { checkDateParts, dateInput, withDateInputs, type DateParts } from '../../platform/date-input.ts';
import { validate, type ErrorItem, type FieldErrors, type Validated } from '../../platform/validation.ts';
import { MAX_TEXT } from './rules.ts';

const NAME_MAX = 200;

const required = (message: string, name: string, max = NAME_MAX) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or less`);
const optional = (name: string, max = NAME_MAX) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or less`)
    .optional()
    .transform((value) => (value ? value : null));
const yesNo = (message: string) => z.enum(['yes', 'no'], message).transform((value) => value === 'yes');

export const CONSENT_DATE_FIELDS = ['givenOn'] as const;

export function consentSchema(today: string) {
  return z.object({
    kind: z.enum(['plan-sharing', 'supporting-families'], 'Select which consent this is'),
    agreed: yesNo('Select whether they agree or do not agree'),
    givenBy: required('Enter the name of the person giving consent', 'The name'),
    givenByRole: z.enum(
      ['parent-carer', 'young-person'],
      'Select whether a parent or carer or the young person gave consent',
    ),
    givenOn: dateInput('date consent was given', { latest: today }),
  });
}

export type ConsentInput = z.infer<ReturnType<typeof consentSchema>>;

export function readConsentForm(body: unknown, today: string) {
  return validate(consentSchema(today), withDateInputs(body, CONSENT_DATE_FIELDS));
}

export const WITHDRAWAL_DATE_FIELDS = ['withdrawnOn'] as const;

export function readWithdrawalForm(body: unknown, givenOn: string, today: string) {
  const schema = z.object({
    withdrawnOn: dateInput('date consent was withdrawn', { earliest: givenOn, latest: today }),
    reason: required('Enter why consent was withdrawn', 'The reason', MAX_TEXT),
  });
  return validate(schema, withDateInputs(body, WITHDRAWAL_DATE_FIELDS));
}

/** Gender on "Who's in our family?" (the form's drop-down values are not given; optional), as on the referral. */
export const GENDERS = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'not-given', label: 'Prefers not to say' },
] as const;

export function genderLabel(value: string | null | undefined): string {
  return GENDERS.find((gender) => gender.value === value)?.label ?? '';
}

/** "Who's in our family?" has 10 slots on the paper form; a little room for larger families. */
export const MAX_FAMILY_MEMBERS = 20;

export const FAMILY_DATE_FIELDS = ['dateOfBirth', 'expectedOn'] as const;

const memberSchema = z.object({
  name: required('Enter their name', 'The name'),
  unborn: yesNo('Select whether this is an unborn baby'),
  relationship: required('Enter their relationship to the child', 'The relationship'),
  gender: z
    .union(
      [z.literal(''), z.enum(GENDERS.map((gender) => gender.value) as [string, ...string[]])],
      'Select their gender, or leave it blank',
    )
    .optional()
    .transform((value) => (value ? value : null)),
  ethnicity: optional('Ethnicity'),
  disability: optional('Disability', 2000),
  livesAtHome: yesNo('Select whether they live at the family’s home'),
});

export interface FamilyMemberInput {
  name: string;
  unborn: boolean;
  /** The date of birth, or for an unborn baby the expected date of delivery. */
  date: string;
  relationship: string;
  gender: string | null;
  ethnicity: string | null;
  disability: string | null;
  livesAtHome: boolean;
}

const MEMBER_FIELD_ORDER = [
  'name',
  'unborn',
  'dateOfBirth',
  'expectedOn',
  'relationship',
  'gender',
  'ethnicity',
  'disability',
  'livesAtHome',
];

/**
 * One family member: a date of birth (not in the future), or for an unborn baby the expected
 * date of delivery (today or later) [seed 004, L4092 footnote].
 */
export function readFamilyMemberForm(input: unknown, today: string): Validated<FamilyMemberInput> {
  const body = withDateInputs(input, FAMILY_DATE_FIELDS);
  const base = validate(memberSchema, body);
  const errors: ErrorItem[] = base.ok ? [] : [...base.errors];
  const fieldErrors: FieldErrors = base.ok ? {} : { ...base.fieldErrors };
  const unborn = body.unborn === 'yes' ? true : body.unborn === 'no' ? false : undefined;
  let date: string | undefined;
  if (unborn !== undefined) {
    const name = unborn ? 'expectedOn' : 'dateOfBirth';
    const check = unborn
      ? checkDateParts(body[name] as Partial<DateParts>, 'expected date of delivery', { earliest: today })
      : checkDateParts(body[name] as Partial<DateParts>, 'date of birth', { latest: today });
    if (check.ok) date = check.date;
    else {
      const field = `${name}-${check.parts[0]}`;
      fieldErrors[field] = { text: check.message };
      errors.push({ text: check.message, href: `#${field}` });
    }
  }
  if (!base.ok || date === undefined) {
    const rank = (item: ErrorItem) => MEMBER_FIELD_ORDER.findIndex((field) => item.href.slice(1).startsWith(field));
    return { ok: false, errors: errors.sort((a, b) => rank(a) - rank(b)), fieldErrors };
  }
  return { ok: true, data: { ...base.data, date } };
}

const voicesSchema = z.object({
  childVoice: optional('The child’s voice', MAX_TEXT),
  schoolInput: optional('The school’s input', MAX_TEXT),
});

/** The child's wishes and feelings and the school's input, both free text and optional while in progress. */
export function readVoicesForm(body: unknown) {
  return validate(voicesSchema, body);
}
