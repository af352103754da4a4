// The what-if form: a box for every rate of the year, and optionally one school, one factor and
// its new units; what was typed comes back with any problems, so the form can show it again.
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { PHASE_NAMES, type Rate } from '../rules.ts';
import { factorNameOf, type FundingYear } from '../papers/rules.ts';
import { parseRatePounds, poundsText } from '../years/rules.ts';

/** A rate's box on the what-if form. */
export interface RateField {
  id: string;
  rate: Rate;
  /** The rate in full, for error messages: 'Behaviour support service: primary AWPU rate'. */
  label: string;
  /** Within its service's fieldset: 'Primary: AWPU'. */
  shortLabel: string;
}

/** One service's rate boxes, in the paper's order. */
export interface RateFieldGroup {
  service: string;
  serviceName: string;
  fields: RateField[];
}

export const rateFieldId = (rate: Pick<Rate, 'service' | 'phase' | 'factor'>) =>
  `rate-${rate.service}-${rate.phase}-${rate.factor}`;

/** Every rate of the year as a box, grouped by service, in the paper's order (as the year is loaded). */
export function rateFields(year: FundingYear): RateFieldGroup[] {
  return year.services
    .map((service) => ({
      service: service.key,
      serviceName: service.name,
      fields: year.rates
        .filter((rate) => rate.service === service.key)
        .map((rate) => {
          const factorName = factorNameOf(year, rate.factor);
          return {
            id: rateFieldId(rate),
            rate,
            shortLabel: `${PHASE_NAMES[rate.phase]}: ${factorName}`,
            label: `${service.name}: ${PHASE_NAMES[rate.phase].toLowerCase()} ${factorName} rate`,
          };
        }),
    }))
    .filter((group) => group.fields.length);
}

/** What the form shows before anything is typed: the year's rates and no change to a school. */
export function startingValues(year: FundingYear): Record<string, string> {
  return {
    ...Object.fromEntries(year.rates.map((rate) => [rateFieldId(rate), poundsText(rate.ratePence)])),
    urn: '',
    factor: '',
    units: '',
  };
}

export interface SchoolChange {
  urn: number;
  factor: string;
  units: number;
}

export interface WhatIfChange {
  rates: Rate[];
  school?: SchoolChange;
}

export type WhatIfCheck =
  | { ok: true; change: WhatIfChange; values: Record<string, string> }
  | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors; values: Record<string, string> };

/** The most units a school may have for a factor: the data set's numeric(12, 4). */
export const MAX_UNITS = 99_999_999;

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Reads the what-if form: every rate in pounds (£0 or more, whole pence), and optionally one
 * school, one factor and its new units (0 or more, at most 4 decimal places). What was typed
 * comes back with any problems, so the form can show it again.
 */
export function readWhatIf(year: FundingYear, body: Record<string, unknown>): WhatIfCheck {
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  const fail = (field: string, message: string) => {
    if (fieldErrors[field]) return;
    errors.push({ text: message, href: `#${field}` });
    fieldErrors[field] = { text: message };
  };
  const values: Record<string, string> = { urn: text(body.urn), factor: text(body.factor), units: text(body.units) };
  const rates: Rate[] = [];
  for (const field of rateFields(year).flatMap((group) => group.fields)) {
    values[field.id] = text(body[field.id]);
    const parsed = parseRatePounds(values[field.id], `The ${field.label}`);
    if (!parsed.ok) fail(field.id, parsed.message);
    else if (parsed.value === null) fail(field.id, `Enter the ${field.label} in pounds, like 5.00`);
    else rates.push({ ...field.rate, ratePence: parsed.value });
  }
  const school = checkSchoolChange(year, values, fail);
  if (errors.length) return { ok: false, errors, fieldErrors, values };
  return { ok: true, change: { rates, school }, values };
}

function checkSchoolChange(
  year: FundingYear,
  values: Record<string, string>,
  fail: (field: string, message: string) => void,
): SchoolChange | undefined {
  if (!values.urn && !values.factor && !values.units) return undefined;
  const school = year.schools.find((each) => String(each.urn) === values.urn);
  const factor = year.factors.find((each) => each.key === values.factor);
  if (!school)
    fail(
      'urn',
      values.urn
        ? 'Select a school from the list'
        : 'Select the school whose units to change, or clear the factor and units',
    );
  if (!factor) fail('factor', 'Select the factor whose units to change');
  const typed = values.units.replace(/,(?=\d{3}(\D|$))/g, '');
  const units = /^\d+(\.\d{1,4})?$/.test(typed) ? Number(typed) : undefined;
  if (!values.units) fail('units', 'Enter the school’s new units, like 212 or 12.5');
  else if (units === undefined)
    fail('units', 'Units must be a number, 0 or more, with at most 4 decimal places, like 12.5');
  else if (units > MAX_UNITS) fail('units', `Units must be ${MAX_UNITS.toLocaleString('en-GB')} or fewer`);
  return school && factor && units !== undefined && units <= MAX_UNITS
    ? { urn: school.urn, factor: factor.key, units }
    : undefined;
}
