/**
 * The form that creates a group programme (Havering SEMH Team proposal): a parent group for the cluster the
 * rotation gives the half term, or a small group at one of the most vulnerable schools in the
 * year's approved allocation plan. Fields are checked on their own first, then against the
 * year (half term, cluster, school) and the calendar (every weekly session on a school day in
 * the half term). Pure: the service loads the context.
 */
import { z } from 'zod';
import { checkboxGroup, checkedValues } from '../../platform/checkboxes.ts';
import type { TermPeriod } from '../../platform/calendar/calendar.ts';
import { dateInput, withDateInputs } from '../../platform/date-input.ts';
import { validate, type ErrorItem, type FieldErrors, type Validated } from '../../platform/validation.ts';
import type { ClusterRef } from '../clusters/repository.ts';
import type { ProgrammeKind } from '../schema.ts';
import { checkWeeklySessions, MAX_SESSIONS, type SessionCalendar } from './rules.ts';
import { yearLabelOf } from '../rules.ts';

export const PROGRAMME_KINDS: readonly ProgrammeKind[] = ['parent-group', 'small-group'];
export const KIND_NAMES: Record<ProgrammeKind, string> = {
  'parent-group': 'Parent group',
  'small-group': 'Small group',
};
export const FOCUS_CHOICES = ['Emotional regulation', 'Anxiety', 'Friendships', 'Self-esteem'] as const;
export const OTHER_FOCUS = 'other';
export const MAX_CAPACITY = 100;

export const isProgrammeKind = (value: unknown): value is ProgrammeKind =>
  PROGRAMME_KINDS.includes(value as ProgrammeKind);

export interface ProgrammeFormContext {
  kind: ProgrammeKind;
  year: string;
  halfTerms: readonly TermPeriod[];
  /** Parent groups: the clusters the rotation gives each half term, by its name. */
  clustersByTerm: ReadonlyMap<string, readonly ClusterRef[]>;
  /** Small groups: whether the year has an approved plan, and its small-group schools. */
  plan: { approved: boolean; schools: readonly { urn: number; name: string }[] };
  /** Names of every authority school, to name a school refused. */
  schoolName: (urn: number) => string | undefined;
  facilitators: readonly { id: number; name: string }[];
  cal: SessionCalendar;
}

export interface ProgrammeInput {
  kind: ProgrammeKind;
  year: string;
  halfTerm: TermPeriod;
  clusterId: number | null;
  urn: number | null;
  focus: string | null;
  name: string;
  facilitatorIds: number[];
  venue: string;
  dates: string[];
  capacity: number;
  openToAll: boolean;
  measureName: string | null;
}

const text = (missing: string, max: number, label: string) =>
  z.string({ error: missing }).trim().min(1, missing).max(max, `${label} must be ${max} characters or fewer`);

