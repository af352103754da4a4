// The weight boxes, shared by the method form and the allocation plan's what-if form so the same
// words and limits apply to both, and the method form.
import { z } from 'zod';
import {
  FACTORS,
  FACTOR_CODES,
  NO_FACTOR_PROBLEM,
  factorInSentence,
  weightProblem,
  type FactorCode,
  type VulnerabilityMethod,
} from '../vulnerability/rules.ts';

/** The highest weight the forms accept. */
export const MAX_WEIGHT = 10;

export type WeightField = `weight-${FactorCode}`;
export const weightField = (code: FactorCode): WeightField => `weight-${code}`;

/** A plain number such as 2, 0.5 or 1.25: no signs, exponents or hexadecimal. */
const PLAIN_NUMBER = /^(\d+(\.\d+)?|\.\d+)$/;

/** One weight box: blank means 0 (not used); absent stays undefined. */
function weightSchema(code: FactorCode) {
  const message = weightProblem(code);
  return z
    .union([z.string(), z.number()], { error: message })
    .optional()
    .transform((value) => (value === undefined ? undefined : String(value).trim()))
    .refine((value) => value === undefined || value === '' || PLAIN_NUMBER.test(value), message)
    .transform((value) => (value === undefined ? undefined : value === '' ? 0 : Number(value)))
    .refine(
      (value) => value === undefined || value <= MAX_WEIGHT,
      `The weight for ${factorInSentence(code)} must be ${MAX_WEIGHT} or less`,
    );
}

export const WEIGHT_FIELDS = Object.fromEntries(
  FACTOR_CODES.map((code) => [weightField(code), weightSchema(code)]),
) as Record<WeightField, ReturnType<typeof weightSchema>>;

type WeightValues = Partial<Record<WeightField, number | undefined>>;

/** The weights typed in, or undefined when no box was sent (so the year's method applies). */
export function weightsOf(form: WeightValues): Partial<Record<FactorCode, number>> | undefined {
  if (FACTOR_CODES.every((code) => form[weightField(code)] === undefined)) return undefined;
  return Object.fromEntries(FACTOR_CODES.map((code) => [code, form[weightField(code)] ?? 0]));
}

/** Refuses weights that are all 0, pointing at the first box. `required`: blank boxes count as 0. */
export const needsAWeight =
  (required: boolean) =>
  (form: WeightValues, ctx: z.RefinementCtx): void => {
    const weights = weightsOf(form) ?? (required ? {} : undefined);
    if (weights && !FACTOR_CODES.some((code) => (weights[code] ?? 0) > 0)) {
      ctx.addIssue({ code: 'custom', message: NO_FACTOR_PROBLEM, path: [weightField(FACTOR_CODES[0])] });
    }
  };

/** Each weight box's value for a method's weights (0 for a factor it does not use); none without weights. */
export function weightValues<W extends VulnerabilityMethod['weights'] | undefined>(
  weights: W,
): Record<WeightField, W extends undefined ? undefined : number> {
  return Object.fromEntries(FACTOR_CODES.map((code) => [weightField(code), weights && (weights[code] ?? 0)])) as Record<
    WeightField,
    W extends undefined ? undefined : number
  >;
}

/** What the weight boxes need: one per factor, in the order of FACTORS. */
export const WEIGHT_BOXES = FACTORS.map((factor) => ({
  field: weightField(factor.code),
  label: factor.label,
  shortLabel: factor.shortLabel,
}));

/** The method form: basis, scale and a weight per factor. */
export const methodFormSchema = z
  .object({
    basis: z.enum(['volume', 'rate'], { error: 'Select whether the score uses the volume or the rate' }),
    normalisation: z.enum(['min-max', 'z-score', 'share-of-total'], {
      error: 'Select how the figures are put on a common scale',
    }),
    ...WEIGHT_FIELDS,
  })
  .superRefine(needsAWeight(true));

export type MethodForm = z.infer<typeof methodFormSchema>;

export const methodOfForm = (form: MethodForm): VulnerabilityMethod => ({
  basis: form.basis,
  normalisation: form.normalisation,
  weights: weightsOf(form) ?? {},
});

export const formOfMethod = (method: VulnerabilityMethod) => ({
  basis: method.basis,
  normalisation: method.normalisation,
  ...weightValues(method.weights),
});
