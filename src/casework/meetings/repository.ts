// Queries for a case's meetings, measures, open actions and lead professional. Every function
// takes the transaction of the read or change it belongs to.
import { sql, type Selectable } from 'kysely';
import type { CaseMeetingsTable } from '../schema.ts';
import type { Trx } from '../service.ts';
import type { AspectScores } from '../rules.ts';
import type { Invitee, MeetingForm } from './form/forms.ts';
import type { MeasurePoint, MeasureRow, Measures } from './measures/rules.ts';

/** A meeting as stored, with its scores and invitees typed, and who recorded it. */
export type MeetingRow = Omit<
  Selectable<CaseMeetingsTable>,
  'case_id' | 'invitees' | 'parent_scores' | 'child_scores' | 'recorded_by' | 'recorded_at'
> & {
  invitees: Invitee[];
  parent_scores: AspectScores;
  child_scores: AspectScores;
  recorded_by_name: string | null;
};

export function meetingsRepository() {
  return {
    /** The case's meetings, newest first. */
    async meetings(trx: Trx, caseId: number): Promise<MeetingRow[]> {
      const rows = await trx
        .selectFrom('case_meetings')
        .leftJoin('users', 'users.id', 'case_meetings.recorded_by')
        .selectAll('case_meetings')
        .select('users.name as recorded_by_name')
        .where('case_meetings.case_id', '=', caseId)
        .orderBy('case_meetings.held_on', 'desc')
        .orderBy('case_meetings.id', 'desc')
        .execute();
      return rows.map((row) => ({
        ...row,
        invitees: row.invitees as Invitee[],
        parent_scores: row.parent_scores as AspectScores,
        child_scores: row.child_scores as AspectScores,
      }));
    },

    async assessment(trx: Trx, caseId: number) {
      const row = await trx
        .selectFrom('case_assessments')
        .select(['parent_scores', 'completed_on', 'updated_at'])
        .where('case_id', '=', caseId)
        .executeTakeFirst();
      return (
        row && {
          parentScores: row.parent_scores as AspectScores,
          completedOn: row.completed_on,
          updatedAt: row.updated_at,
        }
      );
    },

    /** Records a meeting as the form gave it; returns its id. */
    async insertMeeting(trx: Trx, caseId: number, form: MeetingForm, recordedBy: number | null): Promise<number> {
      const { id } = await trx
        .insertInto('case_meetings')
        .values({
          case_id: caseId,
          held_on: form.heldOn,
          invitees: JSON.stringify(form.invitees),
          parent_scores: JSON.stringify(form.parentScores),
          child_scores: JSON.stringify(form.childScores),
          parent_summary: form.parentSummary,
          child_summary: form.childSummary,
          taf_view: form.tafView,
          decision: form.decision,
          decision_detail: form.decisionDetail,
          stepped_up_on: form.steppedUpOn,
          next_meeting_on: form.nextMeetingOn,
          next_meeting_time: form.nextMeetingOn ? form.nextMeetingTime : null,
          next_meeting_venue: form.nextMeetingOn ? form.nextMeetingVenue : null,
          recorded_by: recordedBy,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Records progress on one of the plan's actions, if it is still open. */
    async progressAction(trx: Trx, caseId: number, action: MeetingForm['actions'][number], at: Date): Promise<void> {
      await trx
        .updateTable('case_actions')
        .set({ status: action.status, progress: action.progress, updated_at: at })
        .where('id', '=', action.id)
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .execute();
    },

    /** Sets when the next meeting is due, moving the plan's version on when its actions changed. */
    async setNextMeetingDue(trx: Trx, caseId: number, due: string | null, actionsChanged: boolean): Promise<void> {
      await trx
        .updateTable('cases')
        .set((eb) => ({
          next_meeting_due: due,
          ...(actionsChanged ? { plan_version: eb('plan_version', '+', 1) } : {}),
        }))
        .where('id', '=', caseId)
        .execute();
    },

    /** The plan's open actions (not the aspects marked 'no action needed at this stage'). */
    openActions(trx: Trx, caseId: number) {
      return trx
        .selectFrom('case_actions')
        .select(['id', 'aspect', 'action', 'who', 'by_when', 'progress'])
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .where('no_action', '=', false)
        .orderBy('id')
        .execute();
    },

    /** Active practitioners and senior practitioners, who may become lead professional. */
    leadChoices(trx: Trx) {
      return trx
        .selectFrom('users')
        .leftJoin('practitioners', 'practitioners.user_id', 'users.id')
        .select(['users.id', 'users.name', 'users.email', 'practitioners.practitioner_type'])
        .where(sql<boolean>`users.roles && array['practitioner', 'senior_practitioner']::text[]`)
        .where('users.disabled_at', 'is', null)
        .orderBy('users.name')
        .orderBy('users.id')
        .execute();
    },

    /** The lead professional's current spell on the case. */
    currentLead(trx: Trx, caseId: number) {
      return trx
        .selectFrom('case_lead_professionals')
        .select(['id', 'practitioner_id', 'from_date'])
        .where('case_id', '=', caseId)
        .where('to_date', 'is', null)
        .orderBy('id', 'desc')
        .executeTakeFirst();
    },

    async referrerEmail(trx: Trx, referralId: number): Promise<string | undefined> {
      const row = await trx
        .selectFrom('referrals')
        .innerJoin('users', 'users.id', 'referrals.created_by')
        .select('users.email')
        .where('referrals.id', '=', referralId)
        .executeTakeFirst();
      return row?.email;
    },

    async measures(trx: Trx, caseId: number): Promise<MeasureRow[]> {
      const rows = await trx.selectFrom('case_measures').selectAll().where('case_id', '=', caseId).execute();
      return rows.map((row) => ({
        id: row.id,
        point: row.point as MeasurePoint,
        recordedOn: row.recorded_on,
        meetingId: row.meeting_id,
        behaviourPoints: row.behaviour_points,
        attendancePercent: row.attendance_percent === null ? null : Number(row.attendance_percent),
        suspensions: row.suspensions,
        placementKept: row.placement_kept,
      }));
    },

    /** Records measures at a point; at referral or closure it replaces any taken before at that point. */
    async saveMeasures(
      trx: Trx,
      input: {
        caseId: number;
        point: MeasurePoint;
        recordedOn: string;
        meetingId: number | null;
        userId: number | null;
        measures: Measures;
      },
    ) {
      if (input.point === 'referral' || input.point === 'closure') {
        await trx
          .deleteFrom('case_measures')
          .where('case_id', '=', input.caseId)
          .where('point', '=', input.point)
          .execute();
      }
      const { id } = await trx
        .insertInto('case_measures')
        .values({
          case_id: input.caseId,
          point: input.point,
          meeting_id: input.meetingId,
          recorded_on: input.recordedOn,
          behaviour_points: input.measures.behaviourPoints,
          attendance_percent: input.measures.attendancePercent,
          suspensions: input.measures.suspensions,
          placement_kept: input.measures.placementKept,
          recorded_by: input.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /**
     * Hands the case to a new lead professional: the current spell ends on `fromDate`, the new one
     * starts then, and the case moves to the new lead's caseload.
     */
    async handOver(
      trx: Trx,
      caseId: number,
      lead: {
        practitionerId: number;
        practitionerType: string;
        fromDate: string;
        reason: string;
        changedBy: number | null;
      },
    ): Promise<void> {
      await trx
        .updateTable('case_lead_professionals')
        .set({ to_date: lead.fromDate })
        .where('case_id', '=', caseId)
        .where('to_date', 'is', null)
        .execute();
      await trx
        .insertInto('case_lead_professionals')
        .values({
          case_id: caseId,
          practitioner_id: lead.practitionerId,
          from_date: lead.fromDate,
          reason: lead.reason,
          changed_by: lead.changedBy,
        })
        .execute();
      await trx
        .updateTable('cases')
        .set({ practitioner_id: lead.practitionerId, practitioner_type: lead.practitionerType })
        .where('id', '=', caseId)
        .execute();
    },
  };
}
