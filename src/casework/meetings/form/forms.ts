// The review meeting form [Portsmouth early help assessment, plan, review and closure guidance,
// §3.2]: who was invited and came, the parent/carer's and the child's re-scores with what has
// changed, the progress summaries, the Team Around the Family's view, progress on the plan's
// actions, the lead professional, the next step and the next meeting. Fields are named by their
// path ('invitees-0-name', 'parentScores-education-score'), so an error links to its field. Each
// field is checked on its own, then the rules that tie fields together (dates, the decision, the
// lead professional) are checked, and every problem is shown at once.
import { z } from 'zod';
import { ASPECTS, MAY_BE_NOT_APPLICABLE, type AspectCode, type AspectScores } from '../../rules.ts';
import { dateInput, withDateInputs, DATE_PARTS } from '../../../platform/date-input.ts';
import { validate, type ErrorItem, type FieldErrors, type Validated } from '../../../platform/validation.ts';
import { DECISION_VALUES, type Decision } from '../rules.ts';
import { measureFields, type Measures } from '../measures/rules.ts';
import { crossCheck } from './rules.ts';

export const INVITEE_ROWS = 10;
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const DATE_FIELDS = ['heldOn', 'steppedUpOn', 'nextMeetingOn'] as const;

export interface Invitee {
  name: string;
  role: string;
  attended: boolean;
  /** Only when they did not attend: whether they sent someone or a written update. */
  sentUpdate: boolean | null;
}

export interface MeetingContext {
  today: string;
  allocatedOn: string;
  lastMeetingOn: string | null;
  weeks: number;
  openActionIds: readonly number[];
  /** Practitioners who may become lead professional (not the current one). */
  leadChoices: readonly number[];
  currentLead: { name: string; fromDate: string | null };
}

export interface MeetingForm {
  heldOn: string;
  invitees: Invitee[];
  parentScores: AspectScores;
  childScores: AspectScores;
  parentSummary: string | null;
  childSummary: string | null;
  tafView: string;
  actions: { id: number; status: ActionStatus; progress: string | null }[];
  planVersion: number | null;
  lead: { changed: false } | { changed: true; newLeadId: number; reason: string };
  decision: Decision;
  /** Step down: 'universal' or 'targeted'; step up: where the request went. */
  decisionDetail: string | null;
  steppedUpOn: string | null;
  nextMeetingOn: string | null;
  nextMeetingTime: string | null;
  nextMeetingVenue: string | null;
  measures: Measures;
}

type Body = Record<string, unknown>;

const TEXT_FIELDS = [
  'parentSummary',
  'childSummary',
  'tafView',
  'planVersion',
  'leadChange',
  'newLeadId',
  'leadReason',
  'decision',
  'stepDownTo',
  'steppedUpTo',
  'nextMeetingTime',
  'nextMeetingVenue',
  'behaviourPoints',
  'attendancePercent',
  'suspensions',
  'placementKept',
] as const;

function str(value: unknown): string {
  if (Array.isArray(value)) return str(value[0]);
  return typeof value === 'string' ? value : '';
}

/** The form's flat fields gathered by path, for the schema. */
export function gather(body: Body, openActionIds: readonly number[]) {
  const source = withDateInputs(body, DATE_FIELDS);
  const scores = (who: string) =>
    Object.fromEntries(
      ASPECTS.map(({ code }) => [
        code,
        {
          score: str(source[`${who}-${code}-score`]),
          reason: str(source[`${who}-${code}-reason`]),
          changed: str(source[`${who}-${code}-changed`]),
        },
      ]),
    );
  const texts = Object.fromEntries(TEXT_FIELDS.map((name) => [name, str(source[name])])) as Record<
    (typeof TEXT_FIELDS)[number],
    string
  >;
  return {
    ...texts,
    heldOn: source.heldOn,
    steppedUpOn: source.steppedUpOn as Record<string, string>,
    nextMeetingOn: source.nextMeetingOn as Record<string, string>,
    invitees: Array.from({ length: INVITEE_ROWS }, (_, i) => ({
      name: str(source[`invitees-${i}-name`]),
      role: str(source[`invitees-${i}-role`]),
      attended: str(source[`invitees-${i}-attended`]),
      update: str(source[`invitees-${i}-update`]),
    })),
    parentScores: scores('parentScores'),
    childScores: scores('childScores'),
    actions: Object.fromEntries(
      openActionIds.map((id) => [
        String(id),
        { status: str(source[`actions-${id}-status`]) || 'open', progress: str(source[`actions-${id}-progress`]) },
      ]),
    ),
  };
}
export type Gathered = ReturnType<typeof gather>;

