// The SMART action plan of the Family Early Help Plan [Havering SEMH Team proposal; Portsmouth
// early help assessment, plan, review and closure guidance, §2.8, §3.1 K]: for each aspect of
// family life, the actions agreed (what and for whom, who will do it, by when, the difference it
// should make, readiness to change 1–5), or "no action needed at this stage". Fewer goals, centred
// on the lowest-scoring aspects.
import { z } from 'zod';
import { READINESS, isAspect, type AspectCode } from '../rules.ts';
import { dateInput, withDateInputs } from '../../platform/date-input.ts';

export const ACTION_STATUSES = [
  { value: 'open', label: 'Open', tag: 'govuk-tag--blue' },
  { value: 'done', label: 'Done', tag: 'govuk-tag--green' },
  { value: 'dropped', label: 'Dropped', tag: 'govuk-tag--grey' },
] as const;

export type ActionStatus = (typeof ACTION_STATUSES)[number]['value'];

export const NO_ACTION_TEXT = 'No action needed at this stage';

/** The longest free text kept in one field of an action. */
const MAX_TEXT = 2000;

export function statusOf(value: string) {
  return ACTION_STATUSES.find((status) => status.value === value) ?? ACTION_STATUSES[0];
}

export function readinessLabel(value: number | null | undefined): string {
  return READINESS.find((level) => level.value === value)?.label ?? '';
}

/** An action is overdue when it is still open and its "by when" date has passed. */
export function isOverdue(action: { status: string; by_when: string | null }, today: string): boolean {
  return action.status === 'open' && action.by_when !== null && action.by_when < today;
}

/**
 * The plan's overall readiness to change [Portsmouth early help assessment, plan, review and closure guidance: "an overall score of readiness to
 * change"]: the mean of the open actions' readiness, to one decimal place; undefined with none.
 */
export function overallReadiness(
  actions: readonly { status: string; no_action?: boolean; readiness: number | null }[],
): number | undefined {
  const scores = actions
    .filter((a) => a.status === 'open' && !a.no_action && a.readiness !== null)
    .map((a) => a.readiness as number);
  if (scores.length === 0) return undefined;
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 10) / 10;
}

const required = (message: string, name: string) =>
  z.string(message).trim().min(1, message).max(MAX_TEXT, `${name} must be ${MAX_TEXT} characters or less`);

/**
 * The action form. A new action must be due today or later; a changed one also has a status and
 * a progress note.
 */
export function actionSchema(today: string, kind: 'new' | 'edit') {
  const fields = z.object({
    aspect: z.string('Select the aspect of family life').refine(isAspect, 'Select the aspect of family life'),
    action: required('Enter the action that has been agreed', 'The action'),
    forWhom: required('Enter who the action is for', 'Who the action is for'),
    who: required('Enter who will do this', 'Who will do this'),
    schoolOwns: z
      .unknown()
      .optional()
      .transform((value) => value === 'yes' || value === true),
    byWhen: dateInput('date it will be done by', kind === 'new' ? { earliest: today } : {}),
    difference: required('Enter the difference it should make', 'The difference it should make'),
    readiness: z.coerce
      .number('Select how ready the family is for change')
      .int('Select how ready the family is for change')
      .min(1, 'Select how ready the family is for change')
      .max(5, 'Select how ready the family is for change'),
    status:
      kind === 'edit'
        ? z.enum(['open', 'done', 'dropped'], 'Select the status of the action')
        : z
            .unknown()
            .optional()
            .transform((): ActionStatus => 'open'),
    progress: z
      .string()
      .trim()
      .max(MAX_TEXT, `The progress note must be ${MAX_TEXT} characters or less`)
      .optional()
      .transform((value) => (kind === 'edit' && value ? value : null)),
  });
  return z.preprocess((body) => withDateInputs(body, ['byWhen']), fields);
}

export type ActionInput = z.infer<ReturnType<typeof actionSchema>>;

/** The plan version a form was filled in against, or undefined when it is missing or nonsense. */
export function planVersionOf(body: unknown): number | undefined {
  const raw = (body as Record<string, unknown> | undefined)?.planVersion;
  const version = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isSafeInteger(version) && version >= 0 ? version : undefined;
}

/** "No action needed at this stage" is refused while the aspect still has open actions, or is already recorded. */
export function noActionRefusal(
  rows: readonly { aspect: string; no_action: boolean; status: string }[],
  aspect: AspectCode,
): string | undefined {
  const current = rows.filter((row) => row.aspect === aspect && row.status === 'open');
  if (current.some((row) => !row.no_action))
    return 'This aspect has open actions. Mark them done or dropped before recording that no action is needed';
  if (current.some((row) => row.no_action)) return 'No action needed at this stage is already recorded for this aspect';
  return undefined;
}
