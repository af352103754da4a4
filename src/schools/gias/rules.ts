// Which establishments in the GIAS file are the authority's state-funded schools, and how their
// GIAS values map onto the words the rest of the service uses for a school: phase ('Primary',
// 'Secondary', 'Special', 'PRU/AP'), census school type, governance and whether it is maintained.
// Pure functions: no file, no database.

export type LeftOutReason = 'otherAuthority' | 'independent' | 'closed' | 'notYetOpen' | 'otherKind';

export const LEFT_OUT_REASONS: readonly LeftOutReason[] = [
  'otherAuthority',
  'independent',
  'closed',
  'notYetOpen',
  'otherKind',
];

/** How each reason reads to a person. */
export const LEFT_OUT_TEXT: Record<LeftOutReason, string> = {
  otherAuthority: 'Other authorities’ establishments',
  independent: 'Independent and non-maintained schools',
  closed: 'Closed establishments',
  notYetOpen: 'Proposed to open, not yet open',
  otherKind: 'Other kinds of establishment (colleges, universities, nurseries, 16 to 19, Welsh and others)',
};

type Phase = 'Primary' | 'Secondary' | 'Special' | 'PRU/AP';

interface Kind {
  maintained: boolean;
  /** Special and alternative provision take their phase from their type, not their age range. */
  phase?: Phase;
}

/** The establishment types kept: state-funded schools (TypeOfEstablishment (name), lower case). */
const KEPT_TYPES: Record<string, Kind> = {
  'community school': { maintained: true },
  'voluntary aided school': { maintained: true },
  'voluntary controlled school': { maintained: true },
  'foundation school': { maintained: true },
  'community special school': { maintained: true, phase: 'Special' },
  'foundation special school': { maintained: true, phase: 'Special' },
  'pupil referral unit': { maintained: true, phase: 'PRU/AP' },
  'academy sponsor led': { maintained: false },
  'academy converter': { maintained: false },
  'academy special sponsor led': { maintained: false, phase: 'Special' },
  'academy special converter': { maintained: false, phase: 'Special' },
  'academy alternative provision converter': { maintained: false, phase: 'PRU/AP' },
  'academy alternative provision sponsor led': { maintained: false, phase: 'PRU/AP' },
  'free schools': { maintained: false },
  'free schools special': { maintained: false, phase: 'Special' },
  'free schools alternative provision': { maintained: false, phase: 'PRU/AP' },
  'university technical college': { maintained: false, phase: 'Secondary' },
  'studio schools': { maintained: false, phase: 'Secondary' },
  'city technology college': { maintained: false, phase: 'Secondary' },
};

const INDEPENDENT_TYPES = new Set([
  'other independent school',
  'other independent special school',
  'non-maintained special school',
]);

const CENSUS_TYPE: Record<Phase, string> = {
  Primary: 'State-funded primary',
  Secondary: 'State-funded secondary',
  Special: 'State-funded special school',
  'PRU/AP': 'Pupil referral unit',
};

export interface Establishment {
  urn: number;
  laCode: number;
  establishmentNumber: string;
  name: string;
  type: string;
  typeGroup: string;
  status: string;
  phaseOfEducation: string;
  lowAge: number | null;
  highAge: number | null;
  pupils: number | null;
  postcode: string;
  openDate: string | null;
  closeDate: string | null;
  reasonOpened: string;
  previousLaCode: string;
  previousEstablishmentNumber: string;
}

export interface SchoolMapping {
  phase: Phase;
  schoolType: string;
  governance: string;
  maintained: boolean;
}

/** The phase from GIAS's phase of education, or from the age range where it says 'Not applicable'. */
function phaseOf(establishment: Establishment, kind: Kind): Phase {
  if (kind.phase) return kind.phase;
  const phase = establishment.phaseOfEducation.toLowerCase();
  if (phase === 'primary' || phase === 'middle deemed primary' || phase === 'nursery') return 'Primary';
  if (phase === 'secondary' || phase === 'middle deemed secondary' || phase === 'all-through' || phase === '16 plus')
    return 'Secondary';
  return establishment.highAge !== null && establishment.highAge <= 11 ? 'Primary' : 'Secondary';
}

/** A kept type's mapping onto the service's words; undefined for any other type. */
export function mappingOf(establishment: Establishment): SchoolMapping | undefined {
  const kind = KEPT_TYPES[establishment.type.toLowerCase()];
  if (!kind) return undefined;
  const phase = phaseOf(establishment, kind);
  return {
    phase,
    schoolType: CENSUS_TYPE[phase],
    governance: `${kind.maintained ? 'LA maintained' : 'Academy/free school'} (${establishment.type})`,
    maintained: kind.maintained,
  };
}

export type Verdict =
  { keep: true; mapping: SchoolMapping } | { keep: false; reason: LeftOutReason; mapping?: SchoolMapping };

/** Whether the import keeps an establishment for the authority, or why it leaves it out. */
export function verdictOn(establishment: Establishment, laCode: number): Verdict {
  if (establishment.laCode !== laCode) return { keep: false, reason: 'otherAuthority' };
  const type = establishment.type.toLowerCase();
  if (INDEPENDENT_TYPES.has(type) || establishment.typeGroup.toLowerCase() === 'independent schools') {
    if (type !== 'city technology college') return { keep: false, reason: 'independent' };
  }
  const mapping = mappingOf(establishment);
  if (!mapping) return { keep: false, reason: 'otherKind' };
  const status = establishment.status.toLowerCase();
  if (status === 'closed') return { keep: false, reason: 'closed', mapping };
  if (status === 'proposed to open') return { keep: false, reason: 'notYetOpen', mapping };
  return { keep: true, mapping };
}

/** The predecessor's LAESTAB a converter's row names, when it names one. */
export function predecessorLaestab(establishment: Establishment): string | undefined {
  const la = establishment.previousLaCode.trim();
  const number = establishment.previousEstablishmentNumber.trim();
  if (!/^\d{3}$/.test(la) || la === '000' || !/^\d{1,4}$/.test(number)) return undefined;
  return `${la}${number.padStart(4, '0')}`;
}

export function laestabOf(establishment: Pick<Establishment, 'laCode' | 'establishmentNumber'>): string {
  return `${establishment.laCode}${establishment.establishmentNumber.padStart(4, '0')}`;
}
