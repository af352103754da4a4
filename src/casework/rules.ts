// Casework's rules, pure functions: the Family Early Help Plan's vocabulary, a case's clocks, and
// how each kind of case event reads on the timeline.
import { addWeeks } from 'date-fns/addWeeks';
import { formatISO } from 'date-fns/formatISO';
import { formatIsoDate } from '../platform/date-input.ts';
import { workingDaysBetween, type Calendar } from '../platform/calendar/calendar.ts';

/** Cases on one page of a caseload: more than a person reads at once are split into pages. */
export const CASE_PAGE_SIZE = 50;

// The Family Early Help Plan's vocabulary [Portsmouth early help assessment, plan, review and
// closure guidance, §3.0]: the ten aspects of family life (the Supporting Families criteria), the
// 0–10 wellbeing scale and the 1–5 readiness to change.
export const ASPECTS = [
  { code: 'education', label: 'Education' },
  { code: 'pregnancy-early-years', label: 'Pregnancy and early years' },
  { code: 'health', label: 'Health and wellbeing' },
  { code: 'family', label: 'Family relationships' },
  { code: 'housing', label: 'Housing and home environment' },
  { code: 'basic-care', label: 'Basic care' },
  { code: 'money', label: 'Money and employment' },
  { code: 'safety', label: 'Safety' },
  { code: 'drugs-alcohol', label: 'Drugs and alcohol' },
  { code: 'offending', label: 'Offending behaviour' },
] as const;

export type AspectCode = (typeof ASPECTS)[number]['code'];
export const ASPECT_CODES: readonly AspectCode[] = ASPECTS.map((aspect) => aspect.code);

/** Portsmouth early help assessment, plan, review and closure guidance: 'Pregnancy & Early Years is the only aspect where entering "not applicable" is an option'. */
export const MAY_BE_NOT_APPLICABLE: readonly AspectCode[] = ['pregnancy-early-years'];

export function isAspect(value: unknown): value is AspectCode {
  return ASPECT_CODES.includes(value as AspectCode);
}

export function aspectLabel(code: string): string {
  return ASPECTS.find((aspect) => aspect.code === code)?.label ?? code;
}

/** 'How well are things going?' 10 is 'no concerns', 0 is 'really worried' [Portsmouth early help assessment, plan, review and closure guidance]. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
export const SCORE_ANCHORS = { 0: 'Really worried', 5: 'OK but could be better', 10: 'No concerns' } as const;

/** A young person may give their own consent and sign only from age 12 [Portsmouth early help assessment, plan, review and closure guidance]. */
export const YOUNG_PERSON_CONSENT_AGE = 12;

/** Readiness to change, from the stages of change model [Portsmouth early help assessment, plan, review and closure guidance]. */
export const READINESS = [
  { value: 1, label: 'Not ready for changes yet' },
  { value: 2, label: 'Thinking about changes' },
  { value: 3, label: 'Taking first steps to change' },
  { value: 4, label: 'Making good things happen' },
  { value: 5, label: 'Keeping things going well' },
] as const;

/** One aspect's score as stored (jsonb keyed by aspect code): a whole number 0–10, or not applicable with a reason. */
export interface AspectScore {
  score: number | null;
  notApplicableReason?: string | null;
  workingWell?: string | null;
  couldBeBetter?: string | null;
  /** At a review: what has changed since the last plan. */
  whatsChanged?: string | null;
}

export type AspectScores = Partial<Record<AspectCode, AspectScore>>;

/** How many of the lowest-scoring aspects the plan should focus on [Portsmouth early help assessment, plan, review and closure guidance: fewer goals, on the lowest-scoring aspects]. */
export const FOCUS_COUNT = 3;

/** The lowest-scoring aspects, lowest first; equal scores keep the aspects' order. Unscored and N/A aspects are left out. */
export function lowestAspects(
  scores: AspectScores,
  n = FOCUS_COUNT,
): { code: AspectCode; label: string; score: number }[] {
  return ASPECTS.flatMap(({ code, label }) => {
    const score = scores[code]?.score;
    return typeof score === 'number' ? [{ code, label, score }] : [];
  })
    .sort((a, b) => a.score - b.score)
    .slice(0, Math.max(0, n));
}

