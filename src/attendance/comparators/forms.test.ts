import { describe, expect, it } from 'vitest';
import { problemLines } from '../../platform/csv-import.ts';
import { parseAcademicYear, parseComparatorsCsv, parseMeasure, parsePhase, parseValue } from './forms.ts';

const HEADER = 'area,academic_year,phase,measure,value';
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');
const read = (text: string) => parseComparatorsCsv(text, { source: 'Imported from test.csv' });
const problems = (text: string) => {
  const result = read(text);
  return result.ok ? [] : problemLines(result.problems);
};

describe('a comparator value is a percentage or rate per 100 pupils: 0 to 100, up to 2 decimal places', () => {
  it('takes 0, 100 and two decimal places, with or without a % sign', () => {
    expect(['0', '100', '3.9', '0.03', '9.40', '3.9%', '100.00', ' 4 % '].map(parseValue)).toEqual(
      [0, 100, 3.9, 0.03, 9.4, 3.9, 100, 4].map((value) => ({ ok: true, value })),
    );
  });

  it('refuses more than 100, three decimal places, negatives, blanks and suppression marks', () => {
    expect(parseValue('100.01')).toEqual({
      ok: false,
      message: 'enter a value from 0 to 100 (a percentage or a rate per 100 pupils)',
    });
    expect(parseValue('101')).toMatchObject({ ok: false });
    expect(parseValue('3.925')).toEqual({ ok: false, message: 'enter the value with up to 2 decimal places' });
    expect(parseValue('-1')).toEqual({ ok: false, message: 'enter the value as a number from 0 to 100, like 3.9' });
    expect(parseValue('x')).toMatchObject({ ok: false });
    expect(parseValue('.5')).toMatchObject({ ok: false });
    expect(parseValue('')).toEqual({
      ok: false,
      message: 'enter the value, like 3.9 (leave out rows for figures that are not published)',
    });
  });
});

describe('an academic year is written like 2024/25, with years that follow each other', () => {
  it('takes 2024/25, 2015/16 (the RBKC Early Help Family Support’s earliest year) and 2099/00', () => {
    expect(['2024/25', '2015/16', '2099/00', ' 2000/01 '].map(parseAcademicYear)).toEqual(
      ['2024/25', '2015/16', '2099/00', '2000/01'].map((value) => ({ ok: true, value })),
    );
  });

  it('refuses years that do not follow each other, other spellings and years before 2000/01', () => {
    expect(parseAcademicYear('2017/16')).toEqual({
      ok: false,
      message: 'the years must follow each other, like 2017/18',
    });
    expect(parseAcademicYear('2024/26')).toEqual({
      ok: false,
      message: 'the years must follow each other, like 2024/25',
    });
    expect(parseAcademicYear('2024-25')).toEqual({ ok: false, message: 'enter the academic year like 2024/25' });
    expect(parseAcademicYear('2024/2025')).toMatchObject({ ok: false });
    expect(parseAcademicYear('1999/00')).toEqual({ ok: false, message: 'enter an academic year from 2000/01 on' });
    expect(parseAcademicYear('')).toEqual({ ok: false, message: 'enter the academic year, like 2024/25' });
  });
});

describe('a phase is Primary, Secondary or All', () => {
  it('takes any case and refuses other phases', () => {
    expect(['primary', 'SECONDARY', 'All'].map(parsePhase)).toEqual(
      ['Primary', 'Secondary', 'All'].map((value) => ({ ok: true, value })),
    );
    expect(parsePhase('Special')).toEqual({ ok: false, message: 'enter the phase as Primary, Secondary or All' });
  });
});

