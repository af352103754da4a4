/**
 * The groups report's figures ("Per year and half term: programmes run, places
 * offered / taken / completed, families reached by school and cluster, completion rate, average
 * change on the pre/post measure; families reached through groups beside those reached through
 * individual casework"). Pure: the service reads the rows, this counts them.
 *
 * - A programme ran when it was not cancelled and has at least one session.
 * - Places offered: the sum of those programmes' capacities. Taken, completed and the rate follow
 *   the rules in registers/completion.ts.
 * - Families reached: places that attended at least one session, each counted once in a total;
 *   a place with children at two schools counts once for each school (and once for each
 *   cluster those schools were in on the programme's first session).
 * - Change on a pre/post measure is averaged per named measure, never across measures.
 */
import { completionRate, percentText, signedText } from '../registers/rules.ts';
import { participantSummaries, totalsOf, type PlaceFacts, type ProgrammeFacts } from '../registers/attendance/rules.ts';
import type { ProgrammeKind } from '../schema.ts';
import type { Cell } from '../../platform/xlsx-export.ts';

export const WHOLE_YEAR = 'Whole year';

export interface ReportSchool {
  urn: number;
  name: string;
  /** The school's cluster on the programme's first session; null when it was in none. */
  cluster: string | null;
}

export interface ReportPlace extends PlaceFacts {
  /** The schools of the children the place is for (the nominating school when none is recorded). */
  schools: ReportSchool[];
}

export interface ReportProgramme {
  id: number;
  kind: ProgrammeKind;
  termName: string;
  capacity: number;
  measureName: string | null;
  cancelled: boolean;
  sessionDates: string[];
  places: ReportPlace[];
  marks: ProgrammeFacts['marks'];
}

export interface ReportInput {
  /** The year's half terms, in order. */
  halfTerms: readonly string[];
  programmes: readonly ReportProgramme[];
  today: string;
  percent: number;
  /** Cases allocated in the year (individual casework). */
  casework: number;
  /** The approved allocation plan's capacity in families; null when no plan is approved. */
  capacity: number | null;
}

export interface FiguresRow {
  label: string;
  programmesRun: number;
  offered: number;
  taken: number;
  completed: number;
  inProgress: number;
  completionRate: number | null;
  /** '67%', or '–' with no places taken. */
  rateText: string;
  reached: number;
}

export interface MeasureRow {
  measure: string;
  label: string;
  programmes: number;
  compared: number;
  averageChange: number | null;
  /** '+2.5', '−1', or '–' when no one has both scores. */
  changeText: string;
}

export const ran = (programme: Pick<ReportProgramme, 'cancelled' | 'sessionDates'>) =>
  !programme.cancelled && programme.sessionDates.length > 0;

type Summarised = ReportProgramme & { participants: ReturnType<typeof participantSummaries> };

function figures(label: string, programmes: readonly Summarised[]): FiguresRow {
  const participants = programmes.flatMap((programme) => programme.participants);
  const totals = totalsOf(participants);
  const rate = completionRate(totals.completed, totals.taken);
  return {
    label,
    programmesRun: programmes.length,
    offered: programmes.reduce((sum, programme) => sum + programme.capacity, 0),
    taken: totals.taken,
    completed: totals.completed,
    inProgress: totals.inProgress,
    completionRate: rate,
    rateText: percentText(rate),
    reached: totals.reached,
  };
}

/** Half terms in the year's order, then any other names the programmes use. */
function termOrder(halfTerms: readonly string[], programmes: readonly ReportProgramme[]): string[] {
  const extra = [...new Set(programmes.map((programme) => programme.termName))].filter(
    (name) => !halfTerms.includes(name),
  );
  return [...halfTerms, ...extra];
}

