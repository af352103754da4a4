// A case's Team Around the Family meetings: the list with the next meeting and the family's
// distance travelled, and recording a review in one transaction with the case locked: the
// meeting, progress on the plan's actions, measures, a change of lead professional, and the
// date the next meeting is due.
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Actor } from '../../platform/audit/audit.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import type { ErrorItem, FieldErrors } from '../../platform/validation.ts';
import { londonDate } from '../../platform/london-time.ts';
import { addCaseEvent, auditCase, changeCase, readCase, type CaseRecord, type Trx } from '../service.ts';
import type { AspectScores } from '../rules.ts';
import { readScopeOf } from '../repository.ts';
import { distanceChart, decisionText, distanceTravelled, hasScores, nextMeetingDue } from './rules.ts';
import { checkMeetingForm, type MeetingForm } from './form/forms.ts';
import { meetingFormOf, type MeetingFormView } from './form/service.ts';
import { changeLead } from './lead/service.ts';
import { hasAnyMeasure } from './measures/rules.ts';
import { meetingsRepository, type MeetingRow } from './repository.ts';

const repository = meetingsRepository();

function meetingView(meeting: MeetingRow) {
  const attended = meeting.invitees.filter((invitee) => invitee.attended);
  return {
    ...meeting,
    attended,
    absent: meeting.invitees.filter((invitee) => !invitee.attended),
    attendance: `${attended.length} of ${meeting.invitees.length} invited`,
    decisionText: decisionText(meeting.decision, meeting.decision_detail),
  };
}

/** Where the family started: the assessment's scores if it has any, else the first meeting's (when it is not also the latest). */
function baselineOf(
  assessment: { parentScores: AspectScores; completedOn: string | null } | undefined,
  meetings: MeetingRow[],
) {
  if (assessment && hasScores(assessment.parentScores)) {
    return {
      scores: assessment.parentScores,
      label: assessment.completedOn ? `the assessment, ${formatIsoDate(assessment.completedOn)}` : 'the assessment',
    };
  }
  const first = meetings.at(-1);
  if (first && meetings.length > 1)
    return { scores: first.parent_scores, label: `the first meeting, ${formatIsoDate(first.held_on)}` };
  return undefined;
}

export type RecordResult =
  | {
      kind: 'problem';
      status: number;
      errors: ErrorItem[];
      fieldErrors: FieldErrors;
      view: MeetingFormView;
      kase: CaseRecord;
    }
  | { kind: 'saved'; heldOn: string; decision: string; leadName?: string; stillReaches: boolean };

export function meetingsService(db: Db, clock: Clock) {
  return {
    /** The meetings page: meetings newest first, the next meeting and the distance travelled. */
    overview(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'meetings', async (trx, kase) => {
        const [meetings, assessment, weeks] = await Promise.all([
          repository.meetings(trx, id),
          repository.assessment(trx, id),
          readSetting(trx, 'taf-interval-weeks'),
        ]);
        const latest = meetings[0];
        const next = nextMeetingDue({
          nextMeetingDue: kase.next_meeting_due,
          allocatedOn: londonDate(kase.allocated_at),
          meetingsHeld: meetings.length,
          weeks,
          today: clock.today(),
          closed: kase.status === 'closed',
        });
        const baseline = baselineOf(assessment, meetings);
        const distance = latest && baseline ? distanceTravelled(baseline.scores, latest.parent_scores) : undefined;
        const arranged = latest && latest.next_meeting_on === kase.next_meeting_due ? latest : undefined;
        return {
          kase,
          weeks,
          meetings: meetings.map(meetingView),
          next,
          nextTime: arranged?.next_meeting_time ?? null,
          nextVenue: arranged?.next_meeting_venue ?? null,
          distance,
          chart: distance && distanceChart(distance),
          baselineLabel: baseline?.label,
          latestOn: latest?.held_on,
          closurePending: latest?.decision === 'propose-closure' && kase.status === 'open',
        };
      });
    },

    /** The form for a new meeting, or undefined if the user may not see the case. */
    newForm(actor: Actor, user: CurrentUser, id: number) {
      return readCase(db, actor, user, id, 'meetings-new', async (trx, kase) => ({
        kase,
        ...(await meetingFormOf(trx, kase, clock.today())),
      }));
    },

    /** Records a meeting; nothing is saved if any part of the form has a problem. */
    record(actor: Actor, user: CurrentUser, id: number, body: Record<string, unknown>) {
      return changeCase(db, user, id, async (trx, kase): Promise<RecordResult> => {
        const prepared = await meetingFormOf(trx, kase, clock.today());
        const form = checkMeetingForm(body, prepared.context);
        if (!form.ok)
          return {
            kind: 'problem',
            status: 400,
            errors: form.errors,
            fieldErrors: form.fieldErrors,
            view: prepared.view,
            kase,
          };
        const changed = form.data.actions.filter(
          (action) =>
            action.status !== 'open' || (action.progress ?? null) !== (prepared.progress.get(action.id) ?? null),
        );
        if (changed.length && form.data.planVersion !== null && form.data.planVersion !== kase.plan_version) {
          const text =
            'The plan’s actions were changed by someone else while you were recording this meeting. Check the actions and save again.';
          return {
            kind: 'problem',
            status: 409,
            errors: [{ text, href: '#actions' }],
            fieldErrors: { actions: { text } },
            view: prepared.view,
            kase,
          };
        }
        return save(trx, actor, user, kase, form.data, changed, clock.now());
      });
    },
  };
}

