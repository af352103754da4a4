import { describe, expect, it } from 'vitest';
import { problemLines } from '../../platform/csv-import.ts';
import { makeUpn } from '../../children/rules.ts';
import { kindOf, per100Pupils, reasonOf, suspensionMeasures, REASONS } from './rules.ts';
import { parseSuspensionsCsv } from './forms.ts';

const upn = (serial: number) => makeUpn(311, '4000', 20, serial);
const HEADER = 'upn,urn,start_date,sessions,kind,reason';
const context = { known: new Set([102317, 102322]), scope: { kind: 'all' as const }, today: '2026-11-25' };

describe('suspension measures (DfE, Suspensions and permanent exclusions in England: methodology)', () => {
  it('the suspension rate is suspensions ÷ pupils × 100, counting each suspension, to two decimals', () => {
    const records = [
      { upn: upn(1), kind: 'suspension' as const },
      { upn: upn(1), kind: 'suspension' as const },
      { upn: upn(2), kind: 'suspension' as const },
      { upn: upn(3), kind: 'permanent-exclusion' as const },
    ];
    expect(suspensionMeasures(records, 300)).toEqual({
      pupils: 300,
      suspensions: 3,
      permanentExclusions: 1,
      pupilsSuspended: 2,
      suspensionRate: 1,
      permanentExclusionRate: 0.33,
      oneOrMoreSuspensionRate: 0.67,
    });
  });

  it('the one-or-more rate counts a pupil suspended twice once; a permanent exclusion is not a suspension', () => {
    const measures = suspensionMeasures(
      [
        { upn: upn(1), kind: 'suspension' },
        { upn: upn(1), kind: 'suspension' },
        { upn: upn(1), kind: 'permanent-exclusion' },
      ],
      50,
    );
    expect(measures.pupilsSuspended).toBe(1);
    expect(measures.oneOrMoreSuspensionRate).toBe(2);
    expect(measures.suspensionRate).toBe(4);
  });

  it('a rate can be over 100: more suspensions than pupils', () => {
    expect(per100Pupils(3, 2)).toBe(150);
  });

  it('with no pupils on roll the rates are not known (null), never zero, whether or not there are records', () => {
    expect(per100Pupils(0, 0)).toBeNull();
    expect(suspensionMeasures([], 0)).toMatchObject({
      suspensionRate: null,
      permanentExclusionRate: null,
      oneOrMoreSuspensionRate: null,
    });
    expect(suspensionMeasures([{ upn: upn(1), kind: 'suspension' }], 0)).toMatchObject({
      suspensions: 1,
      suspensionRate: null,
    });
  });

  it('no records against a roll is a rate of 0', () => {
    expect(suspensionMeasures([], 120)).toMatchObject({
      suspensionRate: 0,
      permanentExclusionRate: 0,
      oneOrMoreSuspensionRate: 0,
    });
  });
});

describe('the DfE reason categories (school census codes)', () => {
  it('has the 17 census categories, each code once', () => {
    expect(REASONS).toHaveLength(17);
    expect(new Set(REASONS.map((reason) => reason.code)).size).toBe(17);
  });

  it('reads a reason by its code or its words, any case', () => {
    expect(reasonOf('db')).toBe('DB');
    expect(reasonOf('Persistent disruptive behaviour')).toBe('DB');
    expect(reasonOf('physical assault against an adult')).toBe('PA');
    expect(reasonOf('being late')).toBeUndefined();
  });

  it('reads the kind in the ways schools write it', () => {
    expect(['suspension', 'Fixed period', 'fixed-period exclusion'].map(kindOf)).toEqual([
      'suspension',
      'suspension',
      'suspension',
    ]);
    expect(['permanent exclusion', 'Permanent-Exclusion', 'PE'].map(kindOf)).toEqual([
      'permanent-exclusion',
      'permanent-exclusion',
      'permanent-exclusion',
    ]);
    expect(kindOf('expelled')).toBeUndefined();
  });
});

describe('reading a suspensions file', () => {
  it('reads every row: dates in either spelling, reasons by code or words', () => {
    const result = parseSuspensionsCsv(
      [
        HEADER,
        `${upn(1)},102317,2026-10-01,2,suspension,DB`,
        `${upn(2)},102322,02/10/2026,1,permanent exclusion,Physical assault against a pupil`,
      ].join('\n'),
      context,
    );
    expect(result).toEqual({
      ok: true,
      rows: [
        { upn: upn(1), urn: 102317, startDate: '2026-10-01', sessions: 2, kind: 'suspension', reason: 'DB' },
        { upn: upn(2), urn: 102322, startDate: '2026-10-02', sessions: 1, kind: 'permanent-exclusion', reason: 'PP' },
      ],
    });
  });

  it('names the row and column of every problem and reads nothing', () => {
    const result = parseSuspensionsCsv(
      [
        HEADER,
        `A${upn(1).slice(1, 12)}X,999999,2026-13-01,0,detention,XX`,
        `${upn(1)},102317,2026-12-01,91,suspension,DB`,
        `${upn(2)},102317,2026-10-01,2,suspension,DB`,
        `${upn(2)},102317,2026-10-01,4,suspension,VA`,
      ].join('\n'),
      context,
    );
    if (result.ok) throw new Error('expected the file to be refused');
    expect(problemLines(result.problems)).toEqual([
      'Row 2, upn: enter a real UPN (13 characters with a correct check letter)',
      'Row 2, urn: no school with URN 999999 in this authority',
      'Row 2, start_date: enter a real date, like 2017-03-27',
      'Row 2, sessions: enter a number of sessions from 1 to 90',
      'Row 2, kind: enter suspension or permanent exclusion',
      'Row 2, reason: enter one of the DfE’s reason codes, like DB for persistent disruptive behaviour',
      'Row 3, start_date: the start date must be today or in the past',
      'Row 3, sessions: enter a number of sessions from 1 to 90',
      'Row 5, start_date: the same suspension is already in row 4',
    ]);
  });

  it('refuses a school outside a school user’s own schools', () => {
    const result = parseSuspensionsCsv([HEADER, `${upn(1)},102322,2026-10-01,2,suspension,DB`].join('\n'), {
      ...context,
      scope: { kind: 'schools', urns: [102317] },
    });
    expect(result.ok ? [] : problemLines(result.problems)).toEqual([
      'Row 2, urn: you can only record pupils at your own schools',
    ]);
  });
});
