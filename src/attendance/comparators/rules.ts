// Comparators: England's, a region's or statistical neighbours' figures to set the authority's
// attendance and exclusions beside, where they have been imported. The measures
// and phases a figure may be for, how a figure reads, the newest figure for a school year, and
// the stored figures arranged for display. Pure functions.
import { storedSchoolYear } from '../rules.ts';

/** The measures a comparator may be for, as the DfE publishes them. */
export const MEASURES = {
  'overall-absence': { label: 'Overall absence', heading: 'Overall absence (%)', unit: '%', decimals: 1 },
  'persistent-absence': {
    label: 'Persistent absence',
    heading: 'Persistent absence (% of pupils)',
    unit: '%',
    decimals: 1,
  },
  'severe-absence': { label: 'Severe absence', heading: 'Severe absence (% of pupils)', unit: '%', decimals: 1 },
  'suspension-rate': {
    label: 'Suspension rate',
    heading: 'Suspensions per 100 pupils',
    unit: 'per 100 pupils',
    decimals: 2,
  },
  'permanent-exclusion-rate': {
    label: 'Permanent exclusion rate',
    heading: 'Permanent exclusions per 100 pupils',
    unit: 'per 100 pupils',
    decimals: 2,
  },
} as const;
export type Measure = keyof typeof MEASURES;
export const MEASURE_NAMES = Object.keys(MEASURES) as Measure[];

/** 'All' is every phase together, for the authority's all-schools figures. */
export const PHASES = ['Primary', 'Secondary', 'All'] as const;
export type Phase = (typeof PHASES)[number];

/** The area shown first wherever comparators are listed. */
export const NATIONAL_AREA = 'England';

/** One stored figure. */
export interface ComparatorFigure {
  area: string;
  academicYear: string;
  phase: Phase;
  measure: Measure;
  value: number;
  source: string;
}

/** The figure chosen for a school year, with how it reads: 'England 3.9% (2017 to 2018)'. */
export interface LatestComparator extends ComparatorFigure {
  text: string;
}

/** The figures for a school year by measure and phase, each list in area order (England first). */
export type ComparatorLookup = { [M in Measure]?: { [P in Phase]?: LatestComparator[] } };

export function isMeasure(value: string): value is Measure {
  return Object.hasOwn(MEASURES, value);
}

export function isPhase(value: string): value is Phase {
  return (PHASES as readonly string[]).includes(value);
}

/**
 * '3.9%' or '1.37 per 100 pupils' (or the number alone, for a table whose heading gives the
 * unit), with the DfE's decimal places: 1 for absence, 2 for rates.
 */
export function formatComparatorValue(measure: Measure, value: number, { unit = true } = {}): string {
  const { unit: name, decimals } = MEASURES[measure];
  const number = value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: 2 });
  if (!unit) return number;
  return name === '%' ? `${number}%` : `${number} ${name}`;
}

/** How pages name a figure's school year: '2017 to 2018'. */
const yearLabelOf = (academicYear: string) => storedSchoolYear(academicYear)?.label ?? academicYear;

/** 'England 3.9% (2017 to 2018)'. */
export function comparatorText(figure: ComparatorFigure): string {
  return `${figure.area} ${formatComparatorValue(figure.measure, figure.value)} (${yearLabelOf(figure.academicYear)})`;
}

/** England first, then the other areas alphabetically. */
export function compareAreas(a: string, b: string): number {
  if (a === b) return 0;
  if (a === NATIONAL_AREA) return -1;
  if (b === NATIONAL_AREA) return 1;
  return a.localeCompare(b, 'en-GB', { sensitivity: 'base' });
}

const yearOf = (figure: ComparatorFigure) => storedSchoolYear(figure.academicYear)?.start ?? Number.NEGATIVE_INFINITY;

/**
 * For each area, phase and measure, the newest figure for a school year no later than the one
 * starting in `startYear`: a dashboard for 2024/25 shows England's 2023/24 figure until the
 * 2024/25 one is imported, and never a later year's.
 */
export function comparatorsFor(rows: readonly ComparatorFigure[], startYear: number): ComparatorLookup {
  const newest = new Map<string, ComparatorFigure>();
  for (const row of rows) {
    const year = yearOf(row);
    if (year > startYear) continue;
    const key = JSON.stringify([row.area, row.phase, row.measure]);
    const held = newest.get(key);
    if (!held || year > yearOf(held)) newest.set(key, row);
  }
  const lookup: ComparatorLookup = {};
  const chosen = [...newest.values()].sort((a, b) => compareAreas(a.area, b.area));
  for (const figure of chosen) {
    const byPhase = (lookup[figure.measure] ??= {});
    (byPhase[figure.phase] ??= []).push({ ...figure, text: comparatorText(figure) });
  }
  return lookup;
}

/** The chosen figures for a measure and phase (none when nothing is imported for them). */
export function comparatorsAt(lookup: ComparatorLookup, measure: string, phase: string): LatestComparator[] {
  return isMeasure(measure) && isPhase(phase) ? (lookup[measure]?.[phase] ?? []) : [];
}

/** One row of an area's table: a year and phase, with a figure (or none) for each measure. */
export interface ComparatorTableRow {
  academicYear: string;
  /** '2017 to 2018', as pages name it. */
  yearLabel: string;
  phase: Phase;
  values: { measure: Measure; text: string | undefined }[];
}

export interface AreaTable {
  area: string;
  rows: ComparatorTableRow[];
  sources: string[];
}

/** The stored figures as one table per area (England first), newest year first, then by phase. */
export function areaTables(rows: readonly ComparatorFigure[]): AreaTable[] {
  const areas = [...new Set(rows.map((row) => row.area))].sort(compareAreas);
  return areas.map((area) => {
    const inArea = rows.filter((row) => row.area === area);
    const years = [...new Set(inArea.map((row) => row.academicYear))].sort((a, b) => b.localeCompare(a));
    const tableRows = years.flatMap((academicYear) =>
      PHASES.flatMap((phase) => {
        const figures = inArea.filter((row) => row.academicYear === academicYear && row.phase === phase);
        if (figures.length === 0) return [];
        const values = MEASURE_NAMES.map((measure) => {
          const figure = figures.find((row) => row.measure === measure);
          return { measure, text: figure && formatComparatorValue(measure, figure.value, { unit: false }) };
        });
        return [{ academicYear, yearLabel: yearLabelOf(academicYear), phase, values }];
      }),
    );
    return { area, rows: tableRows, sources: [...new Set(inArea.map((row) => row.source))].sort() };
  });
}

/**
 * The file's areas spelt as stored where they differ only in capitals or spaces ('england' is
 * England), or else as first spelt in the file, so one area is never shown twice.
 */
export function withStoredAreaNames<T extends { area: string }>(rows: readonly T[], stored: readonly string[]): T[] {
  const spelling = new Map(stored.map((area) => [areaKey(area), area]));
  return rows.map((row) => {
    const key = areaKey(row.area);
    if (!spelling.has(key)) spelling.set(key, row.area);
    return { ...row, area: spelling.get(key)! };
  });
}

/** How two spellings of an area are matched: case and spacing aside. */
export function areaKey(area: string): string {
  return area.trim().replace(/\s+/g, ' ').toLowerCase();
}
