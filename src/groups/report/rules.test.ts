import { describe, expect, it } from 'vitest';
import { reportTable } from './rules.ts';
import { NO_CLUSTER, groupsReport, ran, type ReportProgramme } from './rules.ts';

const HALF_TERMS = [
  'Autumn 1 2025',
  'Autumn 2 2025',
  'Spring 1 2026',
  'Spring 2 2026',
  'Summer 1 2026',
  'Summer 2 2026',
];
const SESSIONS = ['2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27'];
const school = (urn: number, cluster: string | null = 'Harold Hill') => ({ urn, name: `School ${urn}`, cluster });

function programme(overrides: Partial<ReportProgramme> = {}): ReportProgramme {
  return {
    id: 1,
    kind: 'parent-group',
    termName: 'Spring 1 2026',
    capacity: 10,
    measureName: null,
    cancelled: false,
    sessionDates: SESSIONS,
    places: [
      { id: 11, status: 'confirmed', pre: 10, post: 14, schools: [school(1)] },
      { id: 12, status: 'confirmed', pre: null, post: null, schools: [school(1), school(2, 'Romford')] },
    ],
    marks: [
      ...SESSIONS.map(() => ({ placeId: 11, status: 'attended' as const })),
      { placeId: 12, status: 'attended' as const },
    ],
    ...overrides,
  };
}

const report = (programmes: ReportProgramme[], extra: Partial<Parameters<typeof groupsReport>[0]> = {}) =>
  groupsReport({
    halfTerms: HALF_TERMS,
    programmes,
    today: '2026-03-01',
    percent: 75,
    casework: 120,
    capacity: 200,
    ...extra,
  });

describe('programmes run (per year and half term)', () => {
  it('leaves out cancelled programmes and those without sessions', () => {
    expect(ran({ cancelled: false, sessionDates: SESSIONS })).toBe(true);
    expect(ran({ cancelled: true, sessionDates: SESSIONS })).toBe(false);
    expect(ran({ cancelled: false, sessionDates: [] })).toBe(false);
    const figures = report([programme(), programme({ id: 2, cancelled: true }), programme({ id: 3, sessionDates: [] })])
      .kinds[0].total;
    expect(figures).toMatchObject({
      programmesRun: 1,
      offered: 10,
      taken: 2,
      completed: 1,
      completionRate: 50,
      rateText: '50%',
    });
  });

  it('shows every half term of the year, in order, and any other half term a programme names after them', () => {
    const rows = report([programme({ termName: 'Autumn 1 2026' })]).kinds[0].rows.map((row) => row.label);
    expect(rows).toEqual([...HALF_TERMS, 'Autumn 1 2026']);
  });

  it('splits parent groups from small groups (Havering SEMH Team proposal: small group interventions for the most vulnerable schools)', () => {
    const result = report([programme(), programme({ id: 2, kind: 'small-group', capacity: 6 })]);
    expect(result.kinds.map((kind) => [kind.title, kind.total.offered])).toEqual([
      ['Parent groups', 10],
      ['Small groups', 6],
      ['All groups', 16],
    ]);
  });
});

describe('families reached (by school and cluster; a parent with children at two schools)', () => {
  it('counts a family at two schools once for each school and cluster, and once in all', () => {
    const result = report([programme()]);
    expect(result.bySchool).toEqual({
      rows: [
        { name: 'School 1', families: 2 },
        { name: 'School 2', families: 1 },
      ],
      total: 2,
    });
    expect(result.byCluster).toEqual({
      rows: [
        { name: 'Harold Hill', families: 2 },
        { name: 'Romford', families: 1 },
      ],
      total: 2,
    });
  });

  it('counts only places that attended at least one session, and names schools outside any cluster', () => {
    const result = report([
      programme({
        places: [
          { id: 11, status: 'confirmed', pre: null, post: null, schools: [school(3, null)] },
          { id: 13, status: 'confirmed', pre: null, post: null, schools: [school(4)] },
        ],
        marks: [
          { placeId: 11, status: 'attended' },
          { placeId: 13, status: 'apologies' },
        ],
      }),
    ]);
    expect(result.byCluster.rows).toEqual([{ name: NO_CLUSTER, families: 1 }]);
    expect(result.reach.groups).toBe(1);
  });

  it('sets groups beside individual casework against the capacity (Havering SEMH Team proposal: c200 families with about 120 individual cases)', () => {
    expect(report([programme()]).reach).toEqual({
      groups: 2,
      casework: 120,
      total: 122,
      capacity: 200,
      leftForGroups: 80,
      shareOfCapacity: 61,
    });
    expect(report([programme()], { capacity: null }).reach).toMatchObject({
      capacity: null,
      leftForGroups: null,
      shareOfCapacity: null,
    });
  });
});

describe('change on pre/post measures (average change on the pre/post measure)', () => {
  it('is averaged per named measure, never across measures', () => {
    const result = report([
      programme({ measureName: 'Scale A' }),
      programme({
        id: 2,
        measureName: 'Scale B',
        places: [{ id: 21, status: 'confirmed', pre: 50, post: 40, schools: [school(1)] }],
        marks: [{ placeId: 21, status: 'attended' }],
      }),
    ]);
    expect(
      result.measures
        .filter((row) => row.label === 'Whole year')
        .map((row) => [row.measure, row.compared, row.changeText]),
    ).toEqual([
      ['Scale A', 1, '+4'],
      ['Scale B', 1, '−10'],
    ]);
  });
});

describe('an empty year', () => {
  it('has no programmes and nothing to divide by', () => {
    const result = report([]);
    expect(result.hasProgrammes).toBe(false);
    expect(result.kinds[2].total).toMatchObject({ programmesRun: 0, completionRate: null, rateText: '–' });
    expect(result.measures).toEqual([]);
  });

  it('still makes a download with the casework beside it', () => {
    const { header, rows } = reportTable('2025/26', report([]));
    expect(header[0]).toBe('Year');
    expect(rows.find((row) => row[4] === 'Families reached through individual casework')?.[11]).toBe(120);
  });
});
