// What a school sees of the support for a child it referred: the case's status, the lead
// professional, the Team Around the Family meeting dates, the actions the school owns and, once
// closed, the outcome. Never contact summaries, notes, the meeting's view, the child's voice or the
// child's own scores; the family's (parent or carer's) scores only while the family agrees to share
// their plan with those supporting it [Portsmouth early help assessment, plan, review and closure
// guidance]. Reads only; the caller reads the referral in the same transaction, scoped to the
// user's schools, and audits that view.
import { practitionerTypeName } from '../../platform/users/practitioner-types.ts';
import { londonDate } from '../../platform/london-time.ts';
import { ASPECTS, type AspectCode, type AspectScores } from '../rules.ts';
import { planMayBeShared } from '../assessment/repository.ts';
import { closureReasonLabel } from '../closure/forms.ts';
import { hasScores } from '../meetings/rules.ts';
import { isOverdue, statusOf } from '../plan/rules.ts';
import type { Reader } from '../repository.ts';
import { schoolViewRepository } from './repository.ts';

const repository = schoolViewRepository();

export interface SchoolAction {
  what: string;
  byWhen: string | null;
  status: string;
  overdue: boolean;
}

export interface SchoolScoreRow {
  aspect: string;
  atAssessment: string;
  latest: string;
}

/** The family's scores, when they agreed to share their plan; otherwise nothing about them. */
export type SchoolScores = { shared: false } | { shared: true; rows: SchoolScoreRow[]; latestMeetingOn: string | null };

export interface SchoolCaseView {
  status: string;
  lead: { name: string; type: string };
  allocatedOn: string;
  /** Meetings held, oldest first. */
  meetingsHeld: string[];
  nextMeeting: { date: string; time: string | null; venue: string | null } | null;
  actions: SchoolAction[];
  closure: { reason: string; closedOn: string; reviewDue: string | null; reviewedOn: string | null } | null;
  scores: SchoolScores;
}

function scoreText(scores: AspectScores | null, code: AspectCode): string {
  const entry = scores?.[code];
  if (typeof entry?.score === 'number') return String(entry.score);
  return entry?.notApplicableReason ? 'Not applicable' : 'Not scored';
}

/** The parent or carer's scores at the assessment and at the latest meeting that scored them. */
async function familyScores(db: Reader, caseId: number): Promise<SchoolScores> {
  const [assessment, meetings] = await Promise.all([
    repository.assessedScores(db, caseId),
    repository.meetingScores(db, caseId),
  ]);
  const first = (assessment?.parent_scores ?? null) as AspectScores | null;
  const latest = meetings.find((meeting) => hasScores(meeting.parent_scores as AspectScores));
  if (!hasScores(first) && !latest) return { shared: true, rows: [], latestMeetingOn: null };
  const latestScores = (latest?.parent_scores ?? null) as AspectScores | null;
  return {
    shared: true,
    latestMeetingOn: latest?.held_on ?? null,
    rows: ASPECTS.map(({ code, label }) => ({
      aspect: label,
      atAssessment: scoreText(first, code),
      latest: latest ? scoreText(latestScores, code) : '',
    })),
  };
}

/** What the school may see of a case, as of `today` (a London date); undefined if there is no such case. */
export async function schoolCaseView(db: Reader, caseId: number, today: string): Promise<SchoolCaseView | undefined> {
  const kase = await repository.kase(db, caseId);
  if (!kase) return undefined;
  const [meetings, actions, shared] = await Promise.all([
    repository.meetings(db, caseId),
    repository.schoolActions(db, caseId),
    planMayBeShared(db, caseId, today),
  ]);
  const latest = meetings.at(-1);
  return {
    status: kase.status,
    lead: { name: kase.name, type: practitionerTypeName(kase.practitioner_type) },
    allocatedOn: londonDate(kase.allocated_at),
    meetingsHeld: meetings.map((meeting) => meeting.held_on),
    nextMeeting:
      kase.status === 'open' && latest?.next_meeting_on
        ? { date: latest.next_meeting_on, time: latest.next_meeting_time, venue: latest.next_meeting_venue }
        : null,
    actions: actions.map((action) => ({
      what: action.action ?? '',
      byWhen: action.by_when,
      status: statusOf(action.status).label,
      overdue: isOverdue(action, today),
    })),
    closure:
      kase.status === 'closed' && kase.closed_at
        ? {
            reason: kase.reason ? closureReasonLabel(kase.reason) : 'Not recorded',
            closedOn: londonDate(kase.closed_at),
            reviewDue: kase.post_closure_review_due,
            reviewedOn: kase.post_closure_review_on,
          }
        : null,
    scores: shared ? await familyScores(db, caseId) : { shared: false },
  };
}
