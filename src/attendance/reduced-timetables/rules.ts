// Reduced timetables [Portsmouth school attendance strategy: reduced timetables are tracked, and
// those over 6 weeks with no clear plan back to full time are challenged; RBKC Early Help Family
// Support: under 25 hours a week is CINROSE].
// The form's checks, the flags on the work list and the target. Pure functions.
import { z } from 'zod';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { parseISO } from 'date-fns/parseISO';
import { dateInput } from '../../platform/date-input.ts';
import { emptyCounts, isCinrose } from '../measures/rules.ts';
import { parseRequiredUpn, parseSchool } from '../records/forms.ts';
import type { Scope } from '../../platform/roles.ts';

/** A full-time week in school is about 32.5 hours (DfE: the minimum expected school week). */
export const FULL_TIME_HOURS = 32.5;

/**
 * Current reduced timetables across the authority: the baseline and the target of the attendance
 * strategy's targets table (Portsmouth school attendance strategy, 2023/24).
 */
export const REDUCED_TIMETABLES_TARGET = {
  baseline: 125,
  target: 70,
  source: 'Portsmouth school attendance strategy, targets table, 2023/24',
} as const;

export interface ReducedTimetableFacts {
  startDate: string;
  reviewDate: string;
  hoursPerWeek: number;
  parentalConsent: boolean;
  returnPlan: boolean;
}

export type Flag = 'long-without-plan' | 'no-consent' | 'review-overdue';

export const FLAG_TEXT: Record<Flag, string> = {
  'long-without-plan': 'No plan to return',
  'no-consent': 'No parental consent',
  'review-overdue': 'Review overdue',
};

/**
 * What the work list flags: running more than `flagWeeks` weeks (exactly that many weeks is not
 * yet over) without a plan to return to full time; no parental consent; the review date passed.
 */
export function reducedTimetableFlags(rt: ReducedTimetableFacts, today: string, flagWeeks: number): Flag[] {
  const flags: Flag[] = [];
  if (!rt.returnPlan && weeksRunning(rt.startDate, today) > flagWeeks) flags.push('long-without-plan');
  if (!rt.parentalConsent) flags.push('no-consent');
  if (rt.reviewDate < today) flags.push('review-overdue');
  return flags;
}

/** Weeks from the start date to today (6 exactly on the same weekday six weeks on). */
export function weeksRunning(startDate: string, today: string): number {
  return differenceInCalendarDays(parseISO(today), parseISO(startDate)) / 7;
}

/** Under 25 hours a week marks the pupil as CINROSE (RBKC Early Help Family Support). */
export const isCinroseTimetable = (hoursPerWeek: number) => isCinrose(emptyCounts(), hoursPerWeek);

const yesNo = (message: string) =>
  z
    .string({ error: message })
    .refine((value) => value === 'yes' || value === 'no', message)
    .transform((value) => value === 'yes');

const capitalised = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** Hours a week: a number from 0 to 32.5, to one decimal place. */
const hoursField = z
  .string({ error: 'Enter the hours a week' })
  .trim()
  .min(1, 'Enter the hours a week')
  .refine((value) => /^\d{1,2}(\.\d)?$/.test(value), 'Hours a week must be a number like 12 or 12.5')
  .transform(Number)
  .refine((hours) => hours <= FULL_TIME_HOURS, `Hours a week must be ${FULL_TIME_HOURS} or fewer`);

/** The form, for a new reduced timetable or a change to one. */
export function reducedTimetableSchema({ known, scope }: { known: ReadonlySet<number>; scope: Scope }) {
  return z
    .object({
      upn: z
        .string()
        .optional()
        .transform((value, ctx) => {
          const upn = parseRequiredUpn(value ?? '');
          if (upn.ok) return upn.value;
          ctx.addIssue({ code: 'custom', message: capitalised(upn.message) });
          return z.NEVER;
        }),
      pupilName: z
        .string({ error: 'Enter the pupil’s name' })
        .trim()
        .min(1, 'Enter the pupil’s name')
        .max(200, 'The pupil’s name must be 200 characters or fewer'),
      urn: z
        .string()
        .optional()
        .transform((value, ctx) => {
          const urn = value ? parseSchool(value, known, scope) : { ok: false as const, message: 'select the school' };
          if (urn.ok) return urn.value;
          ctx.addIssue({ code: 'custom', message: capitalised(urn.message) });
          return z.NEVER;
        }),
      startDate: dateInput('start date', { earliest: '2000-01-01' }),
      plannedEnd: dateInput('planned end date', { earliest: '2000-01-01' }),
      hoursPerWeek: hoursField,
      reason: z
        .string({ error: 'Enter the reason for the reduced timetable' })
        .trim()
        .min(1, 'Enter the reason for the reduced timetable')
        .max(2000, 'The reason must be 2,000 characters or fewer'),
      parentalConsent: yesNo('Select yes if the parent or carer has agreed to the reduced timetable'),
      returnPlan: yesNo('Select yes if there is a plan to return to full time'),
      returnPlanSummary: z.string().trim().max(2000, 'The plan must be 2,000 characters or fewer').optional(),
      reviewDate: dateInput('review date', { earliest: '2000-01-01' }),
    })
    .superRefine((form, ctx) => {
      if (form.returnPlan && !form.returnPlanSummary)
        ctx.addIssue({
          code: 'custom',
          path: ['returnPlanSummary'],
          message: 'Enter a summary of the plan to return to full time',
        });
      if (form.plannedEnd < form.startDate)
        ctx.addIssue({
          code: 'custom',
          path: ['plannedEnd-day'],
          message: 'The planned end date must be the same as or after the start date',
        });
      if (form.reviewDate < form.startDate)
        ctx.addIssue({
          code: 'custom',
          path: ['reviewDate-day'],
          message: 'The review date must be the same as or after the start date',
        });
    })
    .transform((form) => ({ ...form, returnPlanSummary: form.returnPlan ? form.returnPlanSummary! : null }));
}

export type ReducedTimetableInput = z.infer<ReturnType<typeof reducedTimetableSchema>>;

/** Ending a reduced timetable: the day it ended, on or after its start. */
export function endSchema(startDate: string, today: string) {
  return z.object({ endedOn: dateInput('end date', { earliest: startDate, latest: today }) });
}