/** A whole number in a range from a text box: missing and out of range have their own messages. */
export const wholeNumber = (missing: string, range: string, min: number, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .regex(/^\d+$/, range)
    .transform(Number)
    .refine((n) => n >= min && n <= max, range);

const fieldsSchema = z.object({
  name: text('Enter the name of the programme', 120, 'Name of the programme'),
  termName: z.string({ error: 'Select the half term' }).min(1, 'Select the half term'),
  facilitators: checkboxGroup(z.coerce.number().int(), 'Select at least one facilitator'),
  venue: text('Enter the venue', 200, 'Venue'),
  firstSession: dateInput('date of the first session', { earliest: '2000-01-01', latest: '2099-12-31' }),
  sessions: wholeNumber(
    'Enter the number of weekly sessions',
    `Number of sessions must be a whole number from 1 to ${MAX_SESSIONS}`,
    1,
    MAX_SESSIONS,
  ),
  capacity: wholeNumber(
    'Enter the number of places',
    `Number of places must be a whole number from 1 to ${MAX_CAPACITY}`,
    1,
    MAX_CAPACITY,
  ),
  measureName: z.string().trim().max(120, 'Name of the measure must be 120 characters or fewer').optional(),
});

const parentSchema = fieldsSchema.extend({
  openToAll: z.enum(['yes', 'no'], { error: 'Select whether other schools may book places that are left' }),
  clusterId: z.string().optional(),
});

const smallSchema = fieldsSchema.extend({
  urn: z.string({ error: 'Select the school' }).min(1, 'Select the school'),
  focus: z.string({ error: 'Select the focus of the group' }).min(1, 'Select the focus of the group'),
  focusOther: z.string().trim().max(120, 'Focus must be 120 characters or fewer').optional(),
});

type Problems = { errors: ErrorItem[]; fieldErrors: FieldErrors };

function add(problems: Problems, field: string, message: string) {
  if (problems.fieldErrors[field]) return;
  problems.fieldErrors[field] = { text: message };
  problems.errors.push({ text: message, href: `#${field}` });
}

/** The cluster of a parent group: the rotation's for the half term, or the one chosen when two are paired. */
function clusterFor(
  term: string,
  chosen: string | undefined,
  context: ProgrammeFormContext,
  problems: Problems,
): number | null {
  const clusters = context.clustersByTerm.get(term) ?? [];
  if (clusters.length === 0) {
    add(
      problems,
      'termName',
      `The rotation gives no cluster for ${term}: set the year’s rotation first, at /groups/rotation`,
    );
    return null;
  }
  if (clusters.length === 1) return clusters[0].id;
  const found = clusters.find((cluster) => String(cluster.id) === chosen);
  if (!found)
    add(
      problems,
      'clusterId',
      `Select the cluster the group is for: ${clusters
        .map((c) => c.name)
        .sort((a, b) => a.localeCompare(b))
        .join(' or ')} share ${term}`,
    );
  return found?.id ?? null;
}

/** The small group's school: one of the approved plan's small-group schools. */
function schoolFor(urnText: string, context: ProgrammeFormContext, problems: Problems): number | null {
  if (!context.plan.approved) {
    add(
      problems,
      'urn',
      `There is no approved allocation plan for ${yearLabelOf(context.year)}, so no school can have a small group yet`,
    );
    return null;
  }
  const urn = Number(urnText);
  if (context.plan.schools.some((school) => school.urn === urn)) return urn;
  const name = context.schoolName(urn);
  add(
    problems,
    'urn',
    name
      ? `${name} is not one of the most vulnerable schools in the approved allocation plan for ${yearLabelOf(context.year)}, so it cannot have a small group`
      : 'Select the school',
  );
  return null;
}

/** Checks the create form against the year and the calendar. */
export function readProgrammeForm(body: unknown, context: ProgrammeFormContext): Validated<ProgrammeInput> {
  const input = withDateInputs(body, ['firstSession']);
  const parsed = context.kind === 'parent-group' ? validate(parentSchema, input) : validate(smallSchema, input);
  const problems: Problems = parsed.ok
    ? { errors: [], fieldErrors: {} }
    : { errors: [...parsed.errors], fieldErrors: { ...parsed.fieldErrors } };
  const raw = (input ?? {}) as Record<string, unknown>;
  const termName = typeof raw.termName === 'string' ? raw.termName : '';
  const halfTerm = context.halfTerms.find((term) => term.name === termName);
  if (termName && !halfTerm) add(problems, 'termName', `Select a half term of ${yearLabelOf(context.year)}`);

  let clusterId: number | null = null;
  let urn: number | null = null;
  let focus: string | null = null;
  if (context.kind === 'parent-group' && halfTerm)
    clusterId = clusterFor(halfTerm.name, raw.clusterId as string | undefined, context, problems);
  if (context.kind === 'small-group') {
    if (typeof raw.urn === 'string' && raw.urn) urn = schoolFor(raw.urn, context, problems);
    if (raw.focus === OTHER_FOCUS) {
      focus = typeof raw.focusOther === 'string' && raw.focusOther.trim() ? raw.focusOther.trim() : null;
      if (!focus) add(problems, 'focusOther', 'Enter the focus of the group');
    } else if (typeof raw.focus === 'string' && raw.focus) {
      focus = FOCUS_CHOICES.find((choice) => choice === raw.focus) ?? null;
      if (!focus) add(problems, 'focus', 'Select the focus of the group');
    }
  }

  const facilitatorIds = checkedValues(raw.facilitators).map(Number);
  if (facilitatorIds.some((id) => !context.facilitators.some((f) => f.id === id)))
    add(problems, 'facilitators', 'Select facilitators from the list');

  let dates: string[] = [];
  if (parsed.ok && halfTerm) {
    const checked = checkWeeklySessions(parsed.data.firstSession, parsed.data.sessions, halfTerm, context.cal);
    if (checked.ok) dates = checked.dates;
    else add(problems, checked.session === 1 ? 'firstSession-day' : 'sessions', checked.message);
  }

  if (!parsed.ok || problems.errors.length || !halfTerm) return { ok: false, ...problems };
  const data = parsed.data;
  return {
    ok: true,
    data: {
      kind: context.kind,
      year: context.year,
      halfTerm,
      clusterId,
      urn,
      focus,
      name: data.name,
      facilitatorIds: [...new Set(facilitatorIds)],
      venue: data.venue,
      dates,
      capacity: data.capacity,
      openToAll: 'openToAll' in data ? data.openToAll === 'yes' : false,
      measureName: data.measureName || null,
    },
  };
}
