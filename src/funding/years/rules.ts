// The rules of a funding year's data (Havering schools forum report 2024-25): the funding year
// itself, which is a financial year, April to March, labelled '2024-25' (not the school year of
// src/platform/school-year.ts, which runs from August); services' keys and the phases they may
// apply to; rates in pounds and pence, and the rates form's rows. Pure functions, no database.
import { checkedValues } from '../../platform/checkboxes.ts';
import type { Check } from '../../platform/csv-import.ts';
import type { FieldErrors } from '../../platform/validation.ts';
import type { Phase, ServiceKind } from '../rules.ts';

const YEAR_MESSAGE = 'Enter the funding year like 2025-26';

/** A funding year as '2025-26': a financial year, April to March (not a school year). */
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

/** The funding year before one: '2023-24' before '2024-25'. */
export function previousYearOf(label: string): string {
  const start = Number(label.slice(0, 4)) - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

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
 * de-delegation for education functions can be applied to special schools (Havering schools
 * forum report 2024-25).
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

/** The box names of one rate in the rates form. */
export const rateField = (phase: Phase, factor: string) => `rate-${phase}-${factor}`;
export const previousField = (phase: Phase, factor: string) => `previous-${phase}-${factor}`;

interface SavedRate {
  phase: Phase;
  factor: string;
  ratePence: number;
  previousRatePence: number | null;
}

/**
 * The rates form of a service: the factors it uses (those with a saved rate, ticked or added on
 * the form), the rest it may add, and a row per phase × factor used with the rate and previous
 * rate as saved or, once posted, as typed.
 */
export function ratesForm<F extends { key: string; name: string }>(
  service: { phases: readonly Phase[]; rates: readonly SavedRate[] },
  factors: readonly F[],
  form: { values?: Record<string, unknown>; fieldErrors?: FieldErrors } = {},
) {
  const posted = form.values;
  const shown = new Set([
    ...service.rates.map((rate) => rate.factor),
    ...checkedValues(posted?.factors),
    ...checkedValues(posted?.add),
  ]);
  const used = factors.filter((factor) => shown.has(factor.key));
  const stored = (phase: Phase, factor: string) =>
    service.rates.find((rate) => rate.phase === phase && rate.factor === factor);
  const rows = service.phases.flatMap((phase) =>
    used.map((factor) => {
      const [rate, previous] = [rateField(phase, factor.key), previousField(phase, factor.key)];
      const saved = stored(phase, factor.key);
      return {
        phase,
        factor,
        rate: {
          id: rate,
          value: posted ? String(posted[rate] ?? '') : poundsText(saved?.ratePence),
          error: form.fieldErrors?.[rate],
        },
        previous: {
          id: previous,
          value: posted ? String(posted[previous] ?? '') : poundsText(saved?.previousRatePence),
          error: form.fieldErrors?.[previous],
        },
        savedPrevious: saved?.previousRatePence ?? null,
      };
    }),
  );
  return { rows, used, unused: factors.filter((factor) => !shown.has(factor.key)) };
}
