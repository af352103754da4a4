// The professionals working with the family on a case: a class teacher, the school nurse, a social
// worker… Each is told when the lead professional changes [Portsmouth early help assessment, plan,
// review and closure guidance, §2.5: 'when the LP changes, records must be updated and everyone
// involved informed'], so each needs a way to be reached: an email address or a phone number. Pure
// functions.
import { z } from 'zod';

export const MAX_NAME = 200;

const PHONE = /^\+?[\d\s()-]{9,20}$/;

const required = (message: string, name: string) =>
  z.string(message).trim().min(1, message).max(MAX_NAME, `${name} must be ${MAX_NAME} characters or less`);

const optional = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || null);

export const REACHABLE = 'Enter an email address or a phone number, so they can be told about changes to the case';

/** The "Add a professional" form: a name, a role or agency, and an email address or a phone number (or both). */
export const professionalSchema = z
  .object({
    name: required('Enter the professional’s name', 'Name'),
    roleOrAgency: required('Enter their role or agency', 'Role or agency'),
    email: optional.refine(
      (value) => value === null || z.email().safeParse(value).success,
      'Enter an email address in the correct format, like name@example.com',
    ),
    phone: optional.refine(
      (value) => value === null || PHONE.test(value),
      'Enter a phone number, like 01632 960 001 or 07700 900 982',
    ),
  })
  .refine((form) => form.email !== null || form.phone !== null, {
    message: REACHABLE,
    path: ['email'],
    when: (payload) => !payload.issues.some((issue) => ['email', 'phone'].includes(String(issue.path?.[0]))),
  });

export type ProfessionalInput = z.infer<typeof professionalSchema>;

/** Email addresses without repeats, compared without regard to case (the first spelling kept); blanks left out. */
export function distinctEmails(emails: readonly (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const email of emails) {
    const trimmed = email?.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) seen.set(trimmed.toLowerCase(), trimmed);
  }
  return [...seen.values()];
}
