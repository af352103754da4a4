// The assessment's overview: consents, the family, the ten aspects with the parent or carer's and
// the child's scores side by side (the lowest-scoring ones marked for the plan to focus on), the
// practitioner's views, the voices, and the clock (complete within 10 to 15 days, seed 003).
import type { Calendar } from '../../platform/calendar/calendar.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { ASPECTS, MAY_BE_NOT_APPLICABLE, type AspectCode, type AspectScore } from '../aspects.ts';
import { describeNextClock, nextClock } from '../clocks.ts';
import { CONSENT_KINDS, consentState } from './consent.ts';
import { genderLabel } from './forms.ts';
import { PERSPECTIVES, completionProblems, practitionerViewLabel, type Perspective } from './rules.ts';
import type { ConsentRow, FamilyMember, StoredAssessment } from './store.ts';
import { lowestAspects } from '../aspects.ts';

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
