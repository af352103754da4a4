// What if [issue 8; seed 001]: the finance officer changes rates, or one school's units for one
// factor, and sees every service's total, its lowest, median and highest amount per school, and
// the changed school's amounts move, before anything is saved. Nothing here writes: the figures
// are worked out from the year as loaded with the changes laid over it. Pure functions.
import { calculate, formatPounds, type Calculation, type Rate, type SchoolAmount } from './calculate.ts';
import { factorNameOf, forumPaper, type FundingYear } from './paper.ts';
import { PHASE_NAMES, parseRatePounds, poundsText } from './year-rules.ts';
import type { ErrorItem, FieldErrors } from '../platform/validation.ts';

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

const money = (pence: number | null) => (pence === null ? '–' : formatPounds(pence, { pence: true }));
const changeOf = (before: number, after: number) =>
  after === before ? 'No change' : `${after > before ? '+' : ''}${money(after - before)}`;
const unitsFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 4 });

/** The year's schools with the one school's units changed. */
function withSchoolChange(year: FundingYear, change: SchoolChange | undefined) {
  if (!change) return year.schools;
  return year.schools.map((school) =>
    school.urn === change.urn ? { ...school, units: { ...school.units, [change.factor]: change.units } } : school,
  );
}

function schoolAmounts(calculation: Calculation, urn: number): SchoolAmount[] {
  return [...calculation.amounts, ...calculation.buyBack].filter((amount) => amount.urn === urn);
}

/** The year's figures before and after the change, side by side. Saves nothing. */
export function whatIf(year: FundingYear, change: WhatIfChange) {
  const before = calculate(year.schools, year.rates);
  const after = calculate(withSchoolChange(year, change.school), change.rates);
  const services = forumPaper(year, before);
  const summaries = services.flatMap((service) =>
    service.phases.map(({ phase, summary }) => {
      const next = after.summary.find((each) => each.service === service.key && each.phase === phase) ?? summary;
      const figure = (pick: (s: typeof summary) => number) => ({
        before: money(pick(summary)),
        after: money(pick(next)),
        changed: pick(summary) !== pick(next),
      });
      return {
        serviceName: service.name,
        phaseName: PHASE_NAMES[phase],
        total: { ...figure((s) => s.totalPence), change: changeOf(summary.totalPence, next.totalPence) },
        lowest: figure((s) => s.lowestPence),
        median: figure((s) => s.medianPence),
        highest: figure((s) => s.highestPence),
      };
    }),
  );
  const changedRates = rateFields(year)
    .flatMap((group) => group.fields)
    .flatMap((field) => {
      const next = change.rates.find((rate) => rateFieldId(rate) === field.id);
      return next && next.ratePence !== field.rate.ratePence
        ? [{ label: field.label, before: money(field.rate.ratePence), after: money(next.ratePence) }]
        : [];
    });
  return { summaries, changedRates, school: change.school && schoolMoves(year, before, after, change.school) };
}

/** The changed school's units and its amount for each service, before → after. */
function schoolMoves(year: FundingYear, before: Calculation, after: Calculation, change: SchoolChange) {
  const school = year.schools.find((each) => each.urn === change.urn)!;
  const previous = schoolAmounts(before, change.urn);
  const next = schoolAmounts(after, change.urn);
  const services = forumPaper(year, before).flatMap((service) => {
    const was = previous.find((amount) => amount.service === service.key);
    const now = next.find((amount) => amount.service === service.key);
    return was && now
      ? [
          {
            name: service.name,
            before: money(was.pence),
            after: money(now.pence),
            change: changeOf(was.pence, now.pence),
          },
        ]
      : [];
  });
  const sum = (amounts: SchoolAmount[]) => amounts.reduce((total, amount) => total + amount.pence, 0);
  return {
    urn: school.urn,
    name: school.name,
    academy: school.status === 'academy',
    factorName: factorNameOf(year, change.factor),
    unitsBefore: unitsFormat.format(school.units[change.factor] ?? 0),
    unitsAfter: unitsFormat.format(change.units),
    services,
    total: { before: money(sum(previous)), after: money(sum(next)), change: changeOf(sum(previous), sum(next)) },
  };
}
export type WhatIfResult = ReturnType<typeof whatIf>;
