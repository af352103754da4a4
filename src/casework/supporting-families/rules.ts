// Supporting Families [Supporting Families programme guidance 2022 to 2025, chapters 3 to 5;
// the national outcomes framework]. A family with dependent children is eligible when at least
// three of the ten headline needs are identified and evidenced. A successful family outcome may
// be claimed only when every need identified has an outcome achieved (with evidence and a date),
// each sustained for the local period, the family has consented to share with the programme and
// not withdrawn it, the whole-family assessment is complete and there is a plan. Pure functions.
import { formatIsoDate } from '../../platform/date-input.ts';
import { ASPECTS, type AspectCode, type AspectScores } from '../rules.ts';
import { monthsAfter } from '../closure/rules.ts';

export const HEADLINE_OUTCOMES = [
  { code: 'education', label: 'Getting a good education' },
  { code: 'early-years', label: 'Good early years development' },
  { code: 'health', label: 'Improved mental and physical health' },
  { code: 'substance-use', label: 'Better managed substance use' },
  { code: 'family-relationships', label: 'Improved family relationships' },
  { code: 'children-safe', label: 'Children safe from abuse and exploitation' },
  { code: 'crime', label: 'Families diverted from crime' },
  { code: 'domestic-abuse', label: 'Safe from domestic abuse' },
  { code: 'housing', label: 'Secure housing' },
  { code: 'financial-stability', label: 'Financial stability' },
] as const;

export type OutcomeCode = (typeof HEADLINE_OUTCOMES)[number]['code'];
export const OUTCOME_CODES = HEADLINE_OUTCOMES.map((outcome) => outcome.code) as [OutcomeCode, ...OutcomeCode[]];

/** At least this many headline needs make a family eligible. */
export const NEEDS_FOR_ELIGIBILITY = 3;

/** An aspect scored this or lower, by the parent or the child, suggests the need. */
export const SUGGEST_AT_OR_BELOW = 4;

export function isOutcome(value: unknown): value is OutcomeCode {
  return OUTCOME_CODES.includes(value as OutcomeCode);
}

export function outcomeLabel(code: string): string {
  return HEADLINE_OUTCOMES.find((outcome) => outcome.code === code)?.label ?? code;
}

/** Which headline need each aspect of the Family Early Help Plan points to. No aspect points to domestic abuse. */
export const ASPECT_TO_OUTCOME: Record<AspectCode, OutcomeCode> = {
  education: 'education',
  'pregnancy-early-years': 'early-years',
  health: 'health',
  'drugs-alcohol': 'substance-use',
  family: 'family-relationships',
  safety: 'children-safe',
  offending: 'crime',
  housing: 'housing',
  money: 'financial-stability',
  'basic-care': 'children-safe',
};

export interface SuggestedNeed {
  code: OutcomeCode;
  label: string;
  /** Why it is suggested, such as 'Housing and home environment: parent 3, child 6'. */
  because: string[];
}

const scoreOf = (scores: AspectScores, code: AspectCode) => {
  const score = scores[code]?.score;
  return typeof score === 'number' ? score : null;
};

/** The headline needs the assessment's scores suggest: an aspect the parent or the child scored 4 or below. In the outcomes' order. */
export function suggestedNeeds(scores: { parent: AspectScores; child: AspectScores }): SuggestedNeed[] {
  const because = new Map<OutcomeCode, string[]>();
  for (const { code, label } of ASPECTS) {
    const parent = scoreOf(scores.parent, code);
    const child = scoreOf(scores.child, code);
    const low = [parent, child].some((score) => score !== null && score <= SUGGEST_AT_OR_BELOW);
    if (!low) continue;
    const outcome = ASPECT_TO_OUTCOME[code];
    const given = [parent !== null ? `parent ${parent}` : null, child !== null ? `child ${child}` : null]
      .filter(Boolean)
      .join(', ');
    because.set(outcome, [...(because.get(outcome) ?? []), `${label}: ${given}`]);
  }
  return HEADLINE_OUTCOMES.flatMap(({ code, label }) =>
    because.has(code) ? [{ code, label, because: because.get(code)! }] : [],
  );
}

