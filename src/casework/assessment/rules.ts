// The Family Early Help Plan assessment's rules [seed 004; portsmouth-early-help-forms-and-rules.md
// §2.7, §3.0, §3.1 I–J]: the ten aspects of family life scored 0–10 ("How well are things
// going?") by the parent or carer and by the child, with what is working well and what could be
// better; only pregnancy and early years may be "not applicable", with a reason; the
// practitioner agrees, partly agrees or disagrees with each self-assessment, giving reasons; a
// young person can give their own consent only from age 12; and the assessment can't be
// completed without consent to share with those supporting the plan. Pure functions.
import {
  ASPECTS,
  MAY_BE_NOT_APPLICABLE,
  SCORE_MAX,
  SCORE_MIN,
  YOUNG_PERSON_CONSENT_AGE,
  aspectLabel,
  type AspectCode,
  type AspectScore,
  type AspectScores,
} from '../aspects.ts';
import type { ErrorItem, FieldErrors, Validated } from '../../platform/validation.ts';
import { maySharePlan, type ConsentRecord } from './consent.ts';

/** Whose self-assessment: the parent or carer's, or the child's. */
export const PERSPECTIVES = {
  parent: {
    code: 'parent',
    label: 'parent or carer',
    possessive: 'parent or carer’s',
    title: 'Parent or carer’s scores',
  },
  child: { code: 'child', label: 'child', possessive: 'child’s', title: 'Child’s scores' },
} as const;

export type Perspective = keyof typeof PERSPECTIVES;

export function isPerspective(value: unknown): value is Perspective {
  return value === 'parent' || value === 'child';
}

/** "I agree/disagree with the parent/carer's [child's] self-assessment" [§3.0, with "partly agree"]. */
export const PRACTITIONER_VIEWS = [
  { value: 'agree', label: 'Agree' },
  { value: 'partly-agree', label: 'Partly agree' },
  { value: 'disagree', label: 'Disagree' },
] as const;

export type ViewChoice = (typeof PRACTITIONER_VIEWS)[number]['value'];

export interface PractitionerView {
  view: ViewChoice | null;
  reason: string | null;
}

export type PractitionerViews = Partial<Record<Perspective, PractitionerView>>;

export function practitionerViewLabel(value: string | null | undefined): string {
  return PRACTITIONER_VIEWS.find((view) => view.value === value)?.label ?? '';
}

/** The form's value for "not applicable". */
export const NOT_APPLICABLE = 'na';

/** The longest text kept in one box (text boxes on the form "expand"; this only guards the database). */
export const MAX_TEXT = 10_000;

type ScoreReading = { ok: true; score: number | null; notApplicable: boolean } | { ok: false; message: string };

/**
 * One aspect's score as typed: blank (not scored yet), a whole number from 0 to 10, or "not
 * applicable" where the aspect allows it (pregnancy and early years only) [seed 004].
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

/** An aspect is answered with a whole-number score from 0 to 10, or (where allowed) not applicable with a reason. */
export function isAnswered(code: AspectCode, stored: AspectScore | undefined): boolean {
  if (!stored) return false;
  if (typeof stored.score === 'number')
    return Number.isInteger(stored.score) && stored.score >= SCORE_MIN && stored.score <= SCORE_MAX;
  return MAY_BE_NOT_APPLICABLE.includes(code) && Boolean(stored.notApplicableReason?.trim());
}

/** The aspects still to be scored. */
export function unanswered(scores: AspectScores): { code: AspectCode; label: string }[] {
  return ASPECTS.filter((aspect) => !isAnswered(aspect.code, scores[aspect.code])).map(({ code, label }) => ({
    code,
    label,
  }));
}

/** Age in whole years on a day (someone born on 29 February is a year older on 1 March in other years). */
export function ageOn(dateOfBirth: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return on.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** A young person can give their own consent only if aged 12 or over on the day [seed 004, L4021]; undefined when they may. */
export function youngPersonConsentProblem(dateOfBirth: string, givenOn: string): string | undefined {
  const age = ageOn(dateOfBirth, givenOn);
  if (age >= YOUNG_PERSON_CONSENT_AGE) return undefined;
  return `A young person can give their own consent only from age ${YOUNG_PERSON_CONSENT_AGE} – they were ${Math.max(age, 0)} on the date given, so a parent or carer must give it`;
}

/**
 * What stops the assessment being completed: consent to share with those supporting the plan
 * ("An assessment or plan can't be completed without it", seed 004) and the parent or carer's
 * score for every aspect. Empty when it can be completed.
 */
export function completionProblems(
  consents: readonly ConsentRecord[],
  parentScores: AspectScores,
  today: string,
): ErrorItem[] {
  const problems: ErrorItem[] = [];
  if (!maySharePlan(consents, today)) {
    problems.push({
      text: 'Record the family’s consent to share information with those supporting the plan – an assessment can’t be completed without it',
      href: '#consent',
    });
  }
  const missing = unanswered(parentScores);
  if (missing.length) {
    problems.push({
      text: `Score every aspect from the parent or carer’s view – still to score: ${missing.map((aspect) => aspect.label).join(', ')}`,
      href: '#scores',
    });
  }
  return problems;
}

/** The assessment version a form was filled in against (0 before the first save); undefined when missing or nonsense. */
export function versionOf(body: unknown): number | undefined {
  const raw = body && typeof body === 'object' ? (body as Record<string, unknown>).version : undefined;
  const version = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : typeof raw === 'number' ? raw : NaN;
  return Number.isInteger(version) && version >= 0 ? version : undefined;
}
