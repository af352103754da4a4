// The forms of a funding year's data: adding a year, a service, the forum's decision on it in a
// phase, and a service's rates per phase × factor.
import { z } from 'zod';
import { checkboxGroup } from '../../platform/checkboxes.ts';
import { dateInput } from '../../platform/date-input.ts';
import { DECISIONS, KINDS, PHASES, PHASE_NAMES, type Phase } from '../rules.ts';
import {
  mayApplyToSpecialSchools,
  parseFundingYear,
  parseRatePounds,
  previousField,
  rateField,
  serviceKeyOf,
} from './rules.ts';

const text = (max: number, empty?: string) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.trim() : ''),
    empty
      ? z.string().min(1, empty).max(max, `Must be ${max} characters or fewer`)
      : z.string().max(max, `Must be ${max} characters or fewer`),
  );

export const yearFormSchema = z.object({
  year: z
    .preprocess((value) => (typeof value === 'string' ? value : ''), z.string())
    .transform((value, ctx) => {
      const year = parseFundingYear(value);
      if (year.ok) return year.value;
      ctx.addIssue({ code: 'custom', message: value.trim() ? year.message : 'Enter the funding year' });
      return z.NEVER;
    }),
  copy: z.preprocess((value) => value === 'yes', z.boolean()),
});

export const serviceFormSchema = z
  .object({
    name: text(120, 'Enter the name of the service'),
    description: text(2000),
    kind: z.enum(KINDS, { error: 'Select whether it is a centrally provided service or an education function' }),
    phases: checkboxGroup(
      z.enum(PHASES, { error: 'Select the phases it is proposed for' }),
      'Select the phases it is proposed for',
    ),
  })
  .superRefine((form, ctx) => {
    if (!serviceKeyOf(form.name))
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'The name must start with a letter' });
    if (form.phases.includes('special') && !mayApplyToSpecialSchools(form.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['phases'],
        message:
          'Only an education function can apply to special schools; de-delegation of a centrally provided service is not an option for them',
      });
    }
  })
  .transform((form) => ({ ...form, phases: PHASES.filter((phase) => form.phases.includes(phase)) }));
export type ServiceForm = z.infer<typeof serviceFormSchema>;

export const decisionFormSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: 'Select the forum’s decision' }),
    decidedOn: z.unknown().optional(),
    note: text(2000),
  })
  .transform((form, ctx) => {
    const proposed = form.decision === 'proposed';
    const parts = form.decidedOn as Record<string, string> | undefined;
    const blank = !parts || ['day', 'month', 'year'].every((part) => !String(parts[part] ?? '').trim());
    if (proposed && blank) return { decision: form.decision, decidedOn: null, note: form.note };
    const date = dateInput('date of the decision').safeParse(form.decidedOn);
    if (!date.success) {
      for (const issue of date.error.issues)
        ctx.addIssue({ code: 'custom', path: ['decidedOn', ...issue.path.map(String)], message: issue.message });
      return z.NEVER;
    }
    return { decision: form.decision, decidedOn: date.data ?? null, note: form.note };
  });
export type DecisionForm = z.infer<typeof decisionFormSchema>;

/** A rate as the rates form gives it: pence per unit, with the previous year's rate beside it. */
export interface RateInput {
  phase: Phase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
}

export interface FactorChoice {
  key: string;
  name: string;
}

export type RatesCheck =
  | { ok: true; rates: RateInput[] }
  | { ok: false; errors: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> };

/**
 * Reads the rates form: one rate and previous rate per phase × factor offered. A row left blank
 * is not used; a previous rate needs a rate beside it; amounts are £0 or more in whole pence.
 */
export function parseRatesForm(
  body: Record<string, unknown>,
  phases: readonly Phase[],
  factors: readonly FactorChoice[],
): RatesCheck {
  const rates: RateInput[] = [];
  const errors: { text: string; href: string }[] = [];
  const fieldErrors: Record<string, { text: string }> = {};
  const fail = (field: string, text: string) => {
    errors.push({ text, href: `#${field}` });
    fieldErrors[field] = { text };
  };
  for (const phase of phases) {
    for (const factor of factors) {
      const label = `${PHASE_NAMES[phase]} ${factor.name}`;
      const rateBox = rateField(phase, factor.key);
      const previousBox = previousField(phase, factor.key);
      const rate = parseRatePounds(String(body[rateBox] ?? ''), `The ${label} rate`);
      const previous = parseRatePounds(String(body[previousBox] ?? ''), `The ${label} previous rate`);
      if (!rate.ok) fail(rateBox, rate.message);
      if (!previous.ok) fail(previousBox, previous.message);
      if (!rate.ok || !previous.ok) continue;
      if (rate.value === null) {
        if (previous.value !== null)
          fail(rateBox, `Enter the ${label} rate, or clear the previous rate to stop using this factor`);
        continue;
      }
      rates.push({ phase, factor: factor.key, ratePence: rate.value, previousRatePence: previous.value });
    }
  }
  return errors.length ? { ok: false, errors, fieldErrors } : { ok: true, rates };
}