export interface Eligibility {
  eligible: boolean;
  count: number;
  text: string;
}

/** Whether the family meets the Supporting Families criteria: three or more headline needs identified. */
export function eligibility(needs: readonly { outcome: string }[]): Eligibility {
  const count = new Set(needs.map((need) => need.outcome)).size;
  const eligible = count >= NEEDS_FOR_ELIGIBILITY;
  const text = eligible
    ? `Meets the Supporting Families criteria: ${count} of ${HEADLINE_OUTCOMES.length} needs`
    : `Not yet: ${count} ${count === 1 ? 'need' : 'needs'} identified, ${NEEDS_FOR_ELIGIBILITY} needed`;
  return { eligible, count, text };
}

/** One need as recorded: when it was identified and, once achieved, when and on what evidence. */
export interface NeedRecord {
  outcome: string;
  identifiedOn: string;
  achievedOn: string | null;
  achievedEvidence: string | null;
}

/** The day an achieved outcome has been sustained for the local period. */
export function sustainedUntil(achievedOn: string, sustainedMonths: number): string {
  return monthsAfter(achievedOn, sustainedMonths);
}

/** Where the need's outcome stands on `today`: not achieved, achieved but not yet sustained, or sustained. */
export function outcomeState(need: NeedRecord, today: string, sustainedMonths: number) {
  if (!need.achievedOn || !need.achievedEvidence) return { state: 'not-achieved' as const, sustainedUntil: null };
  const until = sustainedUntil(need.achievedOn, sustainedMonths);
  return { state: today >= until ? ('sustained' as const) : ('achieved' as const), sustainedUntil: until };
}

export interface ClaimInput {
  needs: readonly NeedRecord[];
  /** The family's consent to share with the Supporting Families programme, as it stands today. */
  consent: { inForce: boolean; withdrawnOn: string | null };
  assessmentComplete: boolean;
  planExists: boolean;
  today: string;
  sustainedMonths: number;
}

export type ClaimReadiness = { ready: true; reasons: [] } | { ready: false; reasons: string[] };

export const NO_CONSENT =
  'The family has not consented to share their information with the Supporting Families programme';

/** Whether a successful family outcome may be claimed today, or every plain-English reason it may not yet. */
export function claimReadiness({
  needs,
  consent,
  assessmentComplete,
  planExists,
  today,
  sustainedMonths,
}: ClaimInput): ClaimReadiness {
  const reasons: string[] = [];
  if (!consent.inForce) {
    reasons.push(
      consent.withdrawnOn
        ? `The family withdrew consent to share with the Supporting Families programme on ${formatIsoDate(consent.withdrawnOn)}`
        : NO_CONSENT,
    );
  }
  const eligible = eligibility(needs);
  if (!eligible.eligible) reasons.push(`${eligible.text}: the family does not meet the criteria`);
  if (!assessmentComplete) reasons.push('The whole-family assessment is not complete');
  if (!planExists) reasons.push('The family has no plan yet');
  const ordered = [...needs].sort(
    (a, b) => OUTCOME_CODES.indexOf(a.outcome as OutcomeCode) - OUTCOME_CODES.indexOf(b.outcome as OutcomeCode),
  );
  for (const need of ordered) {
    const outcome = outcomeState(need, today, sustainedMonths);
    const label = outcomeLabel(need.outcome);
    if (outcome.state === 'not-achieved') reasons.push(`${label}: no outcome achieved yet`);
    else if (outcome.state === 'achieved')
      reasons.push(
        `${label}: achieved on ${formatIsoDate(need.achievedOn!)}, sustained until ${formatIsoDate(outcome.sustainedUntil)}`,
      );
  }
  return reasons.length ? { ready: false, reasons } : { ready: true, reasons: [] };
}
