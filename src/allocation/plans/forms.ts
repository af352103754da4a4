// The allocation plan's what-if form: the capacity, the core offer, which schools are in the
// offer, the share kept for groups, the small-group schools and weights to try.
import { z } from 'zod';
import type { FactorCode } from '../vulnerability/rules.ts';
import { WEIGHT_FIELDS, needsAWeight, weightValues, weightsOf } from '../methods/forms.ts';
import type { SmallGroupRule } from './rules.ts';

export const PLAN_SCOPES = [
  { value: 'maintained-primary', text: 'Maintained primary schools' },
  { value: 'maintained', text: 'All maintained schools' },
  { value: 'all', text: 'All schools' },
] as const;
export type PlanScope = (typeof PLAN_SCOPES)[number]['value'];

/** Havering SEMH Team proposal: '1 Senior SSFP and 3 SSFPs … c200 families' a year. */
export const DEFAULT_CAPACITY = 200;

export interface PlanInputs {
  capacity: number;
  coreOffer: number;
  /** Fraction, 0 to 1, of capacity kept for group work. */
  groupShare: number;
  scope: PlanScope;
  smallGroups: SmallGroupRule;
  /** Weights to try instead of the year's method's; the year's basis and scale still apply. */
  weights?: Partial<Record<FactorCode, number>>;
}

const whole = (message: string) => z.coerce.number({ error: message }).int(message);

/** The what-if form, as submitted (query string or body): group share is a percentage there. */
export const planFormSchema = z
  .object({
    capacity: whole('Enter the capacity as a whole number of families').min(1, 'Capacity must be at least 1 family'),
    coreOffer: whole('Enter the core offer as a whole number of cases').min(
      0,
      'The core offer must be 0 cases or more',
    ),
    groupShare: z.coerce
      .number({ error: 'Enter the share kept for groups as a percentage' })
      .min(0, 'The share kept for groups must be between 0% and 100%')
      .max(100, 'The share kept for groups must be between 0% and 100%'),
    scope: z.enum(PLAN_SCOPES.map((s) => s.value) as [PlanScope, ...PlanScope[]], {
      error: 'Select which schools are in the offer',
    }),
    smallGroupsBy: z.enum(['top', 'topPercent'], { error: 'Select how small-group schools are chosen' }),
    smallGroups: whole('Enter the small-group schools as a whole number').min(
      0,
      'The small-group schools must be 0 or more',
    ),
    ...WEIGHT_FIELDS,
  })
  .superRefine(needsAWeight(false))
  .refine((form) => form.smallGroupsBy === 'top' || form.smallGroups <= 100, {
    message: 'The percentage of small-group schools must be 100% or less',
    path: ['smallGroups'],
  });

export type PlanForm = z.infer<typeof planFormSchema>;

export function inputsOf(form: PlanForm): PlanInputs {
  return {
    capacity: form.capacity,
    coreOffer: form.coreOffer,
    groupShare: form.groupShare / 100,
    scope: form.scope,
    smallGroups: form.smallGroupsBy === 'top' ? { top: form.smallGroups } : { topPercent: form.smallGroups },
    weights: weightsOf(form),
  };
}

export function formOf(inputs: PlanInputs): PlanForm {
  const top = 'top' in inputs.smallGroups;
  return {
    capacity: inputs.capacity,
    coreOffer: inputs.coreOffer,
    groupShare: Math.round(inputs.groupShare * 10000) / 100,
    scope: inputs.scope,
    smallGroupsBy: top ? 'top' : 'topPercent',
    smallGroups: 'top' in inputs.smallGroups ? inputs.smallGroups.top : inputs.smallGroups.topPercent,
    ...weightValues(inputs.weights),
  };
}
