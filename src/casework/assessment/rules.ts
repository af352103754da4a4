// The Family Early Help Plan assessment's rules [Portsmouth early help assessment, plan, review and
// closure guidance, §2.7, §3.0, §3.1 I–J]: the ten aspects of family life scored 0–10 ("How well
// are things going?") by the parent or carer and by the child, with what is working well and what
// could be better; only pregnancy and early years may be "not applicable", with a reason; the
// practitioner agrees, partly agrees or disagrees with each self-assessment, giving reasons; a
// young person can give their own consent only from age 12; and the assessment can't be completed
// without consent to share with those supporting the plan. Pure functions.
import {
  ASPECTS,
  MAY_BE_NOT_APPLICABLE,
  SCORE_MAX,
  SCORE_MIN,
  YOUNG_PERSON_CONSENT_AGE,
  type AspectCode,
  type AspectScore,
  type AspectScores,
  lowestAspects,
  describeNextClock,
  nextClock,
} from '../rules.ts';
import type { ErrorItem } from '../../platform/validation.ts';
import { maySharePlan, type ConsentRecord, CONSENT_KINDS, consentState } from './consent/rules.ts';
import type { Calendar } from '../../platform/calendar/calendar.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import type { ConsentRow, FamilyMember, StoredAssessment } from './repository.ts';

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

/** The longest text kept in one box (text boxes on the form "expand"; this only guards the database). */
export const MAX_TEXT = 10_000;

/** Gender on "Who's in our family?" (the form's drop-down values are not given; optional), as on the referral. */
export const GENDERS = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'other', label: 'Other' },
  { value: 'not-given', label: 'Prefers not to say' },
] as const;

export function genderLabel(value: string | null | undefined): string {
  return GENDERS.find((gender) => gender.value === value)?.label ?? '';
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

/** A young person can give their own consent only if aged 12 or over on the day [Portsmouth early help assessment, plan, review and closure guidance]; undefined when they may. */
export function youngPersonConsentProblem(dateOfBirth: string, givenOn: string): string | undefined {
  const age = ageOn(dateOfBirth, givenOn);
  if (age >= YOUNG_PERSON_CONSENT_AGE) return undefined;
  return `A young person can give their own consent only from age ${YOUNG_PERSON_CONSENT_AGE} – they were ${Math.max(age, 0)} on the date given, so a parent or carer must give it`;
}

/**
 * What stops the assessment being completed: consent to share with those supporting the plan
 * ("An assessment or plan can't be completed without it", Portsmouth early help assessment, plan, review and closure guidance) and the parent or carer's
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

// The assessment's overview: consents, the family, the ten aspects with the parent or carer's and
// the child's scores side by side (the lowest-scoring ones marked for the plan to focus on), the
// practitioner's views, the voices, and the clock (complete within 10 to 15 days, Southend Early
// Help Family Support service document (2016)).
/** One aspect's score as shown: the number, "Not applicable" or "Not scored". */
export function scoreCell(code: AspectCode, stored: AspectScore | undefined) {
  const score = typeof stored?.score === 'number' ? stored.score : null;
  const notApplicable = score === null && MAY_BE_NOT_APPLICABLE.includes(code) && Boolean(stored?.notApplicableReason);
  return {
    score,
    text: score !== null ? String(score) : notApplicable ? 'Not applicable' : 'Not scored',
    notApplicableReason: notApplicable ? stored?.notApplicableReason : null,
    workingWell: stored?.workingWell ?? null,
    couldBeBetter: stored?.couldBeBetter ?? null,
  };
}

/** The assessment clock: met when completed (on time or late), otherwise due or overdue in working days. */
export function assessmentClock(due: string, completedOn: string | null, today: string, cal: Calendar) {
  if (completedOn) {
    const late = completedOn > due;
    return {
      due,
      completedOn,
      text: `Completed ${late ? 'late' : 'on time'}, ${formatIsoDate(completedOn)}`,
      tag: late ? 'govuk-tag--orange' : 'govuk-tag--green',
    };
  }
  const next = describeNextClock(nextClock([{ label: 'Assessment', due }], today, cal), formatIsoDate);
  return { due, completedOn, text: next.text, tag: next.tag };
}

export function familyMemberView(member: FamilyMember) {
  return {
    ...member,
    born: member.unborn
      ? `Unborn, expected ${formatIsoDate(member.date_of_birth ?? '')}`
      : member.date_of_birth
        ? formatIsoDate(member.date_of_birth)
        : 'Not known',
    genderText: genderLabel(member.gender) || 'Not recorded',
  };
}

export interface OverviewInput {
  kase: { assessment_due: string; assessment_completed_on: string | null };
  assessment: StoredAssessment;
  consents: readonly ConsentRow[];
  family: readonly FamilyMember[];
  today: string;
  cal: Calendar;
}

export function assessmentOverview({ kase, assessment, consents, family, today, cal }: OverviewInput) {
  const state = consentState(consents, today);
  const focus = lowestAspects(assessment.parentScores);
  const aspects = ASPECTS.map(({ code, label }) => ({
    code,
    label,
    parent: scoreCell(code, assessment.parentScores[code]),
    child: scoreCell(code, assessment.childScores[code]),
    focus: focus.some((aspect) => aspect.code === code),
  }));
  const views = (Object.keys(PERSPECTIVES) as Perspective[]).map((perspective) => {
    const view = practitionerViewOf(assessment, perspective);
    return { perspective, title: PERSPECTIVES[perspective].possessive, ...view };
  });
  const completedOn = assessment.completedOn ?? kase.assessment_completed_on;
  return {
    assessment,
    consentKinds: CONSENT_KINDS.map((kind) => ({ ...kind, standing: state[kind.code] })),
    family: family.map(familyMemberView),
    aspects,
    focus,
    views,
    childScored: Object.keys(assessment.childScores).length > 0,
    clock: assessmentClock(kase.assessment_due, completedOn, today, cal),
    completed: Boolean(assessment.completedOn),
    toComplete: assessment.completedOn ? [] : completionProblems(consents, assessment.parentScores, today),
  };
}

function practitionerViewOf(assessment: StoredAssessment, perspective: Perspective) {
  const view = assessment.practitionerView[perspective];
  return { view: view?.view ? practitionerViewLabel(view.view) : null, reason: view?.reason ?? null };
}
