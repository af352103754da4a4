import { describe, expect, it } from 'vitest';
import {
  areaTables,
  comparatorsAt,
  comparatorsFor,
  formatComparatorValue,
  withStoredAreaNames,
  type ComparatorFigure,
} from './rules.ts';

const RBKC_ATTENDANCE = "RBKC Early Help Family Support, 'Local & National Picture - Attendance'";
const figure = (
  area: string,
  academicYear: string,
  value: number,
  more: Partial<ComparatorFigure> = {},
): ComparatorFigure => ({
  area,
  academicYear,
  phase: 'Primary',
  measure: 'overall-absence',
  value,
  source: RBKC_ATTENDANCE,
  ...more,
});

// RBKC Early Help Family Support, 'Local & National Picture - Attendance': England primary
// overall absence 4.0% (2015/16), 4.0% (2016/17), 3.9% (2017/18).
const ENGLAND_PRIMARY = [
  figure('England', '2015/16', 4.0),
  figure('England', '2017/18', 3.9),
  figure('England', '2016/17', 4.0),
];

describe('comparatorsFor: the newest figure for a year no later than the school year shown', () => {
  it('shows the figure for the school year itself (RBKC Early Help Family Support: England primary 3.9% in 2017/18)', () => {
    const lookup = comparatorsFor(ENGLAND_PRIMARY, 2017);
    expect(lookup['overall-absence']?.Primary).toEqual([
      { ...figure('England', '2017/18', 3.9), text: 'England 3.9% (2017 to 2018)' },
    ]);
  });

  it('shows the newest earlier figure when the year has none, and never a later year’s', () => {
    expect(
      comparatorsAt(comparatorsFor(ENGLAND_PRIMARY, 2024), 'overall-absence', 'Primary').map((each) => each.text),
    ).toEqual(['England 3.9% (2017 to 2018)']);
    expect(
      comparatorsAt(comparatorsFor(ENGLAND_PRIMARY, 2016), 'overall-absence', 'Primary').map((each) => each.text),
    ).toEqual(['England 4.0% (2016 to 2017)']);
    expect(comparatorsFor(ENGLAND_PRIMARY, 2014)).toEqual({});
  });

  it('chooses for each area, phase and measure separately, England first, and each keeps its own year', () => {
    const lookup = comparatorsFor(
      [
        ...ENGLAND_PRIMARY,
        figure('Statistical neighbours', '2016/17', 4.3),
        figure('Inner London', '2017/18', 3.7),
        figure('England', '2016/17', 5.4, { phase: 'Secondary' }),
        figure('England', '2016/17', 1.37, {
          measure: 'suspension-rate',
          source: "RBKC Early Help Family Support, 'Local & National Picture - Exclusions'",
        }),
      ],
      2017,
    );
    expect(comparatorsAt(lookup, 'overall-absence', 'Primary').map((each) => each.text)).toEqual([
      'England 3.9% (2017 to 2018)',
      'Inner London 3.7% (2017 to 2018)',
      'Statistical neighbours 4.3% (2016 to 2017)',
    ]);
    expect(comparatorsAt(lookup, 'overall-absence', 'Secondary').map((each) => each.text)).toEqual([
      'England 5.4% (2016 to 2017)',
    ]);
    expect(comparatorsAt(lookup, 'suspension-rate', 'Primary').map((each) => each.text)).toEqual([
      'England 1.37 per 100 pupils (2016 to 2017)',
    ]);
    expect(comparatorsAt(lookup, 'persistent-absence', 'Primary')).toEqual([]);
    expect(comparatorsAt(lookup, 'overall-absence', 'All schools')).toEqual([]);
  });
});

describe('a comparator reads with the DfE’s decimal places', () => {
  it('gives absence to 1 decimal place and rates per 100 pupils to 2', () => {
    expect(formatComparatorValue('overall-absence', 4)).toBe('4.0%');
    expect(formatComparatorValue('persistent-absence', 17.95)).toBe('17.95%');
    expect(formatComparatorValue('permanent-exclusion-rate', 0.2)).toBe('0.20 per 100 pupils');
    expect(formatComparatorValue('suspension-rate', 9.4, { unit: false })).toBe('9.40');
  });
});

describe('the stored comparators are shown one table per area', () => {
  it('puts England first, the newest year first, and each phase’s measures in one row', () => {
    const tables = areaTables([
      figure('Outer London', '2017/18', 4.1),
      ...ENGLAND_PRIMARY,
      figure('England', '2016/17', 0.03, {
        measure: 'permanent-exclusion-rate',
        source: "RBKC Early Help Family Support, 'Local & National Picture - Exclusions'",
      }),
      figure('England', '2016/17', 5.4, { phase: 'Secondary' }),
    ]);
    expect(tables.map((table) => table.area)).toEqual(['England', 'Outer London']);
    const england = tables[0];
    expect(england.rows.map((row) => `${row.academicYear} ${row.phase}`)).toEqual([
      '2017/18 Primary',
      '2016/17 Primary',
      '2016/17 Secondary',
      '2015/16 Primary',
    ]);
    expect(england.rows[1].values.map((value) => value.text)).toEqual(['4.0', undefined, undefined, undefined, '0.03']);
    expect(england.sources).toEqual([
      "RBKC Early Help Family Support, 'Local & National Picture - Attendance'",
      "RBKC Early Help Family Support, 'Local & National Picture - Exclusions'",
    ]);
  });
});

describe('an area is one area whatever its capitals and spaces', () => {
  it('takes the stored spelling, or else the file’s first spelling', () => {
    const rows = withStoredAreaNames(
      [{ area: 'england' }, { area: 'Outer london' }, { area: 'outer London' }],
      ['England'],
    );
    expect(rows.map((row) => row.area)).toEqual(['England', 'Outer london', 'Outer london']);
  });
});
