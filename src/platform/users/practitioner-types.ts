// The types of practitioner a case can be allocated to, and their names: the list the team
// manager chooses from, and the words every page uses for them.
import { PRACTITIONER_TYPE_CODES } from '../../db/migrations/005_allocation_cases.ts';

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

export { PRACTITIONER_TYPE_CODES };
