/**
 * The groups report as one table for download: a row per half term and group type, per
 * measure, per school and per cluster, and the families reached through groups beside
 * individual casework. Blank where a column does not apply. Figures only. Pure.
 */
import type { Cell } from '../../platform/xlsx-export.ts';
import type { FiguresRow, GroupsReport } from './rules.ts';

export const REPORT_HEADER = [
  'Year',
  'Section',
  'Half term',
  'Group type',
  'Name',
  'Programmes run',
  'Places offered',
  'Places taken',
  'Completed',
  'In progress',
  'Completion rate (%)',
  'Families reached',
  'Participants with both scores',
  'Average change',
] as const;

type Row = Cell[];

export function reportTable(year: string, report: GroupsReport): { header: readonly string[]; rows: Row[] } {
  const row = (
    section: string,
    halfTerm: string,
    groupType: string,
    name: string,
    values: Partial<Record<(typeof REPORT_HEADER)[number], Cell>>,
  ): Row => [
    year,
    section,
    halfTerm,
    groupType,
    name,
    ...REPORT_HEADER.slice(5).map((column) => values[column] ?? null),
  ];
  const places = (title: string, figures: FiguresRow) =>
    row('Places', figures.label, title, '', {
      'Programmes run': figures.programmesRun,
      'Places offered': figures.offered,
      'Places taken': figures.taken,
      Completed: figures.completed,
      'In progress': figures.inProgress,
      'Completion rate (%)': figures.completionRate,
      'Families reached': figures.reached,
    });
  const rows: Row[] = [
    ...report.kinds.flatMap((kind) => [...kind.rows, kind.total].map((figures) => places(kind.title, figures))),
    ...report.measures.map((measure) =>
      row('Measure', measure.label, '', measure.measure, {
        'Programmes run': measure.programmes,
        'Participants with both scores': measure.compared,
        'Average change': measure.averageChange,
      }),
    ),
    ...report.bySchool.rows.map((school) =>
      row('Families by school', 'Whole year', '', school.name, { 'Families reached': school.families }),
    ),
    ...report.byCluster.rows.map((cluster) =>
      row('Families by cluster', 'Whole year', '', cluster.name, { 'Families reached': cluster.families }),
    ),
    row('Groups and casework', 'Whole year', '', 'Families reached through groups', {
      'Families reached': report.reach.groups,
    }),
    row('Groups and casework', 'Whole year', '', 'Families reached through individual casework', {
      'Families reached': report.reach.casework,
    }),
    row('Groups and casework', 'Whole year', '', 'Families reached in all', { 'Families reached': report.reach.total }),
    row('Groups and casework', 'Whole year', '', 'Capacity in the approved allocation plan', {
      'Families reached': report.reach.capacity,
    }),
  ];
  return { header: REPORT_HEADER, rows };
}
