/**
 * What became of a submitted form, one type for every area, and the one way a route answers it:
 * saved → flash message and redirect; invalid → the form again (400) with the GOV.UK error summary
 * and what was typed; refused → the form again (409) with the reason; not found → 404.
 */
import type { Request, Response } from 'express';
import { NotFoundError } from './errors.ts';
import type { ErrorItem, FieldErrors, Validated } from './validation.ts';

export type Saved<T extends object = object> = { kind: 'saved'; message: string } & T;
export type Invalid = { kind: 'invalid'; errors: ErrorItem[]; fieldErrors: FieldErrors };
export type Refused = { kind: 'refused'; message: string };
export type NotFound = { kind: 'not-found' };

/** A form's outcome; `T` is what a saved outcome carries besides its message (such as `{ id: number }`). */
export type FormOutcome<T extends object = object> = Saved<T> | Invalid | Refused | NotFound;

/** The state a form page is drawn from: what was typed and what is wrong with it. */
export interface FormState<V = Record<string, unknown>> {
  values?: V;
  errors?: ErrorItem[];
  fieldErrors?: FieldErrors;
  /** Why the change was refused (an error summary with no field). */
  refusal?: string;
}

export function saved(message: string): Saved;
export function saved<T extends object>(message: string, extra: T): Saved<T>;
export function saved<T extends object>(message: string, extra?: T): Saved<T> {
  return { kind: 'saved', message, ...(extra as T) };
}

/** The invalid outcome of a failed validation. */
export function invalid(result: Extract<Validated<unknown>, { ok: false }>): Invalid {
  return { kind: 'invalid', errors: result.errors, fieldErrors: result.fieldErrors };
}

/** A change refused for a reason the user can read (the case is closed, the place is taken). */
export function refused(message: string): Refused {
  return { kind: 'refused', message };
}

export const notFound: NotFound = { kind: 'not-found' };

/**
 * Answers a form's outcome. `next` is where a saved form goes; `again` draws the form once more
 * (its status already set) from the state given, keeping what the user typed.
 */
export async function answerForm<T extends object>(
  req: Request,
  res: Response,
  outcome: FormOutcome<T>,
  {
    next,
    again,
  }: { next: (saved: Saved<T>) => string; again: (res: Response, state: FormState) => unknown | Promise<unknown> },
): Promise<void> {
  switch (outcome.kind) {
    case 'not-found':
      throw new NotFoundError();
    case 'saved':
      req.session.flash = outcome.message;
      return res.redirect(next(outcome));
    case 'invalid':
      await again(res.status(400), {
        values: req.body ?? {},
        errors: outcome.errors,
        fieldErrors: outcome.fieldErrors,
      });
      return;
    case 'refused':
      await again(res.status(409), {
        values: req.body ?? {},
        errors: [{ text: outcome.message, href: '#' }],
        refusal: outcome.message,
      });
  }
}
