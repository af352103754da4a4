// The assessment's smaller forms [Portsmouth early help assessment, plan, review and closure
// guidance, §3.1 B, D]: a consent, its withdrawal, a member of "Who's in our family?", and the
// child's voice with the school's input. Each reads the form into what is stored, with the GOV.UK
// error messages.
import { z } from 'zod';
import { checkDateParts, dateInput, withDateInputs, type DateParts } from '../../platform/date-input.ts';
import { validate, type ErrorItem, type FieldErrors, type Validated } from '../../platform/validation.ts';
import {
  ASPECTS,
  MAY_BE_NOT_APPLICABLE,
  SCORE_MAX,
  SCORE_MIN,
  aspectLabel,
  type AspectCode,
  type AspectScores,
} from '../rules.ts';
import {
  GENDERS,
  MAX_TEXT,
  PERSPECTIVES,
  PRACTITIONER_VIEWS,
  type Perspective,
  type PractitionerView,
} from './rules.ts';

const NAME_MAX = 200;

const required = (message: string, name: string, max = NAME_MAX) =>
  z
    .string(message)
    .trim()
    .min(1, message)
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or less`);
const optional = (name: string, max = NAME_MAX) =>
  z
    .string()
    .trim()
    .max(max, `${name} must be ${max.toLocaleString('en-GB')} characters or less`)
    .optional()
    .transform((value) => (value ? value : null));
const yesNo = (message: string) => z.enum(['yes', 'no'], message).transform((value) => value === 'yes');

export const CONSENT_DATE_FIELDS = ['givenOn'] as const;

export function consentSchema(today: string) {
  return z.object({
    kind: z.enum(['plan-sharing', 'supporting-families'], 'Select which consent this is'),
    agreed: yesNo('Select whether they agree or do not agree'),
    givenBy: required('Enter the name of the person giving consent', 'The name'),
    givenByRole: z.enum(
      ['parent-carer', 'young-person'],
      'Select whether a parent or carer or the young person gave consent',
    ),
    givenOn: dateInput('date consent was given', { latest: today }),
  });
}

export type ConsentInput = z.infer<ReturnType<typeof consentSchema>>;

export function readConsentForm(body: unknown, today: string) {
  return validate(consentSchema(today), withDateInputs(body, CONSENT_DATE_FIELDS));
}

export const WITHDRAWAL_DATE_FIELDS = ['withdrawnOn'] as const;

export function readWithdrawalForm(body: unknown, givenOn: string, today: string) {
  const schema = z.object({
    withdrawnOn: dateInput('date consent was withdrawn', { earliest: givenOn, latest: today }),
    reason: required('Enter why consent was withdrawn', 'The reason', MAX_TEXT),
  });
  return validate(schema, withDateInputs(body, WITHDRAWAL_DATE_FIELDS));
}

/** "Who's in our family?" has 10 slots on the paper form; a little room for larger families. */
export const MAX_FAMILY_MEMBERS = 20;

export const FAMILY_DATE_FIELDS = ['dateOfBirth', 'expectedOn'] as const;

const memberSchema = z.object({
  name: required('Enter their name', 'The name'),
  unborn: yesNo('Select whether this is an unborn baby'),
  relationship: required('Enter their relationship to the child', 'The relationship'),
  gender: z
    .union(
      [z.literal(''), z.enum(GENDERS.map((gender) => gender.value) as [string, ...string[]])],
      'Select their gender, or leave it blank',
    )
    .optional()
    .transform((value) => (value ? value : null)),
  ethnicity: optional('Ethnicity'),
  disability: optional('Disability', 2000),
  livesAtHome: yesNo('Select whether they live at the family’s home'),
});

export interface FamilyMemberInput {
  name: string;
  unborn: boolean;
  /** The date of birth, or for an unborn baby the expected date of delivery. */
  date: string;
  relationship: string;
  gender: string | null;
  ethnicity: string | null;
  disability: string | null;
  livesAtHome: boolean;
}

const MEMBER_FIELD_ORDER = [
  'name',
  'unborn',
  'dateOfBirth',
  'expectedOn',
  'relationship',
  'gender',
  'ethnicity',
  'disability',
  'livesAtHome',
];

/**
 * One family member: a date of birth (not in the future), or for an unborn baby the expected
 * date of delivery (today or later) [Portsmouth early help assessment, plan, review and closure guidance].
 */
export function readFamilyMemberForm(input: unknown, today: string): Validated<FamilyMemberInput> {
  const body = withDateInputs(input, FAMILY_DATE_FIELDS);
  const base = validate(memberSchema, body);
  const errors: ErrorItem[] = base.ok ? [] : [...base.errors];
  const fieldErrors: FieldErrors = base.ok ? {} : { ...base.fieldErrors };
  const unborn = body.unborn === 'yes' ? true : body.unborn === 'no' ? false : undefined;
  let date: string | undefined;
  if (unborn !== undefined) {
    const name = unborn ? 'expectedOn' : 'dateOfBirth';
    const check = unborn
      ? checkDateParts(body[name] as Partial<DateParts>, 'expected date of delivery', { earliest: today })
      : checkDateParts(body[name] as Partial<DateParts>, 'date of birth', { latest: today });
    if (check.ok) date = check.date;
    else {
      const field = `${name}-${check.parts[0]}`;
      fieldErrors[field] = { text: check.message };
      errors.push({ text: check.message, href: `#${field}` });
    }
  }
  if (!base.ok || date === undefined) {
    const rank = (item: ErrorItem) => MEMBER_FIELD_ORDER.findIndex((field) => item.href.slice(1).startsWith(field));
    return { ok: false, errors: errors.sort((a, b) => rank(a) - rank(b)), fieldErrors };
  }
  return { ok: true, data: { ...base.data, date } };
}

