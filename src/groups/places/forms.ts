/**
 * The nomination forms: a parent for a parent group (with their contact, the child and
 * the school, and their consent to share contact details), or a child from the school's roll for
 * a small group (with the parent who consented and when).
 */
import { z } from 'zod';
import { dateInput, withDateInputs } from '../../platform/date-input.ts';
import { validate, type Validated } from '../../platform/validation.ts';
import { isPhoneOrEmail } from './rules.ts';

export const CONSENT_REQUIRED = 'The parent must agree to share their contact details before they can be nominated';

const text = (missing: string, max: number, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

const parentSchema = z.object({
  parentName: text('Enter the parent’s name', 120, 'Parent’s name'),
  parentContact: text('Enter a phone number or email address for the parent', 200, 'Contact').refine(
    isPhoneOrEmail,
    'Enter a phone number or email address for the parent, like 07700 900982 or name@example.com',
  ),
  childName: text('Enter the child’s name', 120, 'Child’s name'),
  urn: z.coerce
    .number({ error: 'Select the child’s school' })
    .int('Select the child’s school')
    .positive('Select the child’s school'),
  consentToShare: z.literal('yes', { error: CONSENT_REQUIRED }),
});

export type ParentNomination = z.infer<typeof parentSchema>;

/** A parent nomination; `urns` are the schools the nominator may choose. */
export function readParentNomination(body: unknown, urns: readonly number[]): Validated<ParentNomination> {
  const result = validate(parentSchema, body);
  if (result.ok && !urns.includes(result.data.urn)) {
    return {
      ok: false,
      errors: [{ text: 'Select the child’s school', href: '#urn' }],
      fieldErrors: { urn: { text: 'Select the child’s school' } },
    };
  }
  return result;
}

const childSchema = (today: string) =>
  z.object({
    upn: z.string({ error: 'Select the child' }).trim().min(1, 'Select the child'),
    consentBy: text('Enter the name of the parent who gave consent', 120, 'Name of the parent'),
    consentOn: dateInput('date consent was given', { earliest: '2000-01-01', latest: today }),
  });

export type ChildNomination = z.infer<ReturnType<typeof childSchema>>;

/** A small-group nomination: consent cannot be dated in the future. */
export function readChildNomination(body: unknown, today: string): Validated<ChildNomination> {
  return validate(childSchema(today), withDateInputs(body, ['consentOn']));
}
