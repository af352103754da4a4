// Who a case goes to (RBKC Early Help Family Support): "The EH managers decide who case to be
// allocated to: EH practitioner, the EH family therapist, Families Forward or to a Non-Violent
// Resistance clinician. The decision will be based on family needs … The case will be allocated
// to an EH Practitioner" unless another type fits better. Pure functions: the suggestion from the
// referral's needs, the checks an allocation must pass or explain, and the case's due dates.
import { addMonths } from 'date-fns/addMonths';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { addWorkingDays, type Calendar } from '../../platform/calendar/calendar.ts';
import type { PractitionerType } from '../../platform/users/practitioner-types.ts';

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
        because: 'no need points to a specialist, so a family practitioner leads (RBKC Early Help Family Support)',
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
 * allowed, but only with a reason that is recorded and audited.
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

/*
 * A case's clocks, started when it is allocated: contact the family and make the initial home
 * visit within 5 working days (Havering SEMH Team proposal), complete the whole-family assessment
 * within 10 to 15 days (Southend Early Help Family Support service document (2016)), and a planned
 * length that depends on who leads the case: about four months for a family practitioner
 * (Havering SEMH Team proposal), at least six for the inclusion programme's family therapy, NVR
 * and parenting work (RBKC Early Help Family Support).
 */

export interface ClockSettings {
  contactWorkingDays: number;
  assessmentWorkingDays: number;
  /** Planned length of a case a family practitioner leads. */
  practitionerCaseMonths: number;
  /** Planned length of an inclusion programme case (family therapist, NVR clinician, Families Forward). */
  inclusionProgrammeMonths: number;
}

/** The practitioner types whose cases are the inclusion programme (RBKC Early Help Family Support: systemic therapy, NVR, parenting programmes). */
export const INCLUSION_PROGRAMME_TYPES: readonly string[] = ['family-therapist', 'nvr', 'families-forward'];

/** How many months a case led by this type of practitioner is planned to run. */
export function plannedLengthMonths(
  practitionerType: string,
  settings: Pick<ClockSettings, 'practitionerCaseMonths' | 'inclusionProgrammeMonths'>,
): number {
  return INCLUSION_PROGRAMME_TYPES.includes(practitionerType)
    ? settings.inclusionProgrammeMonths
    : settings.practitionerCaseMonths;
}

export interface CaseDueDates {
  contactDue: string;
  assessmentDue: string;
  plannedEnd: string;
}

/** The due dates of a case allocated on `allocatedOn` (an ISO date in London) to this type of practitioner. */
export function dueDatesFrom(
  allocatedOn: string,
  practitionerType: string,
  settings: ClockSettings,
  cal: Calendar,
): CaseDueDates {
  return {
    contactDue: addWorkingDays(allocatedOn, settings.contactWorkingDays, cal),
    assessmentDue: addWorkingDays(allocatedOn, settings.assessmentWorkingDays, cal),
    plannedEnd: formatISO(addMonths(parseISO(allocatedOn), plannedLengthMonths(practitionerType, settings)), {
      representation: 'date',
    }),
  };
}
