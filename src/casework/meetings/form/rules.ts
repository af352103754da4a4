// The meeting form's rules that tie fields together: the dates against the case and each other,
// what the decision needs, and who may become lead professional. Run on what was typed, so they
// are shown together with any problem in a single field.
import { checkDateParts, formatIsoDate, type DateParts } from '../../../platform/date-input.ts';
import {
  checkHeldOn,
  checkNextMeetingOn,
  checkSteppedUpOn,
  decisionProblems,
  DECISION_VALUES,
  normaliseTime,
  STEP_DOWN_TO,
  type Decision,
  type Problem,
  type StepDownTo,
} from '../rules.ts';
import type { Gathered, MeetingContext } from './forms.ts';

const DATE_FIELDS = ['heldOn', 'steppedUpOn', 'nextMeetingOn'];

function dateOf(parts: unknown, label: string) {
  return checkDateParts((parts ?? {}) as Partial<DateParts>, label);
}

function typed(parts: unknown): boolean {
  return Object.values((parts ?? {}) as Record<string, string>).some((value) => String(value ?? '').trim() !== '');
}

export interface Crossed {
  problems: Problem[];
  newLeadId?: number;
  steppedUpOn: string | null;
  nextMeetingTime: string | null;
}

/** Checks the rules between fields; `hasError(field)` says a field already has its own problem. */
export function crossCheck(form: Gathered, context: MeetingContext, hasError: (field: string) => boolean): Crossed {
  const problems: Problem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field: DATE_FIELDS.includes(field) ? `${field}-day` : field, message });

  const held = dateOf(form.heldOn, 'date the meeting was held');
  const heldOn = held.ok && !hasError('heldOn') ? held.date : undefined;
  if (heldOn) {
    const problem = checkHeldOn(heldOn, context);
    if (problem) add('heldOn', problem);
  }

  if (
    !hasError('invitees') &&
    form.invitees.every((row) => !row.name.trim() && !row.role.trim() && !row.attended && !row.update)
  ) {
    add('invitees-0-name', 'Enter at least one person invited to the meeting');
  }

  let newLeadId: number | undefined;
  if (form.leadChange === 'changed') {
    const id = Number(form.newLeadId);
    if (!context.leadChoices.includes(id)) add('newLeadId', 'Select the new lead professional');
    else if (heldOn && context.currentLead.fromDate && heldOn < context.currentLead.fromDate) {
      add(
        'newLeadId',
        `The lead professional can change only at a meeting held on or after ${formatIsoDate(context.currentLead.fromDate)}, when ${context.currentLead.name} became lead professional`,
      );
    } else newLeadId = id;
    if (!form.leadReason.trim() && !hasError('leadReason'))
      add('leadReason', 'Enter why the lead professional is changing');
  }

  let steppedUpOn: string | null = null;
  let nextMeetingTime: string | null = null;
  const decision = DECISION_VALUES.includes(form.decision as Decision) ? (form.decision as Decision) : undefined;
  if (decision) {
    if (decision === 'step-up' && typed(form.steppedUpOn)) {
      const date = dateOf(form.steppedUpOn, 'date the request went to the MASH');
      if (!date.ok) problems.push({ field: `steppedUpOn-${date.parts[0]}`, message: date.message });
      else {
        const problem = checkSteppedUpOn(date.date, context);
        if (problem) add('steppedUpOn', problem);
        else steppedUpOn = date.date;
      }
    }
    if (form.nextMeetingTime.trim()) {
      nextMeetingTime = normaliseTime(form.nextMeetingTime) ?? null;
      if (!nextMeetingTime) add('nextMeetingTime', 'Enter the time of the next meeting like 14:30 or 2pm');
    }
    const stepDownTo = STEP_DOWN_TO.some((option) => option.value === form.stepDownTo)
      ? (form.stepDownTo as StepDownTo)
      : undefined;
    const missing = decisionProblems({
      decision,
      stepDownTo,
      steppedUpOn: typed(form.steppedUpOn) ? 'typed' : undefined,
      steppedUpTo: form.steppedUpTo.trim() || undefined,
      nextMeetingOn: typed(form.nextMeetingOn) ? 'typed' : undefined,
      nextMeetingTime: form.nextMeetingTime.trim() || undefined,
      nextMeetingVenue: form.nextMeetingVenue.trim() || undefined,
    });
    for (const problem of missing) if (!hasError(problem.field)) add(problem.field, problem.message);
  }

  const next = dateOf(form.nextMeetingOn, 'date of the next meeting');
  if (heldOn && typed(form.nextMeetingOn) && next.ok && !hasError('nextMeetingOn')) {
    const problem = checkNextMeetingOn(next.date, heldOn, context.weeks);
    if (problem) add('nextMeetingOn', problem);
  }
  return { problems, newLeadId, steppedUpOn, nextMeetingTime };
}
