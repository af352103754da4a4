// A case's clocks, started when it is allocated: contact the family and make the initial home
// visit within 5 working days [seed 000], complete the whole-family assessment within 10 to 15
// days [seed 003], and a planned length that depends on who leads the case: about four months
// for a family practitioner [seed 000], at least six for the inclusion programme's family
// therapy, NVR and parenting work [seed 002]. Pure functions.
import { workingDaysBetween, type Calendar } from '../platform/calendar/calendar.ts';

// The rules that start a case's clocks belong to allocation, which starts them.
export {
  INCLUSION_PROGRAMME_TYPES,
  dueDatesFrom,
  plannedLengthMonths,
  type CaseDueDates,
  type ClockSettings,
} from '../allocation/queue/rules.ts';

export interface Clock {
  label: string;
  due: string;
  /** The date it was met, if it has been. */
  doneOn?: string | null;
}

export type ClockState =
  | { state: 'due'; clock: Clock; workingDaysLeft: number }
  | { state: 'overdue'; clock: Clock; workingDaysLate: number }
  | { state: 'none' };

/**
 * The clock to act on next: the earliest one not yet met. It is overdue from the day after its
 * due date; on the due date itself it is still due, with 0 working days left.
 */
export function nextClock(clocks: readonly Clock[], today: string, cal: Calendar): ClockState {
  const open = clocks.filter((clock) => !clock.doneOn).sort((a, b) => a.due.localeCompare(b.due));
  const clock = open[0];
  if (!clock) return { state: 'none' };
  if (today > clock.due)
    return { state: 'overdue', clock, workingDaysLate: Math.max(1, workingDaysBetween(clock.due, today, cal)) };
  return { state: 'due', clock, workingDaysLeft: workingDaysBetween(today, clock.due, cal) };
}

/** How a clock reads on a caseload: 'Contact due by 2 December 2026' or 'Contact 3 working days overdue'. */
export function describeNextClock(
  next: ClockState,
  formatDate: (iso: string) => string,
): { text: string; tag: string; overdue: boolean } {
  if (next.state === 'none') return { text: 'Nothing due', tag: 'govuk-tag--grey', overdue: false };
  if (next.state === 'overdue') {
    const days = next.workingDaysLate === 1 ? '1 working day' : `${next.workingDaysLate} working days`;
    return { text: `${next.clock.label} ${days} overdue`, tag: 'govuk-tag--red', overdue: true };
  }
  const soon = next.workingDaysLeft <= 1;
  return {
    text: `${next.clock.label} due by ${formatDate(next.clock.due)}`,
    tag: soon ? 'govuk-tag--yellow' : 'govuk-tag--blue',
    overdue: false,
  };
}