const voicesSchema = z.object({
  childVoice: optional('The child’s voice', MAX_TEXT),
  schoolInput: optional('The school’s input', MAX_TEXT),
});

/** The child's wishes and feelings and the school's input, both free text and optional while in progress. */
export function readVoicesForm(body: unknown) {
  return validate(voicesSchema, body);
}

/** The form's value for "not applicable". */
export const NOT_APPLICABLE = 'na';

type ScoreReading = { ok: true; score: number | null; notApplicable: boolean } | { ok: false; message: string };

/**
 * One aspect's score as typed: blank (not scored yet), a whole number from 0 to 10, or "not
 * applicable" where the aspect allows it (pregnancy and early years only) [Portsmouth early help assessment, plan, review and closure guidance].
 */
export function readScore(code: AspectCode, raw: unknown): ScoreReading {
  const text = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
  const label = aspectLabel(code);
  if (text === '') return { ok: true, score: null, notApplicable: false };
  if (text === NOT_APPLICABLE) {
    if (MAY_BE_NOT_APPLICABLE.includes(code)) return { ok: true, score: null, notApplicable: true };
    return {
      ok: false,
      message: `${label} cannot be marked not applicable – give it a score from ${SCORE_MIN} to ${SCORE_MAX}`,
    };
  }
  const score = /^\d{1,2}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(score) || score < SCORE_MIN || score > SCORE_MAX) {
    return { ok: false, message: `The score for ${label} must be a whole number from ${SCORE_MIN} to ${SCORE_MAX}` };
  }
  return { ok: true, score, notApplicable: false };
}

function text(body: Record<string, unknown>, name: string): string | null {
  const value = body[name];
  const trimmed = typeof value === 'string' ? value.trim() : '';
  return trimmed === '' ? null : trimmed;
}

/** The form field names of one aspect's boxes. */
export function aspectFields(code: AspectCode) {
  return {
    score: `score-${code}`,
    reason: `reason-${code}`,
    workingWell: `workingWell-${code}`,
    couldBeBetter: `couldBeBetter-${code}`,
  };
}

export interface ScoresForm {
  scores: AspectScores;
  view: PractitionerView;
}

/**
 * The scores form for one perspective: each aspect's score (or not applicable with a reason),
 * what is working well and what could be better, then the practitioner's view of the
 * self-assessment, with a reason unless they agree. Aspects may be left blank while the
 * assessment is in progress.
 */
export function readScoresForm(input: unknown, perspective: Perspective): Validated<ScoresForm> {
  const body = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: ErrorItem[] = [];
  const fieldErrors: FieldErrors = {};
  const problem = (field: string, message: string) => {
    if (fieldErrors[field]) return;
    fieldErrors[field] = { text: message };
    errors.push({ text: message, href: `#${field}` });
  };
  const scores: AspectScores = {};
  for (const { code, label } of ASPECTS) {
    const fields = aspectFields(code);
    const reading = readScore(code, body[fields.score]);
    const workingWell = text(body, fields.workingWell);
    const couldBeBetter = text(body, fields.couldBeBetter);
    const reason = text(body, fields.reason);
    if (!reading.ok) problem(fields.score, reading.message);
    else if (reading.notApplicable && !reason)
      problem(fields.reason, `Enter why ${label.toLowerCase()} is not applicable`);
    for (const [field, value] of [
      [fields.reason, reason],
      [fields.workingWell, workingWell],
      [fields.couldBeBetter, couldBeBetter],
    ] as const) {
      if (value && value.length > MAX_TEXT)
        problem(field, `The text for ${label} must be ${MAX_TEXT.toLocaleString('en-GB')} characters or less`);
    }
    if (!reading.ok) continue;
    const notApplicableReason = reading.notApplicable ? reason : null;
    if (reading.score === null && !notApplicableReason && !workingWell && !couldBeBetter) continue;
    scores[code] = { score: reading.score, notApplicableReason, workingWell, couldBeBetter };
  }
  const view = viewOf(body, perspective, problem);
  return errors.length ? { ok: false, errors, fieldErrors } : { ok: true, data: { scores, view } };
}

function viewOf(
  body: Record<string, unknown>,
  perspective: Perspective,
  problem: (field: string, message: string) => void,
): PractitionerView {
  const chosen = PRACTITIONER_VIEWS.find((view) => view.value === body.view)?.value ?? null;
  if (body.view !== undefined && body.view !== '' && chosen === null)
    problem('view', `Select whether you agree with the ${PERSPECTIVES[perspective].possessive} self-assessment`);
  const reason = text(body, 'viewReason');
  if (chosen && chosen !== 'agree' && !reason) {
    const how = chosen === 'partly-agree' ? 'partly agree' : 'disagree';
    problem('viewReason', `Enter why you ${how} with the ${PERSPECTIVES[perspective].possessive} self-assessment`);
  }
  if (reason && reason.length > MAX_TEXT)
    problem('viewReason', `Your reasons must be ${MAX_TEXT.toLocaleString('en-GB')} characters or less`);
  return { view: chosen, reason };
}

/** The stored scores and view as the form's values. */
export function scoresFormValues(scores: AspectScores, view: PractitionerView | undefined): Record<string, string> {
  const values: Record<string, string> = { view: view?.view ?? '', viewReason: view?.reason ?? '' };
  for (const { code } of ASPECTS) {
    const fields = aspectFields(code);
    const stored = scores[code];
    values[fields.score] =
      stored?.score != null ? String(stored.score) : stored?.notApplicableReason ? NOT_APPLICABLE : '';
    values[fields.reason] = stored?.notApplicableReason ?? '';
    values[fields.workingWell] = stored?.workingWell ?? '';
    values[fields.couldBeBetter] = stored?.couldBeBetter ?? '';
  }
  return values;
}
