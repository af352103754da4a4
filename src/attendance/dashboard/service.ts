// The attendance dashboard [Portsmouth school attendance strategy]: the national
// measures for a period by phase against the baselines and targets, the weekly trend, and every
// school's figures. A school user sees only their own schools; everyone else who may use the dashboard sees the authority's.
import { reducedTimetablesInPlace, suspensionsWithPhase } from './repository.ts';
import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../platform/clock.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSetting } from '../../platform/settings/service.ts';
import { chronicAbsence } from '../chronic/service.ts';
import type { Summary } from '../measures/rules.ts';
import type { AskedPeriod } from '../period/forms.ts';
import { choosePeriod } from '../period/service.ts';
import { comparatorsAt, type Measure } from '../comparators/rules.ts';
import { latestFor } from '../comparators/service.ts';
import { attendanceQueries, combine, type SchoolMeasures } from '../measures/repository.ts';
import { suspensionMeasures, type SuspensionRecord } from '../suspensions/rules.ts';

const PHASES = ['Primary', 'Secondary'] as const;

/** The measures shown, with the target each is measured against where the Portsmouth school attendance strategy sets one. */
export const HEADLINE_MEASURES: {
  key: keyof Summary;
  label: string;
  unit: '%' | '';
  target?: string;
  comparator?: Measure;
}[] = [
  {
    key: 'overall_absence_pct',
    label: 'Overall absence',
    unit: '%',
    target: 'overall-absence',
    comparator: 'overall-absence',
  },
  { key: 'authorised_absence_pct', label: 'Authorised absence', unit: '%' },
  { key: 'unauthorised_absence_pct', label: 'Unauthorised absence', unit: '%' },
  {
    key: 'persistent_absence_pct',
    label: 'Persistent absence (pupils missing 10% or more)',
    unit: '%',
    target: 'persistent-absence',
    comparator: 'persistent-absence',
  },
  {
    key: 'severe_absence_pct',
    label: 'Severe absence (pupils missing 50% or more)',
    unit: '%',
    comparator: 'severe-absence',
  },
  { key: 'pupils', label: 'Pupils with possible sessions', unit: '' },
];

export interface Target {
  baseline: number;
  baselineYear: string;
  target: number;
  targetYear: string;
  met: boolean;
}

type TargetRow = Awaited<ReturnType<ReturnType<typeof attendanceQueries>['targets']>>[number];

/**
 * The targets beside absence (Portsmouth school attendance strategy): suspensions per 100 pupils
 * by phase (the year's suspensions against the pupils with marks), and the reduced timetables in
 * place now.
 */
async function otherTargets(
  db: Db,
  year: string,
  columns: { name: string; summary: Summary }[],
  urns: number[] | undefined,
  targets: readonly TargetRow[],
) {
  const [records, count] = await Promise.all([
    suspensionsWithPhase(db, year, urns),
    reducedTimetablesInPlace(db, urns),
  ]);
  const target = (measure: string, phase: string) =>
    targets.find((row) => row.measure === measure && row.phase === phase);
  const rates = columns.map((column) => {
    const inPhase = records.filter(
      (record) => column.name === 'All schools' || record.phase === column.name,
    ) as SuspensionRecord[];
    const measures = suspensionMeasures(inPhase, column.summary.pupils);
    const aim = target('suspension-rate', column.name);
    return {
      ...measures,
      target: aim,
      met: aim && measures.suspensionRate !== null ? measures.suspensionRate <= aim.target : undefined,
    };
  });
  const timetableTarget = target('reduced-timetables', 'All');
  return {
    rates,
    timetables: { count, target: timetableTarget, met: timetableTarget ? count <= timetableTarget.target : undefined },
  };
}

