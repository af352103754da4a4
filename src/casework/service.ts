// Caseloads and case pages. Every read of a case is a read of a child's record: audited.
import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import { loadCalendar } from '../platform/calendar/service.ts';
import type { Calendar } from '../platform/calendar/calendar.ts';
import { formatIsoDate } from '../platform/date-input.ts';
import type { CurrentUser } from '../platform/roles.ts';
import { addWeeks, formatISO } from 'date-fns';
import { londonDate } from '../platform/london-time.ts';
import { readSetting } from '../platform/settings/service.ts';
import { needLabel } from '../referrals/needs.ts';
import { presentingNeedsOf } from '../referrals/pages.ts';
import { practitionerTypeName } from '../platform/users/practitioner-types.ts';
import { describeNextClock, nextClock, type Clock } from './clocks.ts';
import { casesRepository, readScopeOf } from './repository.ts';
import { mayChange } from './access.ts';
import { childAttendance } from '../attendance/child.ts';

const repository = casesRepository();

interface ClockColumns {
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
export function clocksOf(row: ClockColumns, meetingWeeks: number): Clock[] {
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
function clockStatus(clock: Clock, today: string, cal: Calendar): { text: string; tag: string } {
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

export function caseworkService(db: Db) {
  return {
    /**
     * Open cases with their next clock, overdue first. A practitioner sees their own; a team
     * manager or senior practitioner sees the team's, or one practitioner's with `practitionerId`.
     */
    async caseload(actor: Actor, user: CurrentUser, practitionerId?: number) {
      const scope = await readScopeOf(db, user);
      const [rows, cal, weeks] = await Promise.all([
        repository.open(db, scope, practitionerId),
        loadCalendar(db),
        readSetting(db, 'taf-interval-weeks'),
      ]);
      const today = londonDate(new Date());
      const cases = rows
        .map((row) => {
          const next = nextClock(clocksOf(row, weeks), today, cal);
          return {
            id: row.id,
            status: row.status,
            reference: row.reference,
            childName: `${row.first_name} ${row.last_name}`,
            schoolName: row.school_name,
            leadName: row.lead_name,
            leadId: row.lead_id,
            typeName: practitionerTypeName(row.practitioner_type),
            allocatedAt: row.allocated_at,
            due: next.state === 'none' ? null : next.clock.due,
            next: describeNextClock(next, formatIsoDate),
          };
        })
        .sort(
          (a, b) =>
            Number(b.next.overdue) - Number(a.next.overdue) ||
            (a.due ?? '9999').localeCompare(b.due ?? '9999') ||
            a.id - b.id,
        );
      await audit(db, actor, {
        action: 'view',
        recordType: 'caseload',
        recordId: practitionerId ?? (scope.kind === 'lead' ? scope.userId : null),
        details: { cases: cases.length },
      });
      return cases;
    },

    /** Whether the user sees the team's caseload (managers, and practitioners when the setting says so). */
    async seesTeam(user: CurrentUser): Promise<boolean> {
      return (await readScopeOf(db, user)).kind === 'all';
    },

    /** A case the user may see, with its timeline; undefined otherwise (shown as not found). */
    async view(actor: Actor, user: CurrentUser, id: number) {
      return db.transaction().execute(async (trx) => {
        const row = await repository.find(trx, await readScopeOf(trx, user), id);
        if (!row) return undefined;
        const events = await repository.events(trx, id);
        await audit(trx, actor, { action: 'view', recordType: 'case', recordId: id });
        const cal = await loadCalendar(trx);
        const weeks = await readSetting(trx, 'taf-interval-weeks');
        const today = londonDate(new Date());
        const attendance = await childAttendance(trx, row.upn, row.school_urn, today);
        const needs = presentingNeedsOf(row.answers).map(needLabel);
        return {
          ...row,
          canChange: mayChange(user, row),
          typeName: practitionerTypeName(row.practitioner_type),
          needs,
          attendance,
          clocks: clocksOf(row, weeks).map((clock) => ({ ...clock, status: clockStatus(clock, today, cal) })),
          events,
        };
      });
    },
  };
}

export type CaseworkService = ReturnType<typeof caseworkService>;
