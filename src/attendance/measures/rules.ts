// The national attendance measures, as the DfE defines them in its statistics ("Pupil absence in
// schools in England", methodology): possible sessions are the sessions a pupil was expected to
// attend (codes that count as possible); overall absence is authorised plus unauthorised absence
// as a share of possible sessions; a pupil is persistently absent when they miss 10% or more of
// their own possible sessions, and severely absent at 50% or more (Portsmouth school attendance
// strategy, chronic absence). CINROSE is the local rule of the RBKC Early Help Family Support:
// attendance under 80%, or a reduced timetable of under 25 hours a week. Pupils with no possible sessions in the period are left out of the pupil counts.
// Thresholds are compared in whole numbers, so exactly 10% is persistent absence. Pure functions.
import { ATTENDANCE_CODES, type CodeCategory } from '../rules.ts';

export interface SessionCounts {
  possible: number;
  /** Present or attending approved education (K, V, P, W, B). */
  attended: number;
  authorised: number;
  unauthorised: number;
}

const KIND = { none: 0, attended: 1, authorised: 2, unauthorised: 3, notPossible: 4 } as const;
const CATEGORY_INDEX: Record<CodeCategory, number> = {
  present: KIND.attended,
  'attending-approved-education': KIND.attended,
  authorised: KIND.authorised,
  unauthorised: KIND.unauthorised,
  'not-possible': KIND.notPossible,
};

/** Byte of a stored mark → what it counts as (0 for no mark). */
export const MARK_KIND = new Uint8Array(256);
for (const entry of ATTENDANCE_CODES) MARK_KIND[entry.stored.charCodeAt(0)] = CATEGORY_INDEX[entry.category];

export const emptyCounts = (): SessionCounts => ({ possible: 0, attended: 0, authorised: 0, unauthorised: 0 });

/** Counts a pupil's stored marks (a string or bytes, one per session) from index `from` up to but not including `to`. */
export function countMarks(
  marks: string | Uint8Array,
  from = 0,
  to = marks.length,
  into: SessionCounts = emptyCounts(),
): SessionCounts {
  const end = Math.min(to, marks.length);
  for (let i = Math.max(0, from); i < end; i++) {
    const kind = MARK_KIND[typeof marks === 'string' ? marks.charCodeAt(i) & 0xff : marks[i]!];
    if (kind === KIND.attended) into.attended++;
    else if (kind === KIND.authorised) into.authorised++;
    else if (kind === KIND.unauthorised) into.unauthorised++;
    else continue;
    into.possible++;
  }
  return into;
}

export const absentSessions = (counts: SessionCounts) => counts.authorised + counts.unauthorised;

/** Missed `thresholdPercent`% or more of their possible sessions (none possible: never). */
export function missedAtLeast(counts: SessionCounts, thresholdPercent: number): boolean {
  return counts.possible > 0 && absentSessions(counts) * 100 >= thresholdPercent * counts.possible;
}

/** Persistently absent: 10% or more of possible sessions missed (DfE). */
export const isPersistentlyAbsent = (counts: SessionCounts, thresholdPercent = 10) =>
  missedAtLeast(counts, thresholdPercent);

/** Severely (chronically) absent: 50% or more of possible sessions missed (DfE; Portsmouth school attendance strategy). */
export const isSeverelyAbsent = (counts: SessionCounts, thresholdPercent = 50) =>
  missedAtLeast(counts, thresholdPercent);

/** CINROSE (RBKC Early Help Family Support): attendance under 80%, or a reduced timetable of under 25 hours a week. */
export function isCinrose(counts: SessionCounts, reducedTimetableHours?: number | null): boolean {
  const lowAttendance = counts.possible > 0 && (counts.possible - absentSessions(counts)) * 100 < 80 * counts.possible;
  return (
    lowAttendance ||
    (reducedTimetableHours !== undefined && reducedTimetableHours !== null && reducedTimetableHours < 25)
  );
}

/** `part` as a percentage of `whole` to two decimals, rounded half up, computed in whole numbers (0 when whole is 0). */
export function percent(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.floor((part * 20000 + whole) / (2 * whole)) / 100;
}

export interface Thresholds {
  persistentPercent: number;
  severePercent: number;
}

export const DFE_THRESHOLDS: Thresholds = { persistentPercent: 10, severePercent: 50 };

export interface Summary {
  pupils: number;
  possible_sessions: number;
  absence_sessions: number;
  authorised_sessions: number;
  unauthorised_sessions: number;
  overall_absence_pct: number;
  authorised_absence_pct: number;
  unauthorised_absence_pct: number;
  persistent_absentees: number;
  persistent_absence_pct: number;
  severe_absentees: number;
  severe_absence_pct: number;
}

/** A set of pupils' totals: how many, their sessions, and how many are persistently and severely absent. */
export interface PupilTotals {
  pupils: number;
  possible: number;
  authorised: number;
  unauthorised: number;
  persistent: number;
  severe: number;
}

