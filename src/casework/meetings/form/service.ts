// What the meeting form needs from the case: the last scores to show beside each aspect, the
// plan's open actions, who may become lead professional, the rules' context (allocation date,
// last meeting, the most weeks to the next meeting), and the values a new form starts with.
import {
  ASPECTS,
  MAY_BE_NOT_APPLICABLE,
  SCORE_ANCHORS,
  SCORE_MAX,
  type AspectCode,
  type AspectScores,
} from '../../rules.ts';
import { readSetting } from '../../../platform/settings/service.ts';
import { londonDate } from '../../../platform/london-time.ts';
import type { CaseRecord, Trx } from '../../service.ts';
import { hasScores, DECISIONS, STEP_DOWN_TO } from '../rules.ts';
import { ACTION_STATUSES, INVITEE_ROWS, type MeetingContext } from './forms.ts';
import { meetingsRepository } from '../repository.ts';

const repository = meetingsRepository();

/** The score choices, 10 down to 0 as the form prints them [Portsmouth early help assessment, plan, review and closure guidance, §3.0], and N/A where allowed. */
export function scoreItems(mayBeNotApplicable: boolean) {
  const anchors = SCORE_ANCHORS as Record<number, string>;
  const items = [{ value: '', text: 'Choose a score' }];
  for (let score = SCORE_MAX; score >= 0; score--)
    items.push({ value: String(score), text: anchors[score] ? `${score} – ${anchors[score]}` : String(score) });
  if (mayBeNotApplicable) items.push({ value: 'na', text: 'Not applicable' });
  return items;
}

function previous(scores: AspectScores | undefined, code: AspectCode): string | undefined {
  const entry = scores?.[code];
  if (!entry) return undefined;
  if (typeof entry.score === 'number') return String(entry.score);
  return entry.notApplicableReason ? 'not applicable' : undefined;
}

const ACTION_STATUS_TEXT: Record<string, string> = { open: 'Still open', done: 'Done', dropped: 'Dropped' };

export async function meetingFormOf(trx: Trx, kase: CaseRecord, today: string) {
  const [meetings, assessment, actions, choices, lead, weeks] = await Promise.all([
    repository.meetings(trx, kase.id),
    repository.assessment(trx, kase.id),
    repository.openActions(trx, kase.id),
    repository.leadChoices(trx),
    repository.currentLead(trx, kase.id),
    readSetting(trx, 'taf-interval-weeks'),
  ]);
  const last = meetings[0];
  const lastParent =
    last?.parent_scores ?? (hasScores(assessment?.parentScores) ? assessment?.parentScores : undefined);
  const lastChild = last?.child_scores;
  const leadChoices = choices.filter((choice) => choice.id !== kase.practitioner_id);
  const context: MeetingContext = {
    today,
    allocatedOn: londonDate(kase.allocated_at),
    lastMeetingOn: last?.held_on ?? null,
    weeks,
    openActionIds: actions.map((action) => action.id),
    leadChoices: leadChoices.map((choice) => choice.id),
    currentLead: { name: kase.lead_name, fromDate: lead?.from_date ?? null },
  };
  const view = {
    weeks,
    lastMeetingOn: last?.held_on ?? null,
    allocatedOn: context.allocatedOn,
    planVersion: kase.plan_version,
    inviteeRows: Array.from({ length: INVITEE_ROWS }, (_, i) => i),
    aspects: ASPECTS.map(({ code, label }) => ({
      code,
      label,
      items: scoreItems(MAY_BE_NOT_APPLICABLE.includes(code)),
      mayBeNotApplicable: MAY_BE_NOT_APPLICABLE.includes(code),
      lastParent: previous(lastParent, code),
      lastChild: previous(lastChild, code),
    })),
    scoresFrom: last ? 'the last meeting' : 'the assessment',
    actions: actions.map((action) => ({
      ...action,
      aspect: ASPECTS.find((aspect) => aspect.code === action.aspect)?.label ?? action.aspect,
    })),
    actionStatuses: ACTION_STATUSES.map((value) => ({ value, text: ACTION_STATUS_TEXT[value] })),
    leadChoices: leadChoices.map((choice) => ({ value: String(choice.id), text: choice.name })),
    decisions: DECISIONS,
    stepDownTo: STEP_DOWN_TO,
  };
  // A new form starts with last meeting's invitees (to mark who came) and each action's progress so far.
  const values: Record<string, string> = {};
  (last?.invitees ?? []).slice(0, INVITEE_ROWS).forEach((invitee, i) => {
    values[`invitees-${i}-name`] = invitee.name;
    values[`invitees-${i}-role`] = invitee.role;
  });
  for (const action of actions) values[`actions-${action.id}-progress`] = action.progress ?? '';
  return { context, view, values, progress: new Map(actions.map((action) => [action.id, action.progress])) };
}

export type MeetingFormView = Awaited<ReturnType<typeof meetingFormOf>>['view'];