export function attendanceDashboard(db: Db, clock: Clock) {
  const queries = attendanceQueries(db, clock);

  /** The school year, period, schools and thresholds a dashboard page is for; undefined before any marks. */
  async function chosen(user: CurrentUser, asked: AskedPeriod) {
    const picked = await choosePeriod(db, clock, user, asked);
    if (!picked.year) return { chosen: picked, year: undefined };
    const thresholds = {
      persistentPercent: await readSetting(db, 'persistent-absence-percent'),
      severePercent: await readSetting(db, 'severe-absence-percent'),
    };
    return {
      chosen: picked,
      year: picked.year,
      period: picked.period,
      urns: picked.urns,
      ownSchools: picked.urns !== undefined,
      thresholds,
    };
  }

  return {
    /** The measures by year group and characteristic. */
    async groups(user: CurrentUser, asked: AskedPeriod) {
      const page = await chosen(user, asked);
      if (!page.year) return { chosen: page.chosen, empty: true as const };
      return {
        ...page,
        empty: false as const,
        dimensions: await queries.byGroup(page.period, page.urns, page.thresholds),
      };
    },

    async view(user: CurrentUser, asked: AskedPeriod) {
      const page = await chosen(user, asked);
      if (!page.year) return { chosen: page.chosen, empty: true as const };
      const { year, period, urns } = page;
      const [schools, weekly, targets, chronic, comparators] = await Promise.all([
        queries.bySchool(period, urns, page.thresholds),
        queries.weekly(period, urns),
        queries.targets(),
        chronicAbsence(db, clock).coverage(period, year, urns),
        latestFor(db, year),
      ]);
      // The comparators of a column: its phase's, or every phase's for all schools.
      const compared = (measure: Measure | undefined, column: string) =>
        measure ? comparatorsAt(comparators, measure, column === 'All schools' ? 'All' : column) : [];
      const columns = [
        ...PHASES.map((phase) => ({
          name: phase,
          summary: combine(schools.filter((school) => school.phase === phase)),
        })),
        { name: 'All schools', summary: combine(schools) },
      ];
      const targetOf = (measure: string | undefined, phase: string, value: number): Target | undefined => {
        const row = targets.find((each) => each.measure === measure && each.phase === phase);
        return (
          row && {
            baseline: row.baseline,
            baselineYear: row.baseline_year,
            target: row.target,
            targetYear: row.target_year,
            met: value <= row.target,
          }
        );
      };
      const headline = HEADLINE_MEASURES.map((measure) => ({
        ...measure,
        cells: columns.map((column) => ({
          value: column.summary[measure.key],
          pupils: column.summary.pupils,
          target: targetOf(measure.target, column.name, column.summary[measure.key]),
          comparators: compared(measure.comparator, column.name),
        })),
      }));
      const highest = Math.max(1, ...weekly.map((week) => week.absencePct));
      return {
        ...page,
        empty: false as const,
        columns: columns.map((column) => column.name),
        headline,
        others: await otherTargets(db, year, columns, urns, targets),
        rateComparators: columns.map((column) => ({
          suspension: compared('suspension-rate', column.name),
          exclusion: compared('permanent-exclusion-rate', column.name),
        })),
        chronic: { ...chronic, met: chronic.target ? chronic.pct >= chronic.target.target : undefined },
        weekly: weekly.map((week) => ({ ...week, width: Math.round((week.absencePct / highest) * 1000) / 10 })),
        schools,
      };
    },

    /** Records in the audit log that the schools' figures were downloaded. */
    async recordExport(
      actor: Actor,
      shown: { year: string; urn?: number; from: string; to: string },
      format: string,
    ): Promise<void> {
      await audit(db, actor, { action: 'export', recordType: 'attendance-dashboard', details: { ...shown, format } });
    },
  };
}

/** The schools' figures as a table for CSV and Excel. */
export function schoolsTable(schools: readonly SchoolMeasures[]) {
  return {
    header: [
      'URN',
      'School',
      'Phase',
      'Pupils',
      'Possible sessions',
      'Overall absence %',
      'Authorised absence %',
      'Unauthorised absence %',
      'Persistent absentees',
      'Persistent absence %',
      'Severe absentees',
      'Severe absence %',
    ],
    rows: schools.map((school) => [
      school.urn,
      school.name,
      school.phase,
      school.pupils,
      school.possible_sessions,
      school.overall_absence_pct,
      school.authorised_absence_pct,
      school.unauthorised_absence_pct,
      school.persistent_absentees,
      school.persistent_absence_pct,
      school.severe_absentees,
      school.severe_absence_pct,
    ]),
  };
}

export type AttendanceDashboard = ReturnType<typeof attendanceDashboard>;
