import { randomBytes } from 'node:crypto';
import type { DemoAccounts } from '../db/set-up.ts';
import { ROLES, ROLE_NAMES, type Role } from '../platform/roles.ts';
import { passwordProblem } from '../platform/auth/password-policy.ts';

// The demo borough's people who sign in: one account per role, at a made-up email domain.

/** Broadford Primary School, Harold Hill: the school the demo school user works at. */
export const DEMO_SCHOOL_URN = 102317;
export const DEMO_EMAIL_DOMAIN = 'demo.inclusion-hub.test';

export const STAFF_NAMES: Record<Role, string> = {
  school_user: 'Priya Shah',
  triage_manager: 'Tom Okoro',
  team_manager: 'Helen Marsh',
  practitioner: 'Jamal Reid',
  senior_practitioner: 'Claire Dunn',
  attendance_officer: 'Gary Holt',
  finance_officer: 'Niamh Byrne',
  analyst: 'Wei Chen',
  admin: 'Sam Patel',
};

export const demoEmail = (role: Role) => `${role}@${DEMO_EMAIL_DOMAIN}`;

export function demoAccountList(): DemoAccounts['accounts'] {
  return ROLES.map((role) => ({ role, email: demoEmail(role), name: `${STAFF_NAMES[role]} (${ROLE_NAMES[role]})` }));
}

/** Why a password cannot be used for every demo account (the password rules, against each account's email address). */
export function demoPasswordProblem(password: string): string | undefined {
  for (const account of demoAccountList()) {
    const problem = passwordProblem(password, account.email);
    if (problem) return problem;
  }
  return undefined;
}

/** A random demo password (12 characters) that passes the password rules. */
export function generatedDemoPassword(): string {
  for (;;) {
    const password = randomBytes(9).toString('base64url');
    if (!demoPasswordProblem(password)) return password;
  }
}