describe('a measure is one of the five the dashboard compares', () => {
  it('takes the names, in any case, with spaces or underscores for hyphens', () => {
    expect(
      ['overall-absence', 'Persistent absence', 'SEVERE_ABSENCE', 'suspension-rate', 'permanent-exclusion-rate'].map(
        parseMeasure,
      ),
    ).toEqual(
      ['overall-absence', 'persistent-absence', 'severe-absence', 'suspension-rate', 'permanent-exclusion-rate'].map(
        (value) => ({ ok: true, value }),
      ),
    );
  });

  it('lists them when the measure is not one', () => {
    expect(parseMeasure('attendance')).toEqual({
      ok: false,
      message:
        'enter the measure as one of overall-absence, persistent-absence, severe-absence, suspension-rate or permanent-exclusion-rate',
    });
  });
});

describe('reading a comparators file', () => {
  it('reads every figure, with the source column or the file’s name as its source (RBKC Early Help Family Support: England primary 2017/18)', () => {
    const result = read(
      csv('England,2017/18,Primary,overall-absence,3.9', ' Inner  London ,2016/17,secondary,Suspension rate,8.27'),
    );
    expect(result.ok && result.rows).toEqual([
      {
        area: 'England',
        academicYear: '2017/18',
        phase: 'Primary',
        measure: 'overall-absence',
        value: 3.9,
        source: 'Imported from test.csv',
      },
      {
        area: 'Inner London',
        academicYear: '2016/17',
        phase: 'Secondary',
        measure: 'suspension-rate',
        value: 8.27,
        source: 'Imported from test.csv',
      },
    ]);
    const sourced = read(
      'Measure,Value,Area,Phase,Academic year,Source\r\npersistent-absence,17.9,England,All,2023/24,DfE pupil absence 2023/24\r\n',
    );
    expect(sourced.ok && sourced.rows[0]).toMatchObject({
      academicYear: '2023/24',
      phase: 'All',
      source: 'DfE pupil absence 2023/24',
    });
  });

  it('needs the header row with every column', () => {
    expect(problems('England,2017/18,Primary,overall-absence,3.9')).toEqual([
      'Row 1: the first row must name the columns: area, academic_year, phase, measure, value, source',
    ]);
    expect(problems('area,academic_year,phase,value\r\nEngland,2017/18,Primary,3.9')).toEqual([
      'Row 1: the file must have a column named measure',
    ]);
    expect(problems(HEADER)).toEqual(['The file has no rows after the column names']);
  });

  it('names the row and column of every problem', () => {
    expect(
      problems(
        csv(
          'England,2017/18,Primary,overall-absence,3.9',
          ',2017/16,Special,attendance,96.1%x',
          'England,2024/25,All,severe-absence,100.5',
        ),
      ),
    ).toEqual([
      'Row 3, area: enter the area, like England',
      'Row 3, academic_year: the years must follow each other, like 2017/18',
      'Row 3, phase: enter the phase as Primary, Secondary or All',
      'Row 3, measure: enter the measure as one of overall-absence, persistent-absence, severe-absence, suspension-rate or permanent-exclusion-rate',
      'Row 3, value: enter the value as a number from 0 to 100, like 3.9',
      'Row 4, value: enter a value from 0 to 100 (a percentage or a rate per 100 pupils)',
    ]);
  });

  it('refuses a figure given twice, naming the earlier row (capitals and spaces in the area aside)', () => {
    expect(
      problems(
        csv(
          'England,2017/18,Primary,overall-absence,3.9',
          'England,2017/18,Secondary,overall-absence,5.0',
          'england ,2017/18,Primary,Overall absence,4.2',
        ),
      ),
    ).toEqual(['Row 4, measure: this area, academic year, phase and measure is already in row 2']);
  });

  it('refuses an area or source that is too long', () => {
    const long = 'x'.repeat(101);
    expect(problems(`${HEADER},source\r\n${long},2017/18,Primary,overall-absence,3.9,${'y'.repeat(201)}`)).toEqual([
      'Row 2, area: the area must be 100 characters or fewer',
      'Row 2, source: the source must be 200 characters or fewer',
    ]);
  });
});
