/**
 * A date of birth as people type it in a file or a form: YYYY-MM-DD or DD/MM/YYYY (day and month
 * may be one digit), a real date from 1900 on, and not after today. Pure functions.
 */
import type { Check } from './csv-import.ts';

const EXAMPLE_DATE = '2017-03-27';

function isoOf(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return undefined;
  return date.toISOString().slice(0, 10);
}

/** A date of birth as YYYY-MM-DD or DD/MM/YYYY (day and month may be one digit), real and not after `today`. */
export function parseDateOfBirth(value: string, today: string): Check<string> {
  if (!value) return { ok: false, message: 'enter a date of birth' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const british = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (!iso && !british)
    return { ok: false, message: `enter the date as YYYY-MM-DD or DD/MM/YYYY, like ${EXAMPLE_DATE}` };
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [british![3], british![2], british![1]];
  const date = isoOf(Number(year), Number(month), Number(day));
  if (!date) return { ok: false, message: `enter a real date, like ${EXAMPLE_DATE}` };
  if (date > today) return { ok: false, message: 'the date of birth must be in the past' };
  return { ok: true, value: date };
}
