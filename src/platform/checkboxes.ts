import { z } from 'zod';

/**
 * The values of a group of checkboxes (or a repeated field) as a browser sends them: nothing
 * when no box is ticked, one string when one is, a list when several are. Always a list of the
 * non-blank strings sent, so no rule ever has to ask which of the three it was given.
 */
export function checkedValues(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

/** A schema for a checkbox group whose ticked values each pass `item`; `required` is the message when none is ticked. */
export function checkboxGroup<T extends z.ZodType>(item: T, required?: string) {
  const list = z.array(item);
  return z.preprocess(checkedValues, required ? list.min(1, required) : list);
}

/** A form's fields with each named checkbox group made a list, for saving or showing again. */
export function withCheckboxLists(body: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  if (fields.length === 0) return body;
  return { ...body, ...Object.fromEntries(fields.map((field) => [field, checkedValues(body[field])])) };
}