const text = (max: number, name: string) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or fewer`)
    .transform((value) => value || null);

/** An optional date: blank is fine; anything typed must be a real date. */
const optionalDate = (label: string) =>
  z.record(z.string(), z.string()).transform((parts, ctx): string | null => {
    if (DATE_PARTS.every((part) => !parts[part]?.trim())) return null;
    const parsed = dateInput(label).safeParse(parts);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  });

const yesNo = z.enum(['yes', 'no', '']);

const invitee = z
  .object({ name: text(200, 'The name'), role: text(200, 'The role'), attended: yesNo, update: yesNo })
  .transform((row, ctx): Invitee | null => {
    if (!row.name && !row.role && !row.attended && !row.update) return null;
    const who = row.name ?? 'this person';
    if (!row.name) ctx.addIssue({ code: 'custom', message: 'Enter the name of the person invited', path: ['name'] });
    if (!row.role)
      ctx.addIssue({
        code: 'custom',
        message: `Enter the role of ${who}, such as mother or class teacher`,
        path: ['role'],
      });
    if (!row.attended) ctx.addIssue({ code: 'custom', message: `Select whether ${who} attended`, path: ['attended'] });
    if (row.attended === 'no' && !row.update)
      ctx.addIssue({
        code: 'custom',
        message: `Select whether ${who} sent someone or a written update`,
        path: ['update'],
      });
    return {
      name: row.name ?? '',
      role: row.role ?? '',
      attended: row.attended === 'yes',
      sentUpdate: row.attended === 'no' ? row.update === 'yes' : null,
    };
  });

const SCORE_VALUES = ['', 'na', ...Array.from({ length: 11 }, (_, i) => String(i))] as const;

function aspectScore(code: AspectCode, label: string, required: boolean, whose: string) {
  return z
    .object({
      score: z.enum(SCORE_VALUES, { message: `Select a score from 0 to 10 for ${label}` }),
      reason: text(500, 'The reason'),
      changed: text(2000, 'What has changed'),
    })
    .transform((entry, ctx) => {
      if (entry.score === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `Select ${whose} score for ${label}`, path: ['score'] });
        return entry.changed ? { score: null, whatsChanged: entry.changed } : null;
      }
      if (entry.score === 'na') {
        if (!MAY_BE_NOT_APPLICABLE.includes(code))
          ctx.addIssue({ code: 'custom', message: `${label} must have a score from 0 to 10`, path: ['score'] });
        else if (!entry.reason)
          ctx.addIssue({ code: 'custom', message: `Enter why ${label} is not applicable`, path: ['reason'] });
        return { score: null, notApplicableReason: entry.reason, whatsChanged: entry.changed };
      }
      return { score: Number(entry.score), whatsChanged: entry.changed };
    });
}

function scoresSchema(required: boolean, whose: string) {
  return z
    .object(Object.fromEntries(ASPECTS.map(({ code, label }) => [code, aspectScore(code, label, required, whose)])))
    .transform((entries) => {
      const scores: AspectScores = {};
      for (const [code, entry] of Object.entries(entries)) if (entry) scores[code as AspectCode] = entry;
      return scores;
    });
}

const baseSchema = z.object({
  heldOn: dateInput('date the meeting was held'),
  invitees: z.array(invitee),
  parentScores: scoresSchema(true, 'the parent or carer’s'),
  childScores: scoresSchema(false, 'the child’s'),
  parentSummary: text(5000, 'The parent or carer’s progress summary'),
  childSummary: text(5000, 'The child’s progress summary'),
  tafView: text(5000, 'The Team Around the Family’s view').refine(
    (value) => value !== null,
    'Enter the Team Around the Family’s view: the support offered, the challenges and the changes noticed',
  ),
  actions: z.record(
    z.string(),
    z.object({
      status: z.enum(ACTION_STATUSES, { message: 'Select whether the action is still open, done or dropped' }),
      progress: text(2000, 'The progress note'),
    }),
  ),
  planVersion: z.string().transform((value) => (/^\d+$/.test(value) ? Number(value) : null)),
  leadChange: z.enum(['confirmed', 'changed'], {
    message: 'Select whether the lead professional stays the same or changes',
  }),
  leadReason: text(1000, 'The reason'),
  decision: z.enum(DECISION_VALUES, { message: 'Select the next step' }),
  steppedUpTo: text(300, 'Where the request went'),
  nextMeetingOn: optionalDate('date of the next meeting'),
  nextMeetingVenue: text(300, 'The venue'),
  ...measureFields,
});

/** The order fields appear on the page, so the error summary lists problems in the same order. */
const FIELD_ORDER = [
  'heldOn',
  'invitees',
  'parentScores',
  'parentSummary',
  'childScores',
  'childSummary',
  'tafView',
  'actions',
  'leadChange',
  'newLeadId',
  'leadReason',
  'decision',
  'stepDownTo',
  'steppedUpOn',
  'steppedUpTo',
  'nextMeetingOn',
  'nextMeetingTime',
  'nextMeetingVenue',
  'behaviourPoints',
  'attendancePercent',
  'suspensions',
  'placementKept',
];
const rank = (href: string) => FIELD_ORDER.findIndex((field) => href === `#${field}` || href.startsWith(`#${field}-`));

