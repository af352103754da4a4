import { z } from 'zod';
import { OUTCOMES, type OutcomeCode } from '../../referrals/outcomes/rules.ts';

const MAX_LENGTH = 2000;

/** Text the referrer reads: required, and short enough for an email (the outbox's limit). */
const message = (empty: string, name: string) =>
  z.string({ error: empty }).trim().min(1, empty).max(MAX_LENGTH, `${name} must be 2,000 characters or fewer`);

export const decisionSchema = z.object({
  level: z.enum(['1', '2', '3', '4'], { error: 'Select the level of need' }).transform(Number),
  outcome: z.enum(OUTCOMES.map((outcome) => outcome.code) as [OutcomeCode, ...OutcomeCode[]], {
    error: 'Select the outcome',
  }),
  // Every outcome is sent with a message; signposting and declining must say why (outcomeNeedsReason).
  reason: message('Enter the reason the referrer will see', 'The reason'),
});

export const questionSchema = z.object({ question: message('Enter the question for the referrer', 'The question') });

export const answerSchema = z.object({ answer: message('Enter your answer', 'Your answer') });

/** The form fields as typed, without the CSRF token. */
export function typed(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));
}
