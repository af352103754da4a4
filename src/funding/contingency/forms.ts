// The contingency fund's forms: the fund's size, a school's application, the finance officer's
// decision, and a school's conversion to an academy. Amounts are typed in pounds and kept in pence.
import { z } from 'zod';
import { dateInput } from '../../platform/date-input.ts';
import { MAX_PENCE, financialYearDates, penceFromPounds, poundsText } from './rules.ts';

export const EVIDENCE_MAX = 2000;
export const REASON_MAX = 1000;

// Each field is optional in shape (a missing field reads as blank) so that its own message names it.
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** An amount in pounds, given in pence: required, and more than £0 unless `zeroAllowed`. */
function pounds(label: string, example: string, { zeroAllowed = false } = {}) {
  return z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      const typed = text(value);
      const Label = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
      const fail = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (!typed) return fail(`Enter ${label}`);
      const pence = penceFromPounds(typed);
      if (pence === undefined) return fail(`${Label} must be an amount in pounds, like ${example}`);
      if (pence > MAX_PENCE) return fail(`${Label} must be ${poundsText(MAX_PENCE)} or less`);
      if (pence === 0 && !zeroAllowed) return fail(`${Label} must be more than £0`);
      return pence;
    });
}

export const fundSchema = z.object({ fund: pounds('the size of the fund', '£190,000', { zeroAllowed: true }) });

export const applicationSchema = z
  .object({
    urn: z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const urn = Number(text(value));
        if (!text(value) || !Number.isInteger(urn) || urn <= 0) {
          ctx.addIssue({ code: 'custom', message: 'Select the school' });
          return z.NEVER;
        }
        return urn;
      }),
    deficit: pounds('the deficit brought forward', '£19,218.19'),
    asked: pounds('the amount asked for', '£5,000'),
    evidence: z
      .unknown()
      .optional()
      .transform((value, ctx) => {
        const evidence = text(value);
        if (!evidence)
          ctx.addIssue({ code: 'custom', message: 'Enter the evidence of the school’s financial difficulty' });
        else if (evidence.length > EVIDENCE_MAX)
          ctx.addIssue({
            code: 'custom',
            message: `The evidence must be ${EVIDENCE_MAX.toLocaleString('en-GB')} characters or fewer`,
          });
        return evidence;
      }),
  })
  .superRefine((form, ctx) => {
    if (form.asked > form.deficit)
      ctx.addIssue({
        code: 'custom',
        path: ['asked'],
        message: 'The amount asked for cannot be more than the deficit brought forward',
      });
  });

export type ApplicationForm = z.infer<typeof applicationSchema>;

export const decisionSchema = z
  .object({
    decision: z.enum(['proposed', 'different', 'decline'], { error: 'Select a decision' }),
    amount: z.unknown().optional(),
    reason: z.unknown().optional().transform(text),
  })
  .transform((form, ctx) => {
    if (form.decision === 'decline') {
      if (!form.reason)
        ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter the reason for declining the application' });
      else if (form.reason.length > REASON_MAX)
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `The reason must be ${REASON_MAX.toLocaleString('en-GB')} characters or fewer`,
        });
      return { decision: 'decline' as const, reason: form.reason };
    }
    if (form.decision === 'proposed') return { decision: 'proposed' as const };
    const amount = pounds('the amount to agree', '£5,000').safeParse(form.amount);
    if (!amount.success) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: amount.error.issues[0].message });
      return z.NEVER;
    }
    return { decision: 'different' as const, amountPence: amount.data };
  });

export type DecisionForm = z.infer<typeof decisionSchema>;

/**
 * The date a school became an academy: within the funding year ("at any point in the year",
 * Havering schools forum report 2024-25, 'Contingency for schools in financial difficulty').
 */
export const conversionSchema = (year: string) =>
  z.object({ convertedOn: dateInput('date the school became an academy', financialYearDates(year)) });
