/** Triage decisions' rules: what can be decided from a referral's status, and what a message may say. */
import type { Selectable } from 'kysely';
import type { ReferralsTable } from '../../referrals/schema.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { DraftAnswers } from '../../referrals/forms.ts';
import { canMove, isOutcome, type OutcomeCode } from '../../referrals/outcomes/rules.ts';

export const ALREADY_DECIDED = 'This referral already has an outcome';

export type ReferralRow = Selectable<ReferralsTable>;

/**
 * What a change came to: done (or already done by an identical earlier press), not found, or
 * a problem to show on the form (400 for what was typed, 409 when the referral has moved on).
 */
export type ChangeResult =
  | { kind: 'done' }
  | { kind: 'not-found' }
  | {
      kind: 'problem';
      status: 400 | 409;
      referral: ReferralRow;
      values: Record<string, unknown>;
      errors: ErrorItem[];
      fieldErrors: FieldErrors;
    };

export type Problem = Extract<ChangeResult, { kind: 'problem' }>;

export function problem(
  referral: ReferralRow,
  values: Record<string, unknown>,
  field: string,
  text: string,
  status: 400 | 409 = 400,
): Problem {
  return {
    kind: 'problem',
    status,
    referral,
    values,
    errors: [{ text, href: `#${field}` }],
    fieldErrors: { [field]: { text } },
  };
}

/** The child's first and last names as the referrer gave them. */
export function childNames(referral: ReferralRow): string[] {
  const child = (referral.answers as unknown as DraftAnswers).pages?.child ?? {};
  return [child.firstName, child.lastName].map((name) => String(name ?? '').trim()).filter((name) => name.length > 1);
}

/**
 * Whether text for the referrer's email names the child. Messages hold no personal data beyond
 * what a template needs (templates.ts): the referrer sees the child's name when they sign in.
 */
export function namesChild(text: string, names: readonly string[]): boolean {
  const words = (value: string) =>
    value
      .toLocaleLowerCase('en-GB')
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  const said = words(text);
  return names.some((name) => {
    const parts = words(name);
    return parts.length > 0 && said.some((_, i) => parts.every((part, j) => said[i + j] === part));
  });
}

/** Why this outcome cannot be recorded from the referral's status, or undefined when it can. */
export function cannotDecide(status: string, outcome: OutcomeCode): string | undefined {
  if (canMove(status, outcome)) return undefined;
  if (isOutcome(status)) return ALREADY_DECIDED;
  if (status === 'more-information') {
    return 'While the referrer is finding more information, you can only pass the referral to safeguarding or not accept it';
  }
  return 'This referral has not been sent yet';
}
