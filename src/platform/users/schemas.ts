import { z } from 'zod';
import { ROLES, isRole, type Role } from '../roles.ts';
import { checkedValues } from '../checkboxes.ts';

export const PASSWORD_MIN_LENGTH = 12;


/** The form as it was sent, in the shape the form pages expect, so nothing typed is lost. */
export interface UserFormValues {
  name: string;
  email: string;
  roles: string[];
  schools: string[];
}

export function formValues(body: Record<string, unknown>): UserFormValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { name: text(body.name), email: text(body.email), roles: checkedValues(body.roles), schools: checkedValues(body.schools) };
}

const text = (schema: z.ZodString) => z.preprocess((value) => (typeof value === 'string' ? value : ''), schema);

const fields = {
  name: text(z.string().trim().min(1, 'Enter the person’s full name').max(200, 'Name must be 200 characters or fewer')),
  email: text(
    z
      .string()
      .trim()
      .min(1, 'Enter an email address')
      .max(254, 'Email address must be 254 characters or fewer')
      .email('Enter an email address in the correct format, like name@example.com'),
  ),
  // Unknown values can only come from a tampered form, so they are dropped rather than reported.
  roles: z.preprocess(
    (value) => checkedValues(value).filter(isRole),
    z.array(z.enum(ROLES)).min(1, 'Select at least one role'),
  ),
  schools: z.preprocess(
    (value) => [...new Set(checkedValues(value).map(Number).filter(Number.isInteger))],
    z.array(z.number()),
  ),
};

/**
 * A school referrer must work at a school; nobody else is linked to one, because schools only
 * limit what school referrers see. Schools chosen for other roles are dropped.
 */
function schoolRule<T extends { roles: Role[]; schools: number[] }>(schema: z.ZodType<T>) {
  return schema
    .superRefine((user, ctx) => {
      if (user.roles.includes('school_user') && user.schools.length === 0) {
        ctx.addIssue({ code: 'custom', path: ['schools'], message: 'Select the school this person works at' });
      }
    })
    .transform((user) => ({ ...user, schools: user.roles.includes('school_user') ? user.schools : [] }));
}

export const editUserSchema = schoolRule(z.object(fields));

const password = (missing: string) =>
  text(
    z
      .string()
      .min(1, missing)
      .min(PASSWORD_MIN_LENGTH, `Password must be ${PASSWORD_MIN_LENGTH} characters or more`)
      .max(200, 'Password must be 200 characters or fewer'),
  );

export const newUserSchema = schoolRule(z.object({ ...fields, password: password('Enter an initial password') }));

export const resetPasswordSchema = z.object({ password: password('Enter a new password') });

export type UserForm = z.infer<typeof editUserSchema>;
