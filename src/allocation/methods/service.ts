// The vulnerability method chosen for each academic year (Havering SEMH Team proposal): the team manager or the
// analyst picks the basis (volume or rate), the scale and a weight for each factor. A year with
// no method saved uses DEFAULT_METHOD. Every change is audited in the same transaction.
//
// The weight boxes are shared by the method form and the allocation plan's what-if form, so the
// same words and limits apply to both.
import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ErrorItem } from '../../platform/validation.ts';
import {
  DEFAULT_METHOD,
  FACTORS,
  FACTOR_CODES,
  NO_FACTOR_PROBLEM,
  checkMethod,
  factorInSentence,
  factorsUsed,
  methodProblems,
  weightProblem,
  type FactorCode,
  type MethodProblem,
  type VulnerabilityMethod,
} from '../vulnerability/rules.ts';

export const BASES = [
  {
    value: 'volume',
    text: 'Volume',
    hint: 'The number of pupils in each group, so larger schools with more pupils in need score higher (as the council paper describes).',
  },
  {
    value: 'rate',
    text: 'Rate',
    hint: 'Pupils in each group for every 100 pupils on roll, so small and large schools are compared fairly.',
  },
] as const;

export const NORMALISATIONS = [
  { value: 'min-max', text: 'Scale from 0 to 1 (min-max)', hint: 'The lowest school gets 0 and the highest gets 1.' },
  { value: 'share-of-total', text: 'Share of the total', hint: 'Each school’s share of the total for all schools.' },
  {
    value: 'z-score',
    text: 'Compared with the average school (z-score)',
    hint: 'Scores can be below 0, so an allocation plan cannot share out cases with this scale. Use it to compare schools only.',
  },
] as const;

/** The highest weight the forms accept. */
export const MAX_WEIGHT = 10;

export interface YearMethod {
  year: string;
  method: VulnerabilityMethod;
  /** True when no method is saved for the year, so DEFAULT_METHOD applies. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The method saved for the year, or DEFAULT_METHOD when there is none. */
export async function methodFor(db: Db, year: string): Promise<YearMethod> {
  const row = await db
    .selectFrom('vulnerability_methods as m')
    .leftJoin('users as u', 'u.id', 'm.updated_by')
    .select(['m.basis', 'm.normalisation', 'm.weights', 'm.updated_at', 'u.name'])
    .where('m.academic_year', '=', year)
    .executeTakeFirst();
  if (!row) return { year, method: DEFAULT_METHOD, isDefault: true, updatedAt: null, updatedBy: null };
  const method = { basis: row.basis, normalisation: row.normalisation, weights: row.weights } as VulnerabilityMethod;
  const problems = checkMethod(method);
  if (problems.length > 0)
    throw new Error(`The vulnerability method saved for ${year} cannot be used: ${problems.join('; ')}`);
  return { year, method, isDefault: false, updatedAt: row.updated_at, updatedBy: row.name };
}

/** Only the weights above 0, in the order of FACTORS: a factor without a weight is not used. */
export const tidyMethod = (method: VulnerabilityMethod): VulnerabilityMethod => ({
  basis: method.basis,
  normalisation: method.normalisation,
  weights: Object.fromEntries(factorsUsed(method).map((code) => [code, method.weights[code]])),
});

export type SaveMethodResult = { ok: true; method: VulnerabilityMethod } | { ok: false; problems: MethodProblem[] };

/** Saves the year's method (checked first) and audits what it was before and after. */
export async function saveMethod(
  db: Db,
  actor: Actor,
  year: string,
  method: VulnerabilityMethod,
  now: Date,
): Promise<SaveMethodResult> {
  const problems = methodProblems(method);
  if (problems.length > 0) return { ok: false, problems };
  const after = tidyMethod(method);
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('vulnerability_methods')
      .select(['basis', 'normalisation', 'weights'])
      .where('academic_year', '=', year)
      .forUpdate()
      .executeTakeFirst();
    const values = {
      basis: after.basis,
      normalisation: after.normalisation,
      weights: JSON.stringify(after.weights),
      updated_by: actor.userId,
      updated_at: now,
    };
    await trx
      .insertInto('vulnerability_methods')
      .values({ academic_year: year, ...values })
      .onConflict((oc) => oc.column('academic_year').doUpdateSet(values))
      .execute();
    await audit(trx, actor, {
      action: 'update',
      recordType: 'vulnerability-method',
      recordId: year,
      details: { year, before: before ?? { ...DEFAULT_METHOD, default: true }, after },
    });
  });
  return { ok: true, method: after };
}

/** Goes back to DEFAULT_METHOD for the year; false when the year already used it. */
export async function useDefaultMethod(db: Db, actor: Actor, year: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .deleteFrom('vulnerability_methods')
      .where('academic_year', '=', year)
      .returning(['basis', 'normalisation', 'weights'])
      .executeTakeFirst();
    if (!before) return false;
    await audit(trx, actor, {
      action: 'delete',
      recordType: 'vulnerability-method',
      recordId: year,
      details: { year, before, after: { ...DEFAULT_METHOD, default: true } },
    });
    return true;
  });
}

/** Whether two methods score schools the same way (a missing weight is a weight of 0). */
export const sameMethod = (a: VulnerabilityMethod, b: VulnerabilityMethod): boolean =>
  a.basis === b.basis &&
  a.normalisation === b.normalisation &&
  FACTOR_CODES.every((code) => (a.weights[code] ?? 0) === (b.weights[code] ?? 0));

/** The method in a line: 'volume, scale from 0 to 1 (min-max); weights SEN 1, LAC 1, …'. */
export function summariseMethod(method: VulnerabilityMethod): string {
  const basis = BASES.find((b) => b.value === method.basis)!.text.toLowerCase();
  const scale = NORMALISATIONS.find((n) => n.value === method.normalisation)!.text;
  const weights = FACTORS.filter((f) => (method.weights[f.code] ?? 0) > 0).map(
    (f) => `${f.shortLabel} ${method.weights[f.code]}`,
  );
  return `${basis}, ${scale.replace(/^./, (c) => c.toLowerCase())}; weights ${weights.join(', ')}`;
}

/** Why a plan cannot be made with the method, naming it; undefined when it can. */
export function planMethodProblem(year: string, method: VulnerabilityMethod): ErrorItem | undefined {
  const href = `/allocation/vulnerability/method/edit?year=${encodeURIComponent(year)}`;
  if (method.normalisation === 'z-score') {
    return {
      text: `The ${year} vulnerability method compares schools with the average school (z-score), which gives scores below 0, so it cannot share out cases. Change the method’s scale to 0 to 1 (min-max) or share of the total`,
      href,
    };
  }
  const problems = checkMethod(method);
  return problems.length > 0
    ? { text: problems[0], href: problems[0] === NO_FACTOR_PROBLEM ? `#${weightField('sen')}` : href }
    : undefined;
}

// ---- The weight boxes -------------------------------------------------------------------

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