function measureRows(terms: readonly string[], programmes: readonly Summarised[]): MeasureRow[] {
  const measures = [
    ...new Set(programmes.flatMap((programme) => (programme.measureName ? [programme.measureName] : []))),
  ].sort((a, b) => a.localeCompare(b));
  return measures.flatMap((measure) => {
    const using = programmes.filter((programme) => programme.measureName === measure);
    const row = (label: string, some: readonly Summarised[]): MeasureRow => {
      const totals = totalsOf(some.flatMap((programme) => programme.participants));
      return {
        measure,
        label,
        programmes: some.length,
        compared: totals.compared,
        averageChange: totals.averageChange,
        changeText: signedText(totals.averageChange),
      };
    };
    const byTerm = terms.flatMap((term) => {
      const some = using.filter((programme) => programme.termName === term);
      return some.length ? [row(term, some)] : [];
    });
    return [...byTerm, row(WHOLE_YEAR, using)];
  });
}

/** Reached places by a key of each place: each place counted once per key, and once in the total. */
function reachedBy(programmes: readonly Summarised[], keysOf: (place: ReportPlace) => string[]) {
  const places = new Map<string, Set<number>>();
  const all = new Set<number>();
  for (const programme of programmes) {
    const reached = new Set(programme.participants.filter((p) => p.attended > 0).map((p) => p.placeId));
    for (const place of programme.places) {
      if (!reached.has(place.id)) continue;
      all.add(place.id);
      for (const key of new Set(keysOf(place))) {
        if (!places.has(key)) places.set(key, new Set());
        places.get(key)!.add(place.id);
      }
    }
  }
  const rows = [...places]
    .map(([name, ids]) => ({ name, families: ids.size }))
    .sort((a, b) => b.families - a.families || a.name.localeCompare(b.name));
  return { rows, total: all.size };
}

export const NO_CLUSTER = 'Not in a cluster';

export function groupsReport(input: ReportInput) {
  const summarised: Summarised[] = input.programmes.filter(ran).map((programme) => {
    const participants = participantSummaries({
      sessionDates: programme.sessionDates,
      places: programme.places,
      marks: programme.marks,
      today: input.today,
      percent: input.percent,
    });
    return { ...programme, participants };
  });
  const terms = termOrder(input.halfTerms, summarised);
  const table = (some: readonly Summarised[]) => ({
    rows: terms.map((term) =>
      figures(
        term,
        some.filter((programme) => programme.termName === term),
      ),
    ),
    total: figures(WHOLE_YEAR, some),
  });
  const schools = reachedBy(summarised, (place) => place.schools.map((school) => school.name));
  const clusters = reachedBy(summarised, (place) => place.schools.map((school) => school.cluster ?? NO_CLUSTER));
  const groups = schools.total;
  return {
    hasProgrammes: input.programmes.length > 0,
    programmesRun: summarised.length,
    kinds: [
      {
        kind: 'parent-group' as const,
        title: 'Parent groups',
        ...table(summarised.filter((p) => p.kind === 'parent-group')),
      },
      {
        kind: 'small-group' as const,
        title: 'Small groups',
        ...table(summarised.filter((p) => p.kind === 'small-group')),
      },
      { kind: 'all' as const, title: 'All groups', ...table(summarised) },
    ],
    measures: measureRows(terms, summarised),
    bySchool: schools,
    byCluster: clusters,
    reach: {
      groups,
      casework: input.casework,
      total: groups + input.casework,
      capacity: input.capacity,
      /** Of the year's capacity, the families left for groups once the individual cases are counted. */
      leftForGroups: input.capacity === null ? null : Math.max(0, input.capacity - input.casework),
      shareOfCapacity: input.capacity ? Math.round(((groups + input.casework) * 100) / input.capacity) : null,
    },
  };
}

export type GroupsReport = ReturnType<typeof groupsReport>;

/*
 * The groups report as one table for download: a row per half term and group type, per
 * measure, per school and per cluster, and the families reached through groups beside
 * individual casework. Blank where a column does not apply. Figures only. Pure.
 */
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
