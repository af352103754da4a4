// The closure forms: why the case is closing, the family's Maintaining Our Family Plan [Portsmouth
// early help assessment, plan, review and closure guidance, §3.3], the final measures, the team
// manager's sign-off and the post-closure review [RBKC Early Help Family Support]. Schemas and
// labels only.
import { z } from 'zod';
import { measureFields } from '../meetings/measures/rules.ts';
import { ACTION_OUTCOMES, MAX_TEXT, whenParsed } from './rules.ts';

/** Why a case closed [Portsmouth early help assessment, plan, review and closure guidance, §5.1: consent withdrawn, moved away, needs met; stepped up to MASH]. */
export const CLOSURE_REASONS = [
  { value: 'needs-met', text: 'Needs met', hint: 'Things are going well again; universal services can meet any needs' },
  {
    value: 'placement-maintained',
    text: 'School place kept',
    hint: 'The child kept their school place and the risk of exclusion has reduced',
  },
  {
    value: 'stepped-up',
    text: 'Stepped up to statutory services',
    hint: 'For example, to children’s social care through MASH',
  },
  { value: 'stepped-down', text: 'Stepped down to targeted or universal support', hint: undefined },
  { value: 'consent-withdrawn', text: 'Consent withdrawn', hint: undefined },
  { value: 'moved-away', text: 'Moved away', hint: 'Pass the plan to the new school or setting if the family agrees' },
  { value: 'disengaged', text: 'The family stopped taking part', hint: undefined },
  { value: 'other', text: 'Other', hint: undefined },
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number]['value'];

const REASON_CODES = CLOSURE_REASONS.map((reason) => reason.value) as [ClosureReason, ...ClosureReason[]];

export function closureReasonLabel(code: string): string {
  return CLOSURE_REASONS.find((reason) => reason.value === code)?.text ?? code;
}

/** The Maintaining Our Family Plan's questions [Portsmouth early help assessment, plan, review and closure guidance, §3.3]; the first five must be answered. */
export const MAINTENANCE_FIELDS = [
  { name: 'whatWeLearnt', label: 'What we learnt', missing: 'Enter what the family learnt', required: true },
  { name: 'mostUseful', label: 'What was most useful', missing: 'Enter what was most useful', required: true },
  {
    name: 'actionsToContinue',
    label: 'What actions we need to continue to keep things going well',
    missing: 'Enter the actions the family will continue',
    required: true,
  },
  {
    name: 'difficultSituations',
    label: 'Situations we may find difficult in the future',
    missing: 'Enter the situations the family may find difficult',
    required: true,
  },
  {
    name: 'whatWeCanDo',
    label: 'What we can do if things are starting to become challenging',
    missing: 'Enter what the family can do if things become challenging',
    required: true,
  },
  { name: 'whoToContact', label: 'Who we can contact if we need support', missing: '', required: false },
  { name: 'keyContacts', label: 'Key contact numbers and names of support', missing: '', required: false },
] as const;
export type MaintenanceField = (typeof MAINTENANCE_FIELDS)[number]['name'];

const tooLong = (label: string) => `${label} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or fewer`;

function text(missing: string | undefined, label: string) {
  const base = z.string().trim().max(MAX_TEXT, tooLong(label));
  return missing
    ? z.string({ error: missing }).trim().min(1, missing).max(MAX_TEXT, tooLong(label))
    : base.optional().transform((value) => value || undefined);
}

const maintenanceShape = Object.fromEntries(
  MAINTENANCE_FIELDS.map((field) => [field.name, text(field.required ? field.missing : undefined, field.label)]),
) as unknown as Record<MaintenanceField, z.ZodType<string | undefined>>;

/** The answered questions of the plan, keyed by field name (unanswered ones left out). */
export type MaintenancePlan = Partial<Record<MaintenanceField, string>>;

/** The plan's answers in the form's order, for showing it. */
export function maintenanceRows(plan: Record<string, unknown>) {
  return MAINTENANCE_FIELDS.map((field) => ({
    label: field.label,
    value: typeof plan[field.name] === 'string' ? (plan[field.name] as string) : '',
  }));
}

export const PLACEMENT_MISSING = 'Select whether the child kept their school place';

const yesNo = (missing: string) => z.enum(['yes', 'no'], { message: missing }).transform((value) => value === 'yes');

/** Proposing closure; the open actions are checked against the plan by the service. */
export const proposeSchema = z
  .object({
    reason: z.enum(REASON_CODES, { message: 'Select why the case is closing' }),
    reasonDetail: text(undefined, 'The detail'),
    ...maintenanceShape,
    ...measureFields,
    placementKept: yesNo(PLACEMENT_MISSING),
    closeActions: z.literal('yes').optional().catch(undefined),
    actionsOutcome: z
      .enum(ACTION_OUTCOMES.map((outcome) => outcome.value) as ['done', 'dropped'])
      .optional()
      .catch(undefined),
    openActionCount: z.coerce.number().int().min(0).optional().catch(undefined),
  })
  .superRefine(
    (form, ctx) => {
      if (form.reason === 'other' && !form.reasonDetail)
        ctx.addIssue({ code: 'custom', message: 'Enter why the case is closing', path: ['reasonDetail'] });
    },
    whenParsed('reason', 'reasonDetail'),
  );
export type ProposeForm = z.infer<typeof proposeSchema>;

export const REFUSAL_MISSING = 'Enter why the closure is not signed off';

/** The team manager's sign-off: approve, or refuse with a reason. */
export const signOffSchema = z
  .object({
    decision: z.enum(['approve', 'refuse'], { message: 'Select whether to sign off the closure' }),
    reason: text(undefined, 'The reason'),
  })
  .superRefine(
    (form, ctx) => {
      if (form.decision === 'refuse' && !form.reason)
        ctx.addIssue({ code: 'custom', message: REFUSAL_MISSING, path: ['reason'] });
    },
    whenParsed('decision', 'reason'),
  );

const MAX_SUSPENSIONS = 365;

/** The post-closure review [RBKC Early Help Family Support: 3 months after the end of engagement]. */
export const reviewSchema = z.object({
  placementMaintained: yesNo('Select whether the child is still in their school place'),
  suspensionsSince: z
    .string({ error: 'Enter the number of suspensions since the case closed, or 0' })
    .trim()
    .min(1, 'Enter the number of suspensions since the case closed, or 0')
    .regex(/^\d+$/, 'Suspensions since closure must be a whole number, 0 or more')
    .transform(Number)
    .refine((value) => value <= MAX_SUSPENSIONS, `Suspensions since closure must be ${MAX_SUSPENSIONS} or fewer`),
  reReferred: yesNo('Select whether the child has been referred again'),
  notes: text(undefined, 'Notes'),
});
export type ReviewForm = z.infer<typeof reviewSchema>;

/** What the post-closure review stores (case_closures.review). */
export interface Review {
  placementMaintained: boolean;
  suspensionsSince: number;
  reReferred: boolean;
  notes: string | null;
  reviewedOn: string;
  early: boolean;
}