async function save(
  trx: Trx,
  actor: Actor,
  user: CurrentUser,
  kase: CaseRecord,
  form: MeetingForm,
  changedActions: MeetingForm['actions'],
  now: Date,
): Promise<RecordResult> {
  const meetingId = await repository.insertMeeting(trx, kase.id, form, actor.userId);

  for (const action of changedActions) await repository.progressAction(trx, kase.id, action, now);
  // The plan's version moves on whenever its actions change, so an open edit of the plan notices.
  await repository.setNextMeetingDue(trx, kase.id, form.nextMeetingOn, changedActions.length > 0);

  const measured = hasAnyMeasure(form.measures);
  if (measured)
    await repository.saveMeasures(trx, {
      caseId: kase.id,
      point: 'review',
      recordedOn: form.heldOn,
      meetingId,
      userId: actor.userId,
      measures: form.measures,
    });

  const attended = form.invitees.filter((invitee) => invitee.attended).length;
  const decision = decisionText(form.decision, form.decisionDetail);
  const next = form.nextMeetingOn
    ? ` Next meeting ${formatIsoDate(form.nextMeetingOn)}${form.nextMeetingTime ? ` at ${form.nextMeetingTime}` : ''}.`
    : '';
  const actions = changedActions.length
    ? ` ${changedActions.length} ${changedActions.length === 1 ? 'action' : 'actions'} updated.`
    : '';
  await addCaseEvent(trx, {
    caseId: kase.id,
    userId: actor.userId,
    kind: 'meeting',
    message: `Held on ${formatIsoDate(form.heldOn)}: ${attended} of ${form.invitees.length} invited attended. Next step: ${decision}.${next}${actions}`,
  });
  await auditCase(trx, actor, kase.id, 'record-meeting', {
    meetingId,
    heldOn: form.heldOn,
    decision: form.decision,
    nextMeetingOn: form.nextMeetingOn,
    actionsUpdated: changedActions.map((action) => ({ id: action.id, status: action.status })),
    measures: measured,
    leadChanged: form.lead.changed,
  });

  let leadName: string | undefined;
  if (form.lead.changed)
    leadName = (
      await changeLead(trx, actor, kase, {
        newLeadId: form.lead.newLeadId,
        reason: form.lead.reason,
        fromDate: form.heldOn,
      })
    ).name;
  const leadsNow = form.lead.changed ? form.lead.newLeadId : kase.practitioner_id;
  return {
    kind: 'saved',
    heldOn: form.heldOn,
    decision: form.decision,
    leadName,
    stillReaches: (await readScopeOf(trx, user)).kind === 'all' || leadsNow === user.id,
  };
}
