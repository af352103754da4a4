// Extension and closure of a case. A case typically runs about four months; it is extended only in
// exceptional circumstances with a manager's approval [Havering SEMH Team proposal], and intensive
// support lasts up to a year [Southend Early Help Family Support service document (2016)]. At
// closure the family's Maintaining Our Family Plan is written and every professional is told
// [Portsmouth early help assessment, plan, review and closure guidance, §2.8, §3.3]; the case is
// reviewed 3 months after it closes [RBKC Early Help Family Support]. Pure functions.
import { addMonths } from 'date-fns/addMonths';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { z } from 'zod';
import { dateInput, formatIsoDate } from '../../platform/date-input.ts';

export const MAX_TEXT = 5000;

const iso = (date: Date) => formatISO(date, { representation: 'date' });

/** `months` calendar months after an ISO date (the 31st becomes the month's last day). */
export function monthsAfter(isoDate: string, months: number): string {
  return iso(addMonths(parseISO(isoDate), months));
}

/**
 * The latest planned end a case allocated on `allocatedOn` may have: the longest a case may run,
 * counted from allocation (a setting; Southend Early Help Family Support service document (2016): intensive support for up to one year).
 */
export function latestPlannedEnd(allocatedOn: string, longestMonths: number): string {
  return monthsAfter(allocatedOn, longestMonths);
}

/** The post-closure review's due date: the set number of months after the case closed [RBKC Early Help Family Support: 3 months]. */
export function reviewDueDate(closedOn: string, months: number): string {
  return monthsAfter(closedOn, months);
}

export interface ExtensionContext {
  allocatedOn: string;
  plannedEnd: string;
  today: string;
  /** The longest a case may run, in months from allocation. */
  longestMonths: number;
}

/** Whether an extension may be asked for at all: not once the case has reached the longest it may run. */
export function extensionPossible(context: ExtensionContext): { ok: true } | { ok: false; message: string } {
  const latest = latestPlannedEnd(context.allocatedOn, context.longestMonths);
  if (context.plannedEnd >= latest || context.today >= latest) {
    return {
      ok: false,
      message: `This case cannot be extended: a case may run for at most ${context.longestMonths} months from allocation, to ${formatIsoDate(latest)}`,
    };
  }
  return { ok: true };
}

/**
 * A cross-field check that runs even when other fields have problems (so every problem is shown
 * at once), as long as the fields it reads were understood.
 */
export function whenParsed(...fields: string[]) {
  return {
    when: (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
      !payload.issues.some((issue) => fields.includes(String(issue.path?.[0]))),
  };
}

const requiredText = (missing: string, name: string, max = MAX_TEXT) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`);

const optionalText = (name: string, max = MAX_TEXT) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .optional()
    .transform((value) => value || null);

/**
 * The practitioner's request: the exceptional reason, and a new planned end after the current
 * one (and not in the past) and no later than the longest a case may run.
 */
export function extensionSchema(context: ExtensionContext) {
  const latest = latestPlannedEnd(context.allocatedOn, context.longestMonths);
  return z
    .object({
      reason: requiredText('Enter the exceptional circumstances that mean the case needs longer', 'The reason'),
      newEnd: dateInput('new planned end'),
    })
    .superRefine((form, ctx) => {
      const problem =
        form.newEnd <= context.plannedEnd
          ? `The new planned end must be after the current planned end, ${formatIsoDate(context.plannedEnd)}`
          : form.newEnd <= context.today
            ? 'The new planned end must be in the future'
            : form.newEnd > latest
              ? `The new planned end must be no later than ${formatIsoDate(latest)}: a case may run for at most ${context.longestMonths} months from allocation`
              : undefined;
      if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['newEnd', 'day'] });
    }, whenParsed('newEnd'));
}

export const DECLINE_REASON_MISSING = 'Enter why the extension is declined';

/** The team manager's decision: a reason is needed to decline, and may be given to approve. */
export const decisionSchema = z
  .object({
    decision: z.enum(['approved', 'declined'], { message: 'Select whether to approve or decline the extension' }),
    reason: optionalText('The reason'),
  })
  .superRefine(
    (form, ctx) => {
      if (form.decision === 'declined' && !form.reason)
        ctx.addIssue({ code: 'custom', message: DECLINE_REASON_MISSING, path: ['reason'] });
    },
    whenParsed('decision', 'reason'),
  );

export type PlannedEndFlag = { past: false } | { past: true; text: string };

/**
 * Whether an open case is past its planned end. An approved extension moves the planned end,
 * so a case past it has no approved extension covering today.
 */
export function plannedEndFlag(
  status: string,
  plannedEnd: string,
  today: string,
  pendingExtension: boolean,
): PlannedEndFlag {
  if (status !== 'open' || today <= plannedEnd) return { past: false };
  return {
    past: true,
    text: pendingExtension
      ? 'Past its planned end: an extension request is waiting for a decision'
      : 'Past its planned end: request an extension or close the case',
  };
}

/** How the day a review is recorded compares with the day it is due: early reviews are allowed but said so. */
export function reviewTiming(due: string | null, today: string): { early: boolean; text?: string } {
  if (!due || today >= due) return { early: false };
  return {
    early: true,
    text: `This review is not due until ${formatIsoDate(due)}. You can record it now: it will be dated today, ${formatIsoDate(today)}.`,
  };
}

/** Why closure cannot be proposed now, if it cannot: only an open case may be proposed for closure. */
export function closureBlocker(status: string): string | undefined {
  if (status === 'closure-proposed')
    return 'Closure has already been proposed and is waiting for the team manager to sign it off';
  if (status === 'closed') return 'This case is closed';
  return undefined;
}

export const ACTION_OUTCOMES = [
  { value: 'done', text: 'Done' },
  { value: 'dropped', text: 'Dropped' },
] as const;
export type ActionOutcome = (typeof ACTION_OUTCOMES)[number]['value'];

const actions = (count: number) => (count === 1 ? '1 open action' : `${count} open actions`);

export interface OpenActionsChoice {
  /** How many open actions the person saw on the form. */
  seen: number | undefined;
  /** Whether they ticked "Mark the open actions as done or dropped". */
  confirmed: boolean;
  outcome: ActionOutcome | undefined;
}

/**
 * A plan's open actions must not be left open when a case closes: the person proposing closure
 * marks them all as done or dropped (or updates them on the plan first). If the plan changed
 * since they saw the form, they decide again.
 */
export function openActionsProblem(
  open: number,
  choice: OpenActionsChoice,
): { field: 'closeActions' | 'actionsOutcome'; text: string } | undefined {
  if (open === 0) return undefined;
  if (!choice.confirmed) {
    return {
      field: 'closeActions',
      text: `The plan has ${actions(open)}. Mark ${open === 1 ? 'it' : 'them'} as done or dropped, or update the plan first`,
    };
  }
  if (choice.seen !== open)
    return {
      field: 'closeActions',
      text: `The plan has changed and now has ${actions(open)}. Check the plan and decide again`,
    };
  if (!choice.outcome)
    return {
      field: 'actionsOutcome',
      text: `Select whether the ${actions(open)} ${open === 1 ? 'was' : 'were'} done or dropped`,
    };
  return undefined;
}
