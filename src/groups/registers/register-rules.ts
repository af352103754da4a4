/**
 * Taking a session's register [issue 9: "each session's attendance (attended, apologies, did not
 * attend)"]: who is on it, when it may be taken, and checking that everyone listed has a mark.
 * Pure functions.
 */
import { formatIsoDate } from '../../platform/date-input.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import type { AttendanceStatus, PlaceStatus } from '../schema.ts';
import { MARKS } from './completion.ts';

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
