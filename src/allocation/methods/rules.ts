// How a vulnerability method reads: its basis and scale in words, whether two methods are the
// same, and why a plan cannot be made with one. Pure functions.
import type { ErrorItem } from '../../platform/validation.ts';
import {
  FACTORS,
  FACTOR_CODES,
  NO_FACTOR_PROBLEM,
  checkMethod,
  factorsUsed,
  yearLabel,
  type VulnerabilityMethod,
} from '../vulnerability/rules.ts';
import { weightField } from './forms.ts';

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

/** Only the weights above 0, in the order of FACTORS: a factor without a weight is not used. */
export const tidyMethod = (method: VulnerabilityMethod): VulnerabilityMethod => ({
  basis: method.basis,
  normalisation: method.normalisation,
  weights: Object.fromEntries(factorsUsed(method).map((code) => [code, method.weights[code]])),
});

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
      text: `The ${yearLabel(year)} vulnerability method compares schools with the average school (z-score), which gives scores below 0, so it cannot share out cases. Change the method’s scale to 0 to 1 (min-max) or share of the total`,
      href,
    };
  }
  const problems = checkMethod(method);
  return problems.length > 0
    ? { text: problems[0], href: problems[0] === NO_FACTOR_PROBLEM ? `#${weightField('sen')}` : href }
    : undefined;
}