/** Checks the meeting form against the case: every field, then the rules between them. */
export function checkMeetingForm(body: Body, context: MeetingContext): Validated<MeetingForm> {
  const gathered = gather(body, context.openActionIds);
  const base = validate(baseSchema, gathered);
  const fieldErrors: FieldErrors = base.ok ? {} : { ...base.fieldErrors };
  const errors: ErrorItem[] = base.ok ? [] : [...base.errors];
  const checked = crossCheck(gathered, context, (field) =>
    Object.keys(fieldErrors).some((key) => key === field || key.startsWith(`${field}-`)),
  );
  for (const problem of checked.problems) {
    if (fieldErrors[problem.field]) continue;
    fieldErrors[problem.field] = { text: problem.message };
    errors.push({ text: problem.message, href: `#${problem.field}` });
  }
  if (!base.ok || errors.length)
    return { ok: false, errors: errors.sort((a, b) => rank(a.href) - rank(b.href)), fieldErrors };
  const data = base.data;
  return {
    ok: true,
    data: {
      heldOn: data.heldOn,
      invitees: data.invitees.filter((row): row is Invitee => row !== null),
      parentScores: data.parentScores,
      childScores: data.childScores,
      parentSummary: data.parentSummary,
      childSummary: data.childSummary,
      tafView: data.tafView!,
      actions: Object.entries(data.actions).map(([id, action]) => ({
        id: Number(id),
        status: action.status,
        progress: action.progress,
      })),
      planVersion: data.planVersion,
      lead: checked.newLeadId
        ? { changed: true, newLeadId: checked.newLeadId, reason: data.leadReason! }
        : { changed: false },
      decision: data.decision,
      decisionDetail:
        data.decision === 'step-up' ? data.steppedUpTo : data.decision === 'step-down' ? gathered.stepDownTo : null,
      steppedUpOn: data.decision === 'step-up' ? checked.steppedUpOn : null,
      nextMeetingOn: data.nextMeetingOn,
      nextMeetingTime: checked.nextMeetingTime,
      nextMeetingVenue: data.nextMeetingVenue,
      measures: {
        behaviourPoints: data.behaviourPoints,
        attendancePercent: data.attendancePercent,
        suspensions: data.suspensions,
        placementKept: data.placementKept,
      },
    },
  };
}