// A case's clocks start when it is allocated: their due dates are allocation's rules
// (`dueDatesFrom` in src/allocation/queue/rules.ts).

export interface CaseClock {
  label: string;
  due: string;
  /** The date it was met, if it has been. */
  doneOn?: string | null;
}

export type ClockState =
  | { state: 'due'; clock: CaseClock; workingDaysLeft: number }
  | { state: 'overdue'; clock: CaseClock; workingDaysLate: number }
  | { state: 'none' };

/**
 * The clock to act on next: the earliest one not yet met. It is overdue from the day after its
 * due date; on the due date itself it is still due, with 0 working days left.
 */
export function nextClock(clocks: readonly CaseClock[], today: string, cal: Calendar): ClockState {
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

/** How each kind of case event reads on the case's timeline. Every area writes its own kinds. */
export const CASE_EVENT_NAMES: Record<string, string> = {
  allocated: 'Allocated',
  'risk-check': 'Lone-working risk check',
  contact: 'Contact',
  'home-visit': 'Home visit',
  'family-member': 'Family member recorded',
  consent: 'Consent recorded',
  'consent-withdrawn': 'Consent withdrawn',
  'assessment-saved': 'Assessment saved',
  'assessment-completed': 'Assessment completed',
  'action-added': 'Action added to the plan',
  'action-updated': 'Action updated',
  meeting: 'Team Around the Family meeting',
  'lead-changed': 'Lead professional changed',
  measures: 'Progress measures recorded',
  'extension-requested': 'Extension requested',
  'extension-approved': 'Extension approved',
  'extension-declined': 'Extension declined',
  'closure-proposed': 'Closure proposed',
  'closure-signed-off': 'Case closed',
  'closure-refused': 'Closure not signed off',
  'post-closure-review': 'Post-closure review',
  'document-uploaded': 'Document added',
  'professional-added': 'Professional added',
  'professional-removed': 'Professional removed',
  'supporting-families': 'Supporting Families',
  reopened: 'Reopened',
};

export interface ClockColumns {
  status: string;
  allocated_at: Date;
  contact_due: string;
  assessment_due: string;
  planned_end: string;
  first_contact_on: string | null;
  assessment_completed_on: string | null;
  next_meeting_due: string | null;
  post_closure_review_due: string | null;
  post_closure_review_on: string | null;
  /** Whether a meeting has been held: after one, only the date it set counts. */
  has_meeting: boolean | number;
}

/**
 * A case's clocks: contact and home visit, assessment, the next Team Around the Family meeting
 * (the first is due within the meeting interval of allocation), the planned end, and once closed
 * the post-closure review. A closed case has only its review left.
 */
export function clocksOf(row: ClockColumns, meetingWeeks: number): CaseClock[] {
  if (row.status === 'closed') {
    return row.post_closure_review_due
      ? [{ label: 'Post-closure review', due: row.post_closure_review_due, doneOn: row.post_closure_review_on }]
      : [];
  }
  // The first meeting is due within the interval of allocation; after that, on the date the last
  // meeting set. A meeting that stepped the case up or proposed closure sets no next date.
  const meetingDue =
    row.next_meeting_due ??
    (row.has_meeting ? null : formatISO(addWeeks(row.allocated_at, meetingWeeks), { representation: 'date' }));
  return [
    { label: 'Contact and home visit', due: row.contact_due, doneOn: row.first_contact_on },
    { label: 'Assessment', due: row.assessment_due, doneOn: row.assessment_completed_on },
    ...(meetingDue ? [{ label: 'Team Around the Family meeting', due: meetingDue }] : []),
    { label: 'Planned end', due: row.planned_end },
  ];
}

/** One clock's status on the case page: done (on time or late), due, or overdue. */
export function clockStatus(clock: CaseClock, today: string, cal: Calendar): { text: string; tag: string } {
  if (clock.doneOn) {
    const late = clock.doneOn > clock.due;
    return {
      text: `Done${late ? ' late' : ''}, ${formatIsoDate(clock.doneOn)}`,
      tag: late ? 'govuk-tag--orange' : 'govuk-tag--green',
    };
  }
  const next = nextClock([clock], today, cal);
  return next.state === 'overdue'
    ? { text: 'Overdue', tag: 'govuk-tag--red' }
    : { text: 'Due', tag: 'govuk-tag--blue' };
}
