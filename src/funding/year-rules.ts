// The rules of the finance officer's funding data [issue 8; seed 001]: who reads and changes it,
// funding years, services and the phases they may apply to, rates in pounds and pence, the
// forum's decisions. Pure functions and form schemas, no database.
import { z } from 'zod';
import { checkboxGroup } from '../platform/checkboxes.ts';
import type { FundingPhase } from './schema.ts';
import type { Check } from '../platform/csv-import.ts';
import { dateInput } from '../platform/date-input.ts';
import type { Role } from '../platform/roles.ts';

/** Who changes funding data: the finance officer and administrators. */
export const FUNDING_WRITERS: readonly Role[] = ['finance_officer', 'admin'];
/** Who reads a year's services, rates, decisions and school data set. */
export const FUNDING_READERS: readonly Role[] = [...FUNDING_WRITERS, 'analyst'];
/** Who sees the funding landing page: readers, and school users for their own schools' statements. */
export const FUNDING_VISITORS: readonly Role[] = [...FUNDING_READERS, 'school_user'];

export const mayChangeFunding = (roles: readonly Role[]) => roles.some((role) => FUNDING_WRITERS.includes(role));

export const PHASES = ['primary', 'secondary', 'special'] as const satisfies readonly FundingPhase[];
export const PHASE_NAMES: Record<FundingPhase, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  special: 'Special',
};

export const KINDS = ['service', 'education-function'] as const;
export type ServiceKind = (typeof KINDS)[number];
export const KIND_NAMES: Record<ServiceKind, string> = {
  service: 'Centrally provided service',
  'education-function': 'Education function',
};

export const DECISIONS = ['proposed', 'agreed', 'not-agreed'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_NAMES: Record<Decision, string> = {
  proposed: 'Proposed',
  agreed: 'Agreed',
  'not-agreed': 'Not agreed',
};

const YEAR_MESSAGE = 'Enter the funding year like 2025-26';

/** A funding year as '2025-26': two consecutive years, April to March. */
export function parseFundingYear(value: string): Check<string> {
  const match = /^(\d{4})\s*[-/]\s*(\d{2}|\d{4})$/.exec(value.trim());
  if (!match) return { ok: false, message: YEAR_MESSAGE };
  const start = Number(match[1]);
  const end = Number(match[2].length === 2 ? `${match[1].slice(0, 2)}${match[2]}` : match[2]);
  const endTwo = (start + 1) % 100;
  if (start < 2000 || start > 2098 || end % 100 !== endTwo || (match[2].length === 4 && end !== start + 1)) {
    return { ok: false, message: 'The funding year must be two years in a row, like 2025-26' };
  }
  return { ok: true, value: `${start}-${String(endTwo).padStart(2, '0')}` };
}

/** Whether a path segment is a funding year's label ('2024-25'). */
export const isFundingYearLabel = (value: string) => /^\d{4}-\d{2}$/.test(value) && parseFundingYear(value).ok;

/** The funding year after one: '2025-26' after '2024-25'. */
export function nextFundingYear(label: string): string {
  const start = Number(label.slice(0, 4)) + 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The year a new year copies from: the newest of `existing` before it, if any. */
export function yearToCopy(label: string, existing: readonly string[]): string | undefined {
  return [...existing]
    .filter((year) => year < label)
    .sort()
    .at(-1);
}

/** A service's key, stable within a year, from its name: 'Behaviour support' → 'behaviour-support'. */
export function serviceKeyOf(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return /^[a-z][a-z0-9-]{0,59}$/.test(key) ? key : undefined;
}

/**
 * De-delegation for centrally provided services is not an option for special schools;
 * de-delegation for education functions can be applied to special schools (seed 001).
 */
export function mayApplyToSpecialSchools(kind: ServiceKind): boolean {
  return kind === 'education-function';
}

/** The most a rate may be per unit: far above any rate a forum paper sets. */
export const MAX_RATE_PENCE = 100_000_00;

/** A rate in pounds, like 14.08 or £1,250: whole pence, or null when left blank. */
export function parseRatePounds(value: string, label: string): Check<number | null> {
  const text = value
    .trim()
    .replace(/^£/, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (text === '') return { ok: true, value: null };
  if (!/^\d+(\.\d{1,2})?$/.test(text)) {
    return /^-/.test(text)
      ? { ok: false, message: `${label} must be £0 or more` }
      : { ok: false, message: `${label} must be an amount in pounds with at most 2 decimal places, like 14.08` };
  }
  const [pounds, pence = ''] = text.split('.');
  const total = Number(pounds) * 100 + Number(pence.padEnd(2, '0'));
  if (total > MAX_RATE_PENCE)
    return { ok: false, message: `${label} must be £${(MAX_RATE_PENCE / 100).toLocaleString('en-GB')} or less` };
  return { ok: true, value: total };
}

/** Pence as the pounds a rate box shows: 1408 → '14.08'. */
export const poundsText = (pence: number | null | undefined) => (pence == null ? '' : (pence / 100).toFixed(2));

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
  phase: FundingPhase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
}

export interface FactorChoice {
  key: string;
  name: string;
}

/** The box names of one rate in the rates form. */
export const rateField = (phase: FundingPhase, factor: string) => `rate-${phase}-${factor}`;
export const previousField = (phase: FundingPhase, factor: string) => `previous-${phase}-${factor}`;

export type RatesCheck =
  | { ok: true; rates: RateInput[] }
  | { ok: false; errors: { text: string; href: string }[]; fieldErrors: Record<string, { text: string }> };

/**
 * Reads the rates form: one rate and previous rate per phase × factor offered. A row left blank
 * is not used; a previous rate needs a rate beside it; amounts are £0 or more in whole pence.
 */
export function parseRatesForm(
  body: Record<string, unknown>,
  phases: readonly FundingPhase[],
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
