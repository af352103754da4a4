// The Supporting Families forms: identifying a headline need with its evidence, and recording
// the outcome achieved for it. Dates cannot be in the future, and an outcome cannot be achieved
// before its need was identified.
import { z } from 'zod';
import { dateInput, formatIsoDate, withDateInputs } from '../../platform/date-input.ts';
import { HEADLINE_OUTCOMES, type OutcomeCode } from './rules.ts';

export const MAX_EVIDENCE = 5000;

const evidence = (message: string) =>
  z.string(message).trim().min(1, message).max(MAX_EVIDENCE, `Evidence must be ${MAX_EVIDENCE} characters or less`);

const pastDate = (label: string, Label: string, today: string, earliest?: { on: string; what: string }) =>
  dateInput(label).superRefine((date, ctx) => {
    if (typeof date !== 'string') return;
    if (date > today) ctx.addIssue({ code: 'custom', message: `${Label} must be today or in the past`, path: ['day'] });
    else if (earliest && date < earliest.on)
      ctx.addIssue({
        code: 'custom',
        message: `${Label} must be the same as or after ${earliest.what}, ${formatIsoDate(earliest.on)}`,
        path: ['day'],
      });
  });

/** Identifying a need: one of the headline needs not yet identified for the family, the evidence and the date. */
export function identifySchema(available: readonly OutcomeCode[], today: string) {
  const codes = (available.length ? available : HEADLINE_OUTCOMES.map((outcome) => outcome.code)) as [
    OutcomeCode,
    ...OutcomeCode[],
  ];
  const fields = z.object({
    outcome: z.enum(codes, 'Select the need you have identified'),
    evidence: evidence('Enter the evidence for this need'),
    identifiedOn: pastDate('date the need was identified', 'Date the need was identified', today),
  });
  return z.preprocess((body) => withDateInputs(body, ['identifiedOn']), fields);
}

/** Recording the outcome achieved for a need: the date (not before the need was identified) and the evidence. */
export function achievedSchema(identifiedOn: string, today: string) {
  const fields = z.object({
    achievedOn: pastDate('date the outcome was achieved', 'Date the outcome was achieved', today, {
      on: identifiedOn,
      what: 'the date the need was identified',
    }),
    evidence: evidence('Enter the evidence that the outcome was achieved'),
  });
  return z.preprocess((body) => withDateInputs(body, ['achievedOn']), fields);
}
