// Suspensions and permanent exclusions [RBKC Early Help Family Support, 'Local & National
// Picture']: the DfE's reason categories and the national measures. Pure functions.
//
// Reason categories: the codes schools return in the school census for each suspension and
// permanent exclusion since 2020/21 (DfE school census guide; the list as the London Grid for
// Learning publishes it, egfl.org.uk/node/27198), in the order the DfE's statistics show them.
//
// Measures ("Suspensions and permanent exclusions in England", DfE methodology): the suspension
// rate is the number of suspensions divided by the number of pupils, × 100; the permanent
// exclusion rate is the number of permanent exclusions divided by the number of pupils, × 100;
// the one-or-more suspension rate is the number of pupils with at least one suspension divided
// by the number of pupils, × 100. With no pupils on roll a rate is not known (null), never 0.
import { percent } from '../measures/rules.ts';

export const REASONS = [
  { code: 'PP', label: 'Physical assault against a pupil' },
  { code: 'PA', label: 'Physical assault against an adult' },
  { code: 'VP', label: 'Verbal abuse or threatening behaviour against a pupil' },
  { code: 'VA', label: 'Verbal abuse or threatening behaviour against an adult' },
  { code: 'OW', label: 'Use or threat of use of an offensive weapon or prohibited item' },
  { code: 'BU', label: 'Bullying' },
  { code: 'RA', label: 'Racist abuse' },
  { code: 'LG', label: 'Abuse against sexual orientation or gender identity' },
  { code: 'DS', label: 'Abuse relating to disability' },
  { code: 'SM', label: 'Sexual misconduct' },
  { code: 'DA', label: 'Drug and alcohol related' },
  { code: 'DM', label: 'Damage' },
  { code: 'TH', label: 'Theft' },
  { code: 'MT', label: 'Inappropriate use of social media or online technology' },
  { code: 'PH', label: 'Wilful and repeated transgression of protective measures in place to protect public health' },
  { code: 'DB', label: 'Persistent disruptive behaviour' },
  { code: 'OT', label: 'Other' },
] as const;
export type ReasonCode = (typeof REASONS)[number]['code'];

export const KINDS = [
  { value: 'suspension', label: 'Suspension' },
  { value: 'permanent-exclusion', label: 'Permanent exclusion' },
] as const;
export type Kind = (typeof KINDS)[number]['value'];

/** A pupil may be suspended for at most 45 school days in an academic year (DfE): 90 sessions. */
export const MAX_SESSIONS = 90;

export const reasonLabel = (code: string) => REASONS.find((reason) => reason.code === code)?.label ?? code;
export const kindLabel = (kind: string) => KINDS.find((each) => each.value === kind)?.label ?? kind;

/** A reason by its census code ('DB') or its words ('Persistent disruptive behaviour'), any case. */
export function reasonOf(value: string): ReasonCode | undefined {
  const text = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return REASONS.find((reason) => reason.code.toLowerCase() === text || reason.label.toLowerCase() === text)?.code;
}

/** 'suspension' or 'permanent exclusion' (also 'permanent-exclusion', 'permanent' or 'PE'). */
export function kindOf(value: string): Kind | undefined {
  const text = value
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ');
  if (['suspension', 'fixed period', 'fixed period exclusion', 's'].includes(text)) return 'suspension';
  if (['permanent exclusion', 'permanent', 'pe', 'p'].includes(text)) return 'permanent-exclusion';
  return undefined;
}

/** A rate per 100 pupils to two decimals, or null when there are no pupils to count against. */
export function per100Pupils(count: number, pupils: number): number | null {
  return pupils > 0 ? percent(count, pupils) : null;
}

export interface SuspensionRecord {
  upn: string;
  kind: Kind;
}

export interface SuspensionMeasures {
  pupils: number;
  suspensions: number;
  permanentExclusions: number;
  pupilsSuspended: number;
  suspensionRate: number | null;
  permanentExclusionRate: number | null;
  oneOrMoreSuspensionRate: number | null;
}

/** The DfE's measures for a set of records against the pupils on roll. */
export function suspensionMeasures(records: readonly SuspensionRecord[], pupils: number): SuspensionMeasures {
  const suspended = records.filter((record) => record.kind === 'suspension');
  const suspensions = suspended.length;
  const permanentExclusions = records.length - suspensions;
  const pupilsSuspended = new Set(suspended.map((record) => record.upn)).size;
  return {
    pupils,
    suspensions,
    permanentExclusions,
    pupilsSuspended,
    suspensionRate: per100Pupils(suspensions, pupils),
    permanentExclusionRate: per100Pupils(permanentExclusions, pupils),
    oneOrMoreSuspensionRate: per100Pupils(pupilsSuspended, pupils),
  };
}
