// The Family Early Help Plan's vocabulary [seed 004; portsmouth-early-help-forms-and-rules.md
// §3.0]: the ten aspects of family life (the Supporting Families criteria), the 0–10 wellbeing
// scale and the 1–5 readiness to change.

export const ASPECTS = [
  { code: 'education', label: 'Education' },
  { code: 'pregnancy-early-years', label: 'Pregnancy and early years' },
  { code: 'health', label: 'Health and wellbeing' },
  { code: 'family', label: 'Family relationships' },
  { code: 'housing', label: 'Housing and home environment' },
  { code: 'basic-care', label: 'Basic care' },
  { code: 'money', label: 'Money and employment' },
  { code: 'safety', label: 'Safety' },
  { code: 'drugs-alcohol', label: 'Drugs and alcohol' },
  { code: 'offending', label: 'Offending behaviour' },
] as const;

export type AspectCode = (typeof ASPECTS)[number]['code'];
export const ASPECT_CODES: readonly AspectCode[] = ASPECTS.map((aspect) => aspect.code);

/** seed 004: 'Pregnancy & Early Years is the only aspect where entering "not applicable" is an option'. */
export const MAY_BE_NOT_APPLICABLE: readonly AspectCode[] = ['pregnancy-early-years'];

export function isAspect(value: unknown): value is AspectCode {
  return ASPECT_CODES.includes(value as AspectCode);
}

export function aspectLabel(code: string): string {
  return ASPECTS.find((aspect) => aspect.code === code)?.label ?? code;
}

/** 'How well are things going?' 10 is 'no concerns', 0 is 'really worried' [seed 004]. */
export const SCORE_MIN = 0;
export const SCORE_MAX = 10;
export const SCORE_ANCHORS = { 0: 'Really worried', 5: 'OK but could be better', 10: 'No concerns' } as const;

/** A young person may give their own consent and sign only from age 12 [seed 004]. */
export const YOUNG_PERSON_CONSENT_AGE = 12;

/** Readiness to change, from the stages of change model [seed 004]. */
export const READINESS = [
  { value: 1, label: 'Not ready for changes yet' },
  { value: 2, label: 'Thinking about changes' },
  { value: 3, label: 'Taking first steps to change' },
  { value: 4, label: 'Making good things happen' },
  { value: 5, label: 'Keeping things going well' },
] as const;

/** One aspect's score as stored (jsonb keyed by aspect code): a whole number 0–10, or not applicable with a reason. */
export interface AspectScore {
  score: number | null;
  notApplicableReason?: string | null;
  workingWell?: string | null;
  couldBeBetter?: string | null;
  /** At a review: what has changed since the last plan. */
  whatsChanged?: string | null;
}

export type AspectScores = Partial<Record<AspectCode, AspectScore>>;

/** How many of the lowest-scoring aspects the plan should focus on [seed 004: fewer goals, on the lowest-scoring aspects]. */
export const FOCUS_COUNT = 3;

/** The lowest-scoring aspects, lowest first; equal scores keep the aspects' order. Unscored and N/A aspects are left out. */
export function lowestAspects(
  scores: AspectScores,
  n = FOCUS_COUNT,
): { code: AspectCode; label: string; score: number }[] {
  return ASPECTS.flatMap(({ code, label }) => {
    const score = scores[code]?.score;
    return typeof score === 'number' ? [{ code, label, score }] : [];
  })
    .sort((a, b) => a.score - b.score)
    .slice(0, Math.max(0, n));
}
