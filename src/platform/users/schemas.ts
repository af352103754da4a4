import { z } from 'zod';
import { ROLES, isRole, type Role } from '../roles.ts';
import { checkedValues } from '../checkboxes.ts';
import { passwordProblem } from '../auth/password-policy.ts';

/** The form as it was sent, in the shape the form pages expect, so nothing typed is lost. */
export interface UserFormValues {
  name: string;
  email: string;
  roles: string[];
  schools: string[];
}

export function formValues(body: Record<string, unknown>): UserFormValues {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    name: text(body.name),
    email: text(body.email),
    roles: checkedValues(body.roles),
    schools: checkedValues(body.schools),
  };
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

const passwordField = (missing: string) => text(z.string().min(1, missing));

/**
 * Checks a form's password by the password rules (auth/password-policy.ts), which say why one
 * cannot be used; `email` gives the account's address (typed on the same form, or the account's
 * own). It runs even when other fields have problems, so every problem is shown at once.
 */
function checkPassword(email: (values: Record<string, unknown>) => unknown) {
  return (values: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const { password } = values;
    const address = email(values);
    const problem =
      typeof password === 'string' && password
        ? passwordProblem(password, typeof address === 'string' ? address : undefined)
        : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  };
}
const ALWAYS = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

/** The person's details and their first password, which must not include their own email address. */
export const newUserSchema = schoolRule(
  z.object({ ...fields, password: passwordField('Enter an initial password') }).superRefine(
    checkPassword((values) => values.email),
    ALWAYS,
  ),
);

/** A new password for the account with this email address. */
export const resetPasswordSchema = (email: string) =>
  z.object({ password: passwordField('Enter a new password') }).superRefine(
    checkPassword(() => email),
    ALWAYS,
  );

export type UserForm = z.infer<typeof editUserSchema>;
