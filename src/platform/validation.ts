import type { z } from 'zod';

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

/** A positive page number from the query string, 1 when absent or nonsense. */
export function pageNumber(value: unknown): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
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
