import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { BadInputError } from './errors.ts';
import { hasControlCharacters } from './control-characters.ts';

export interface ErrorItem {
  text: string;
  href: string;
}

export type FieldErrors = Record<string, { text: string }>;

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors };

/**
 * Checks a form against its schema and turns problems into the GOV.UK error summary
 * (linked to each field) and inline messages. The first message for a field wins.
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Validated<z.infer<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  const errors: ErrorItem[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('-') || 'form';
    if (fieldErrors[field]) continue;
    fieldErrors[field] = { text: issue.message };
    errors.push({ text: issue.message, href: `#${field}` });
  }
  return { ok: false, errors, fieldErrors };
}

/** A field's name as a person reads it: 'dateOfBirth-day' is 'Date of birth day'. */
export function fieldLabel(name: string): string {
  const words = name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[[\]_\-\s]+/g, ' ')
    .trim()
    .toLowerCase();
  if (!words || hasControlCharacters(words)) return 'A field’s name';
  const label = words.length > 60 ? `${words.slice(0, 60)}…` : words;
  return label[0]!.toUpperCase() + label.slice(1);
}

/**
 * What is wrong with the shape of submitted fields (a form's body or an address's query): each
 * must be text, or a list of text for a group of checkboxes, with no control characters, and
 * so must each field's name. A browser never sends anything else; JSON objects, numbers and
 * nested fields are refused rather than reaching a rule or the database.
 */
export function malformedFields(fields: unknown): ErrorItem[] {
  if (fields === undefined || fields === null) return [];
  if (typeof fields !== 'object' || Array.isArray(fields))
    return [{ text: 'The form must be sent as named fields', href: '#' }];
  const problems: ErrorItem[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (name === '_csrf') continue;
    const label = fieldLabel(name);
    const href = `#${name}`;
    if (hasControlCharacters(name))
      problems.push({ text: 'A field’s name must not contain control characters', href: '#' });
    else if (!(typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))))
      problems.push({ text: `${label} must be text`, href });
    else if ([value].flat().some(hasControlCharacters))
      problems.push({ text: `${label} must not contain control characters`, href });
  }
  return problems;
}

/** Refuses a request whose body or query has malformed fields, before the route sees it: nothing is changed. */
export function refuseMalformedFields(req: Request, _res: Response, next: NextFunction) {
  const problems = [...malformedFields(req.query), ...malformedFields(req.body)];
  next(problems.length ? new BadInputError(problems) : undefined);
}

/** A positive page number from the query string, 1 when absent or nonsense. */
export function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

/**
 * The page of a list to show: the one asked for, or the last when it asks for one past the end
 * (a list that got shorter since its link was made), and the rows on it.
 */
export function pageOf<T>(rows: readonly T[], asked: number, pageSize: number): { page: number; rows: T[] } {
  const page = Math.min(asked, Math.max(1, Math.ceil(rows.length / pageSize)));
  return { page, rows: rows.slice((page - 1) * pageSize, page * pageSize) };
}

/** Items for the GOV.UK pagination component. */
export function pagination(page: number, total: number, pageSize: number, href: (page: number) => string) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages === 1) return undefined;
  const items = [];
  for (let number = 1; number <= pages; number++) {
    if (number === 1 || number === pages || Math.abs(number - page) <= 2) {
      items.push({ number, href: href(number), current: number === page });
    } else if (items.at(-1)?.ellipsis !== true) {
      items.push({ ellipsis: true });
    }
  }
  return {
    items,
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
  };
}
