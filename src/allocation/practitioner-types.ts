// Who a case goes to [seed 002]: "The EH managers decide who case to be allocated to: EH
// practitioner, the EH family therapist, Families Forward or to a Non-Violent Resistance
// clinician. The decision will be based on family needs … The case will be allocated to an EH
// Practitioner" unless another type fits better. Pure functions: the suggestion from the
// referral's needs, and the checks an allocation must pass or explain.
import { PRACTITIONER_TYPE_CODES } from '../db/migrations/005_allocation_cases.ts';

export type PractitionerType = (typeof PRACTITIONER_TYPE_CODES)[number];

export const PRACTITIONER_TYPES: readonly { value: PractitionerType; text: string; description: string }[] = [
  {
    value: 'family-practitioner',
    text: 'Family practitioner',
    description: 'School-support family practitioner: the usual choice for SEMH needs and risk of exclusion.',
  },
  {
    value: 'family-therapist',
    text: 'Family therapist',
    description: 'Systemic family work where relationships in the family are at the heart of the difficulty.',
  },
  {
    value: 'families-forward',
    text: 'Families Forward',
    description: 'Group and parenting programme for parents who want help with routines and boundaries.',
  },
  {
    value: 'nvr',
    text: 'Non-violent resistance clinician',
    description: 'Non-violent resistance (NVR) for a child’s violence or aggression towards their parents.',
  },
];

export function isPractitionerType(value: unknown): value is PractitionerType {
  return PRACTITIONER_TYPE_CODES.includes(value as PractitionerType);
}

export function practitionerTypeName(value: string): string {
  return PRACTITIONER_TYPES.find((type) => type.value === value)?.text ?? value;
}

/** The needs that point to each type, strongest first; the first match wins. */
const SUGGESTIONS: readonly { type: PractitionerType; needs: readonly string[]; because: string }[] = [
  {
    type: 'nvr',
    needs: ['child-to-parent-violence'],
    because: 'the referral describes the child’s violence or aggression towards their parents',
  },
  {
    type: 'family-therapist',
    needs: ['family-relationships'],
    because: 'the referral describes difficulties in family relationships',
  },
  { type: 'families-forward', needs: ['parenting'], because: 'the referral asks for parenting support' },
];

export interface Suggestion {
  type: PractitionerType;
  because: string;
}

/** The practitioner type the needs suggest; a family practitioner unless a need points elsewhere. */
export function suggestedType(needs: readonly string[]): Suggestion {
  const match = SUGGESTIONS.find((rule) => rule.needs.some((need) => needs.includes(need)));
  return match
    ? { type: match.type, because: match.because }
    : {
        type: 'family-practitioner',
        because: 'no need points to a specialist, so a family practitioner leads (seed 002)',
      };
}

/** A practitioner's maximum caseload by default: the full-time figure scaled by their hours, rounded down. */
export function defaultMaxCaseload(fullTime: number, fte: number): number {
  return Math.max(0, Math.floor(fullTime * fte + 1e-9));
}

export interface AllocationCheck {
  /** The school has no cases left in the year's approved plan (or has no plan line). */
  overQuota: boolean;
  /** The practitioner already holds their maximum number of open cases. */
  overCaseload: boolean;
  /** What the manager must explain, in plain English; empty when no reason is needed. */
  needsReason: string[];
}

/**
 * Whether an allocation goes beyond the school's quota or the practitioner's caseload. Either is
 * allowed, but only with a reason that is recorded and audited (SYSTEM.md §2).
 */
export function checkAllocation(input: {
  remainingQuota: number | null;
  openCases: number;
  maxCaseload: number;
  schoolName: string;
  practitionerName: string;
}): AllocationCheck {
  const overQuota = input.remainingQuota === null || input.remainingQuota <= 0;
  const overCaseload = input.openCases >= input.maxCaseload;
  const needsReason: string[] = [];
  if (overQuota) {
    needsReason.push(
      input.remainingQuota === null
        ? `${input.schoolName} has no quota in this year’s approved allocation plan`
        : `${input.schoolName} has used all its cases in this year’s allocation plan`,
    );
  }
  if (overCaseload)
    needsReason.push(
      `${input.practitionerName} already has ${input.openCases} open cases, their maximum is ${input.maxCaseload}`,
    );
  return { overQuota, overCaseload, needsReason };
}
