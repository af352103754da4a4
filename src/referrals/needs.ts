/**
 * The coded checklist of presenting needs on the referral form. A referral stores the codes;
 * pages show the labels. The list follows the needs the seeds name (SEMH and behaviour in
 * seed 000, risk of exclusion in seed 001) and the specialists seed 003 lists (domestic abuse,
 * young carers, drug and alcohol workers, exploitation), so a triage manager can count the
 * presenting issues that seed 003 uses to suggest a level of need.
 */
export const PRESENTING_NEEDS = [
  { code: 'semh', label: 'Social, emotional and mental health' },
  { code: 'behaviour', label: 'Behaviour in school' },
  { code: 'attendance', label: 'Attendance' },
  { code: 'anxiety', label: 'Anxiety' },
  { code: 'family-relationships', label: 'Family relationships' },
  { code: 'parenting', label: 'Parenting support' },
  { code: 'domestic-abuse', label: 'Domestic abuse in the household' },
  { code: 'child-to-parent-violence', label: 'Child’s violence or aggression towards parents' },
  { code: 'bereavement', label: 'Bereavement or loss' },
  { code: 'young-carer', label: 'Young carer' },
  { code: 'housing', label: 'Housing' },
  { code: 'finances', label: 'Money worries' },
  { code: 'health', label: 'Physical health' },
  { code: 'substance-misuse', label: 'Drug or alcohol use in the family' },
  { code: 'exploitation-risk', label: 'Risk of exploitation' },
  { code: 'other', label: 'Other' },
] as const satisfies readonly { code: string; label: string }[];

export type NeedCode = (typeof PRESENTING_NEEDS)[number]['code'];

/** The needs that count as social, emotional and mental health (SEMH) needs for SSFP (seed 000). */
export const SEMH_NEEDS: readonly NeedCode[] = ['semh', 'behaviour', 'anxiety'];

const LABELS: ReadonlyMap<string, string> = new Map(PRESENTING_NEEDS.map((need) => [need.code, need.label]));

export function isNeedCode(code: string): code is NeedCode {
  return LABELS.has(code);
}

/** Whether a need counts as an SEMH need (seed 000). */
export function isSemhNeed(code: string): boolean {
  return (SEMH_NEEDS as readonly string[]).includes(code);
}

/** The label of a need; a code no longer on the list (from older data) is shown as it is. */
export function needLabel(code: string): string {
  return LABELS.get(code) ?? code;
}
