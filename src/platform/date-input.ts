/**
 * GOV.UK date input (three boxes: day, month and year) for every form that asks for a date.
 *
 * - In a zod form schema, `dateInput('start date')` accepts the three boxes (or an ISO date
 *   string, for callers that are not forms) and gives an ISO date ('YYYY-MM-DD'), with the
 *   GOV.UK Design System's error messages. Problems are reported on the first box at fault,
 *   so `validate` links the error summary to `#<name>-day`, `#<name>-month` or `#<name>-year`.
 * - `withDateInputs(body, names)` gathers the flat form fields `startsOn-day`, `startsOn-month`,
 *   `startsOn-year` into `{ startsOn: { day, month, year } }` before validation.
 * - `dateInputView(name, values, fieldErrors)` gives the `govukDateInput` macro its id, name
 *   prefix, boxes (with what was typed) and error message, highlighting the boxes at fault.
 */
import { z } from 'zod';
import type { FieldErrors } from './validation.ts';

export const DATE_PARTS = ['day', 'month', 'year'] as const;
export type DatePart = (typeof DATE_PARTS)[number];
export type DateParts = Record<DatePart, string>;

export type DateCheck = { ok: true; date: string } | { ok: false; message: string; parts: DatePart[] };

export interface DateInputOptions {
  /** Earliest allowed ISO date, inclusive. */
  earliest?: string;
  /** Latest allowed ISO date, inclusive. */
  latest?: string;
}

const MONTH_NAMES = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const longDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** An ISO date the GOV.UK way: '2 November 2026'. */
export function formatIsoDate(iso: string): string {
  return longDate.format(new Date(`${iso}T00:00:00Z`));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function listParts(parts: DatePart[]): string {
  return parts.length === 1 ? `a ${parts[0]}` : `a ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** A month as a number, accepting 1–12, 01–12, or a name such as 'Jan' or 'January'. */
function monthNumber(text: string): number {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const lower = text.toLowerCase();
  if (lower.length < 3) return NaN;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower) || (lower === 'sept' && name === 'september'));
  return index >= 0 ? index + 1 : NaN;
}

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

/**
 * Checks the three boxes of a date input. `label` is the date's name in a sentence, such as
 * 'start date'; messages follow the GOV.UK date input pattern.
 */
export function checkDateParts(input: Partial<DateParts>, label: string, options: DateInputOptions = {}): DateCheck {
  const parts = {
    day: String(input.day ?? '').trim(),
    month: String(input.month ?? '').trim(),
    year: String(input.year ?? '').trim(),
  };
  const Label = capitalise(label);
  const missing = DATE_PARTS.filter((part) => parts[part] === '');
  if (missing.length === 3) return { ok: false, message: `Enter the ${label}`, parts: [...DATE_PARTS] };
  if (missing.length > 0) return { ok: false, message: `${Label} must include ${listParts(missing)}`, parts: missing };
  if (!/^\d+$/.test(parts.year)) return { ok: false, message: `${Label} must be a real date`, parts: ['year'] };
  if (parts.year.length !== 4) return { ok: false, message: `${Label} year must include 4 numbers`, parts: ['year'] };
  const day = /^\d{1,2}$/.test(parts.day) ? Number(parts.day) : NaN;
  const month = monthNumber(parts.month);
  const date = isoOf(Number(parts.year), month, day);
  if (!date) return { ok: false, message: `${Label} must be a real date`, parts: [...DATE_PARTS] };
  if (options.earliest && date < options.earliest) {
    return {
      ok: false,
      message: `${Label} must be the same as or after ${formatIsoDate(options.earliest)}`,
      parts: [...DATE_PARTS],
    };
  }
  if (options.latest && date > options.latest) {
    return {
      ok: false,
      message: `${Label} must be the same as or before ${formatIsoDate(options.latest)}`,
      parts: [...DATE_PARTS],
    };
  }
  return { ok: true, date };
}

/** The boxes showing an ISO date, for a form that edits a stored date. */
export function dateToParts(iso: string): DateParts {
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/** A zod schema for one date input; its output is an ISO date. */
export function dateInput(label: string, options: DateInputOptions = {}) {
  return z
    .union([z.string(), z.object({ day: z.unknown(), month: z.unknown(), year: z.unknown() }).partial()])
    .optional()
    .transform((value, ctx) => {
      let parts: Partial<DateParts>;
      if (typeof value === 'string') {
        const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
        if (!iso && value.trim() !== '') {
          ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date`, path: ['day'] });
          return z.NEVER;
        }
        parts = iso ? { year: iso[1], month: iso[2], day: iso[3] } : {};
      } else {
        parts = { day: String(value?.day ?? ''), month: String(value?.month ?? ''), year: String(value?.year ?? '') };
      }
      const check = checkDateParts(parts, label, options);
      if (check.ok) return check.date;
      ctx.addIssue({ code: 'custom', message: check.message, path: [check.parts[0]] });
      return z.NEVER;
    });
}

/** Gathers the flat fields of each named date input (`name-day` …) into `{ name: { day, month, year } }`. */
export function withDateInputs(body: unknown, names: readonly string[]): Record<string, unknown> {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = { ...source };
  for (const name of names) {
    if (typeof source[name] === 'string' || (source[name] && typeof source[name] === 'object')) continue;
    result[name] = Object.fromEntries(DATE_PARTS.map((part) => [part, source[`${name}-${part}`] ?? '']));
  }
  return result;
}

/** The flat form values (`name-day` …) that show an ISO date in a date input. */
export function dateInputValues(name: string, iso: string): Record<string, string> {
  const parts = dateToParts(iso);
  return Object.fromEntries(DATE_PARTS.map((part) => [`${name}-${part}`, parts[part]]));
}

/** The first error reported against any box of the date input `name`. */
function dateInputError(name: string, fieldErrors: FieldErrors | undefined): { text: string } | undefined {
  if (!fieldErrors) return undefined;
  for (const part of DATE_PARTS) if (fieldErrors[`${name}-${part}`]) return fieldErrors[`${name}-${part}`];
  return fieldErrors[name];
}

/**
 * Parameters for `govukDateInput`: the boxes with what was typed, and the error. The boxes at
 * fault are highlighted: the ones missing or wrong, or all three when the date as a whole is
 * wrong (not real, or out of order with another date).
 */
export function dateInputView(
  name: string,
  values: Record<string, unknown> | undefined,
  fieldErrors: FieldErrors | undefined,
) {
  const typed = Object.fromEntries(
    DATE_PARTS.map((part) => [part, String(values?.[`${name}-${part}`] ?? '')]),
  ) as DateParts;
  const errorMessage = dateInputError(name, fieldErrors);
  const check = errorMessage ? checkDateParts(typed, 'date') : undefined;
  const atFault = new Set<DatePart>(check && !check.ok ? check.parts : DATE_PARTS);
  return {
    id: name,
    namePrefix: name,
    errorMessage,
    items: DATE_PARTS.map((part) => ({
      name: part,
      value: typed[part],
      classes: [
        part === 'year' ? 'govuk-input--width-4' : 'govuk-input--width-2',
        errorMessage && atFault.has(part) ? 'govuk-input--error' : '',
      ]
        .filter(Boolean)
        .join(' '),
    })),
  };
}
