/**
 * Completion and change on a group programme: a completion rule (attended at least a share of
 * the sessions, 75% by default, a setting) and optional pre/post measures (a score on a named scale
 * entered per participant) to show change. Pure functions: the pages and the report count with these.
 *
 * - A session has been held when its date is today or earlier (London date).
 * - A place is taken when it was confirmed: status confirmed, or withdrawn after attending at
 *   least one session.
 * - A participant completed the programme when they attended at least the completion share of
 *   all its sessions; this is decided once every session has been held (before then the place
 *   is in progress).
 */
import type { AttendanceStatus, PlaceStatus } from '../schema.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';

export type Outcome = 'completed' | 'in-progress' | 'not-completed';

export const OUTCOME_TEXT: Record<Outcome, string> = {
  completed: 'Completed',
  'in-progress': 'In progress',
  'not-completed': 'Not completed',
};

export const MARK_TEXT: Record<AttendanceStatus, string> = {
  attended: 'Attended',
  apologies: 'Apologies',
  'did-not-attend': 'Did not attend',
};

export const MARKS = Object.keys(MARK_TEXT) as AttendanceStatus[];

/** Sessions held so far: those dated today or earlier. */
export const sessionsHeld = (sessionDates: readonly string[], today: string) =>
  sessionDates.filter((date) => date <= today).length;

/** Every session has been held (a programme with no sessions has not finished). */
export const hasFinished = (sessionDates: readonly string[], today: string) =>
  sessionDates.length > 0 && sessionDates.every((date) => date <= today);

/** A place is taken when it was confirmed: confirmed now, or withdrawn after attending at least one session. */
export function isTaken(status: PlaceStatus, attended: number): boolean {
  return status === 'confirmed' || (status === 'withdrawn' && attended > 0);
}

/** Attended at least `percent`% of `sessions` (whole-number arithmetic: 6 of 8 is 75%). */
export function meetsCompletion(attended: number, sessions: number, percent: number): boolean {
  return sessions > 0 && attended * 100 >= percent * sessions;
}

/** The fewest sessions to attend to complete: 6 of 8 at 75%, 5 of 6 at 75% (4.5 rounded up). */
export const sessionsToComplete = (sessions: number, percent: number) => Math.ceil((sessions * percent) / 100);

/** A participant's outcome: in progress until every session has been held, then completed or not. */
export function outcomeOf(input: {
  sessionDates: readonly string[];
  attended: number;
  today: string;
  percent: number;
}): Outcome {
  if (!hasFinished(input.sessionDates, input.today)) return 'in-progress';
  return meetsCompletion(input.attended, input.sessionDates.length, input.percent) ? 'completed' : 'not-completed';
}

/** A participant's marks counted. */
export function countMarks(marks: readonly AttendanceStatus[]): Record<AttendanceStatus, number> {
  const counts: Record<AttendanceStatus, number> = { attended: 0, apologies: 0, 'did-not-attend': 0 };
  for (const mark of marks) counts[mark] += 1;
  return counts;
}

/** Completed as a whole percentage of places taken; null when no place was taken. */
export function completionRate(completed: number, taken: number): number | null {
  if (taken <= 0) return null;
  return Math.round((completed * 100) / taken);
}

/** Change on the measure: post − pre, when both scores are there (one decimal place, like the scores). */
export function scoreChange(pre: number | null | undefined, post: number | null | undefined): number | null {
  if (pre == null || post == null) return null;
  return Math.round(post * 10 - pre * 10) / 10;
}

/** The average change over the participants with both scores, to one decimal place; null when none. */
export function averageChange(scores: readonly { pre: number | null; post: number | null }[]): {
  compared: number;
  average: number | null;
} {
  const tenths = scores.flatMap(({ pre, post }) =>
    pre == null || post == null ? [] : [Math.round(post * 10) - Math.round(pre * 10)],
  );
  if (tenths.length === 0) return { compared: 0, average: null };
  const mean = tenths.reduce((sum, value) => sum + value, 0) / tenths.length;
  // Round half away from zero, in tenths, so −0.25 and +0.25 both move 0.05 further out.
  const rounded = Math.sign(mean) * Math.round(Math.abs(mean));
  return { compared: tenths.length, average: rounded / 10 || 0 };
}

/** '+2.5', '−1', '0' (a true minus sign); '–' when there is nothing to show. */
export function signedText(value: number | null): string {
  if (value === null) return '–';
  if (value === 0) return '0';
  return `${value > 0 ? '+' : '−'}${Math.abs(value)}`;
}

/** '75%', or '–' when there is nothing to divide by. */
export const percentText = (value: number | null) => (value === null ? '–' : `${value}%`);

/*
 * Taking a session's register ("each session's attendance (attended, apologies, did not
 * attend)"): who is on it, when it may be taken, and checking that everyone listed has a mark.
 * Pure functions.
 */
/** The form field for a participant's mark. */
export const markField = (placeId: number) => `mark-${placeId}`;

/** On the register: the confirmed places, and withdrawn places that already have a mark for this session. */
export function onRegister<P extends { id: number; status: PlaceStatus }>(
  places: readonly P[],
  marked: ReadonlyMap<number, AttendanceStatus>,
): P[] {
  return places.filter(
    (place) => place.status === 'confirmed' || (place.status === 'withdrawn' && marked.has(place.id)),
  );
}

/** Why the register cannot be taken yet, if it cannot: a session in the future, or a cancelled programme. */
export function registerRefusal(heldOn: string, today: string, cancelled = false): string | undefined {
  if (cancelled) return 'This group was cancelled, so there is no register to take';
  if (heldOn > today) return `You can take the register from the day of the session, ${formatIsoDate(heldOn)}`;
  return undefined;
}

export type MarksCheck =
  { ok: true; marks: Map<number, AttendanceStatus> } | { ok: false; errors: ErrorItem[]; fieldErrors: FieldErrors };

/** Every listed participant must have a mark; each missing one is named. */
export function checkMarks(
  participants: readonly { id: number; label: string }[],
  body: Record<string, unknown>,
): MarksCheck {
  const marks = new Map<number, AttendanceStatus>();
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  for (const participant of participants) {
    const field = markField(participant.id);
    const value = body[field];
    if (typeof value === 'string' && (MARKS as string[]).includes(value)) {
      marks.set(participant.id, value as AttendanceStatus);
    } else {
      const text = `Select whether ${participant.label} attended`;
      fieldErrors[field] = { text };
      errors.push({ text, href: `#${field}` });
    }
  }
  return errors.length ? { ok: false, errors, fieldErrors } : { ok: true, marks };
}

/** What the audit keeps of a register: counts only, never names. */
export function markCounts(marks: ReadonlyMap<number, AttendanceStatus>) {
  const counts = { attended: 0, apologies: 0, didNotAttend: 0 };
  for (const mark of marks.values()) {
    if (mark === 'attended') counts.attended += 1;
    else if (mark === 'apologies') counts.apologies += 1;
    else counts.didNotAttend += 1;
  }
  return counts;
}
