import { describe, expect, it } from 'vitest';
import { readCsvRecords, type NumberedRecord } from '../../platform/csv-import.ts';
import {
  fileProblemText,
  parsePounds,
  parseUnits,
  readRateRecords,
  readSchoolRecords,
  SCHOOL_COLUMNS,
} from './rules.ts';

const records = (...lines: string[]): NumberedRecord[] => {
  const read = readCsvRecords(lines.join('\r\n'));
  if (!read.ok) throw new Error('not a CSV');
  return read.records;
};
const SCHOOL_HEADER = SCHOOL_COLUMNS.join(',');
const RATE_HEADER = 'service,phase,factor,rate,previous_rate';

describe('rates are read in pounds and kept in whole pence', () => {
  it('reads 11.00, £11.00, 9.5, £1,250.75 and 0 exactly', () => {
    expect(['11.00', '£11.00', ' £ 36.96 ', '9.5', '£1,250.75', '0', '14.08'].map((text) => parsePounds(text))).toEqual(
      [1100, 1100, 3696, 950, 125075, 0, 1408].map((value) => ({ ok: true, value })),
    );
  });

  it('refuses what is not an amount, naming it, and negative amounts', () => {
    expect(parsePounds('abc')).toEqual({
      ok: false,
      message: '‘abc’ is not a rate: enter an amount in pounds, like 11.00 or £11.00',
    });
    expect(parsePounds('11.005')).toMatchObject({ ok: false });
    expect(parsePounds('')).toMatchObject({ ok: false });
    expect(parsePounds('-£2.00')).toEqual({ ok: false, message: 'a rate cannot be negative (-£2.00)' });
  });
});

describe('units are numbers, 0 or more, with up to 4 decimal places', () => {
  it('reads whole and decimal units', () => {
    expect(['17284', '0', '2209.5881', '0.5', '.25', '12.'].map((text) => parseUnits(text))).toEqual(
      [17284, 0, 2209.5881, 0.5, 0.25, 12].map((value) => ({ ok: true, value })),
    );
  });

  it('refuses negative units, blanks, more than 4 decimal places and words', () => {
    expect(parseUnits('-3')).toEqual({ ok: false, message: 'units cannot be negative (-3)' });
    expect(parseUnits('')).toEqual({ ok: false, message: 'enter the number of units (0 if none)' });
    expect(parseUnits('1.23456')).toMatchObject({ ok: false });
    expect(parseUnits('ten')).toMatchObject({ ok: false });
  });
});

describe('the school data set has exactly its columns', () => {
  it('reads each school with its phase and status in any case, and every factor’s units', () => {
    const read = readSchoolRecords(
      records(
        SCHOOL_HEADER,
        '102317,Broadford Primary School,PRIMARY,Maintained,415,30,96,20,2,6,10.25,22.5,30,0,41.6,0',
      ),
    );
    expect(read).toEqual({
      ok: true,
      rows: [
        {
          urn: 102317,
          name: 'Broadford Primary School',
          phase: 'primary',
          status: 'maintained',
          units: {
            nor: 415,
            fsm: 30,
            fsm6: 96,
            eal3: 20,
            idaci_a: 2,
            idaci_b: 6,
            idaci_c: 10.25,
            idaci_d: 22.5,
            idaci_e: 30,
            idaci_f: 0,
            low_attainment: 41.6,
            special_places: 0,
          },
        },
      ],
    });
  });

  it('names a missing column and a column it does not know, at the header', () => {
    const header = SCHOOL_HEADER.replace(',fsm6', '') + ',pupils';
    const read = readSchoolRecords(records(header, '102317,Broadford,Primary,maintained,1,1,1,1,1,1,1,1,1,1,1,1'));
    expect(read.ok ? [] : read.problems).toEqual([
      {
        row: 1,
        column: 'pupils',
        message: expect.stringContaining(
          '‘pupils’ is not a column of the school data set: the columns are urn, name, phase, status, nor,',
        ),
      },
      { row: 1, column: 'fsm6', message: 'the file must have a column named fsm6' },
    ]);
  });

  it('lists every bad value by row and column, and a URN given twice', () => {
    const read = readSchoolRecords(
      records(
        SCHOOL_HEADER,
        '102317,A,Nursery,maintained,1,1,1,1,1,1,1,1,1,1,1,1',
        '102317,B,Primary,free,1,-1,1,1,1,1,1,1,1,1,1,1',
      ),
    );
    expect(read.ok ? [] : read.problems.map(({ row, column }) => `${row} ${column}`)).toEqual([
      '2 phase',
      '3 urn',
      '3 status',
      '3 fsm',
    ]);
  });
});

describe('the rates file: a factor must be one of the school data set’s columns', () => {
  it('reads each rate, the previous rate empty when there was none', () => {
    const read = readRateRecords(
      records(RATE_HEADER, 'behaviour-support,Primary,idaci_e,£14.08,£14.08', 'FSM-checking,primary,fsm,9.50,'),
    );
    expect(read).toEqual({
      ok: true,
      rows: [
        { service: 'behaviour-support', phase: 'primary', factor: 'idaci_e', ratePence: 1408, previousRatePence: 1408 },
        { service: 'fsm-checking', phase: 'primary', factor: 'fsm', ratePence: 950, previousRatePence: null },
      ],
    });
  });

  it('refuses a factor that is not a school column, naming it, and a rate given twice', () => {
    const read = readRateRecords(
      records(
        RATE_HEADER,
        'insurance,primary,pupils,21.00,20.00',
        'insurance,primary,nor,21.00,20.00',
        'insurance,primary,nor,22.00,',
      ),
    );
    expect(read.ok ? [] : read.problems).toEqual([
      {
        row: 2,
        column: 'factor',
        message: expect.stringContaining(
          '‘pupils’ is not a factor: use one of the school data set’s columns nor, fsm,',
        ),
      },
      { row: 4, column: 'factor', message: 'insurance already has a primary rate for nor in row 3' },
    ]);
  });

  it('reads the factors the authority keeps when it is told them', () => {
    const read = readRateRecords(records(RATE_HEADER, 'insurance,primary,split_site,100.00,'), {
      factors: ['nor', 'split_site'],
    });
    expect(read.ok && read.rows[0].factor).toBe('split_site');
  });
});

describe('a problem names the file, line and column', () => {
  it('reads like the command line prints it', () => {
    expect(fileProblemText({ file: 'rates.csv', row: 3, column: 'rate', message: 'x' })).toBe(
      'rates.csv: line 3, column rate: x',
    );
    expect(fileProblemText({ file: 'rates.csv', row: 1, message: 'x' })).toBe('rates.csv: line 1: x');
    expect(fileProblemText({ file: 'rates.csv', message: 'there is no such file' })).toBe(
      'rates.csv: there is no such file',
    );
  });
});
