// What the assessment's pages share: how a refused change reads, and the ids in the address.
import type { Request } from 'express';
import { NotFoundError, idOf } from '../../platform/errors.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { Refused } from './service.ts';

export const ASSESSMENT_CHANGED =
  'This assessment was changed by someone else while you were editing it. Your changes have not been saved — check the latest version and make your changes again';
export const CASE_CLOSED = 'This case is closed, so its assessment cannot be changed';

export function completedText(on: string): string {
  return `The assessment was completed on ${formatIsoDate(on)}, so it can no longer be changed. New scores are recorded at each Team Around the Family meeting`;
}

export interface Problem {
  status: number;
  errors: ErrorItem[];
  fieldErrors: FieldErrors;
}

/** How a refused change reads on the page; `anchor` is where a refusal of the whole form points. */
export function problemOf(refused: Refused, anchor: string): Problem {
  switch (refused.kind) {
    case 'invalid':
      return { status: 400, errors: refused.errors, fieldErrors: refused.fieldErrors };
    case 'conflict':
      return { status: 409, errors: [{ text: ASSESSMENT_CHANGED, href: `#${anchor}` }], fieldErrors: {} };
    case 'completed':
      return { status: 409, errors: [{ text: completedText(refused.on), href: `#${anchor}` }], fieldErrors: {} };
    case 'closed':
      return { status: 409, errors: [{ text: CASE_CLOSED, href: `#${anchor}` }], fieldErrors: {} };
    case 'not-found':
      throw new NotFoundError();
  }
}

/** A record id in the address other than the case's (`:consentId`, `:memberId`). */
export function paramIdOf(req: Request, name: string): number {
  return idOf(req, name);
}