/** The measures from the totals over a set of pupils: sessions, and pupils persistently and severely absent. */
export function summaryOf(row: PupilTotals): Summary {
  const absence = row.authorised + row.unauthorised;
  return {
    pupils: row.pupils,
    possible_sessions: row.possible,
    absence_sessions: absence,
    authorised_sessions: row.authorised,
    unauthorised_sessions: row.unauthorised,
    overall_absence_pct: percent(absence, row.possible),
    authorised_absence_pct: percent(row.authorised, row.possible),
    unauthorised_absence_pct: percent(row.unauthorised, row.possible),
    persistent_absentees: row.persistent,
    persistent_absence_pct: percent(row.persistent, row.pupils),
    severe_absentees: row.severe,
    severe_absence_pct: percent(row.severe, row.pupils),
  };
}

/** Adds one pupil's counts to running totals (pupils with no possible sessions are left out). */
export class Totals {
  pupils = 0;
  possible = 0;
  authorised = 0;
  unauthorised = 0;
  persistent = 0;
  severe = 0;
  private readonly thresholds: Thresholds;

  constructor(thresholds: Thresholds = DFE_THRESHOLDS) {
    this.thresholds = thresholds;
  }

  add(counts: SessionCounts): void {
    if (counts.possible === 0) return;
    this.pupils++;
    this.possible += counts.possible;
    this.authorised += counts.authorised;
    this.unauthorised += counts.unauthorised;
    if (missedAtLeast(counts, this.thresholds.persistentPercent)) this.persistent++;
    if (missedAtLeast(counts, this.thresholds.severePercent)) this.severe++;
  }

  /** Adds the totals of a set of pupils already summed (disjoint from those added before). */
  addTotals(sums: PupilTotals): void {
    this.pupils += sums.pupils;
    this.possible += sums.possible;
    this.authorised += sums.authorised;
    this.unauthorised += sums.unauthorised;
    this.persistent += sums.persistent;
    this.severe += sums.severe;
  }

  summary(): Summary {
    return summaryOf({
      pupils: this.pupils,
      possible: this.possible,
      authorised: this.authorised,
      unauthorised: this.unauthorised,
      persistent: this.persistent,
      severe: this.severe,
    });
  }
}

/** The measures over a list of pupils' counts. */
export function summarise(pupils: Iterable<SessionCounts>, thresholds: Thresholds = DFE_THRESHOLDS): Summary {
  const totals = new Totals(thresholds);
  for (const counts of pupils) totals.add(counts);
  return totals.summary();
}

/** The ways the measures are split by pupil: by year group and characteristic. */
export const GROUP_DIMENSIONS = [
  { key: 'year_group', title: 'By year group' },
  { key: 'sen', title: 'By special educational needs' },
  { key: 'fsm', title: 'By free school meals' },
  { key: 'eal', title: 'By first language' },
] as const;

const SEN_NAMES: Record<string, string> = {
  N: 'No special educational needs',
  K: 'SEN support',
  E: 'Education, health and care plan',
};
const YEAR_ORDER = ['N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13'];
const NOT_ON_ROLL = 'Not on the roll';
const groupOrder = (group: string) =>
  YEAR_ORDER.includes(group) ? YEAR_ORDER.indexOf(group) : group === NOT_ON_ROLL ? 99 : 50;

/** What the roll says of a pupil that the measures are split by. */
export interface RollCharacteristics {
  year_group: string;
  sen: string;
  fsm: boolean;
  eal: boolean;
}

/** Running totals for each group of each dimension: a pupil (or a set of pupils alike) is added to one group per dimension. */
export class GroupedTotals {
  private readonly groups = new Map<string, Map<string, Totals>>();
  private readonly thresholds: Thresholds;

  constructor(thresholds: Thresholds = DFE_THRESHOLDS) {
    this.thresholds = thresholds;
  }

  /** The group in each dimension of a pupil on the roll, or "Not on the roll" in every one. */
  totalsOf(roll: RollCharacteristics | undefined): Totals[] {
    const groups: [string, string][] = roll
      ? [
          ['year_group', roll.year_group],
          ['sen', SEN_NAMES[roll.sen]!],
          ['fsm', roll.fsm ? 'Free school meals' : 'Not free school meals'],
          ['eal', roll.eal ? 'English as an additional language' : 'English as a first language'],
        ]
      : GROUP_DIMENSIONS.map((dimension) => [dimension.key, NOT_ON_ROLL]);
    return groups.map(([dimension, group]) => {
      let byGroup = this.groups.get(dimension);
      if (!byGroup) this.groups.set(dimension, (byGroup = new Map()));
      let totals = byGroup.get(group);
      if (!totals) byGroup.set(group, (totals = new Totals(this.thresholds)));
      return totals;
    });
  }

  /** Each dimension with its groups' measures, in year group order, then by name. */
  dimensions() {
    return GROUP_DIMENSIONS.map((dimension) => ({
      ...dimension,
      rows: [...(this.groups.get(dimension.key) ?? [])]
        .map(([group, totals]) => ({ group, ...totals.summary() }))
        .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.group.localeCompare(b.group)),
    }));
  }
}
