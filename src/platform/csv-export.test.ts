import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvText, neutralise } from './csv-export.ts';

describe('the CSV writer (OWASP CSV Injection)', () => {
  it('prefixes a single quote to text that begins with =, +, -, @, a tab or a carriage return', () => {
    for (const bad of ['=1+1', '=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '-1', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralise(bad)).toBe(`'${bad}`);
  });

  it('leaves ordinary text alone, including a dash or an equals sign after the start', () => {
    for (const good of ['Level 2 - targeted', 'A = B', 'Broadford Primary School', '', "O'Neill"])
      expect(neutralise(good)).toBe(good);
  });

  it('writes numbers as numbers, negative ones included, and only neutralises text', () => {
    const text = csvText([
      ['name', 'score'],
      ['=cmd', -3.5],
      ['-3.5', 0],
      [null, 12],
    ]);
    expect(text).toBe("name,score\n'=cmd,-3.5\n'-3.5,0\n,12\n");
  });

  it('quotes cells as CSV needs, so a file reads back with the same cells', () => {
    const rows = [
      ['a, b', 'say "hi"', 'two\nlines'],
      ['=1,2', 'plain', ''],
    ];
    expect(parse(csvText(rows))).toEqual([rows[0], ["'=1,2", 'plain', '']]);
  });

  it('can start with a byte-order mark and end lines with a carriage return, for Excel', () => {
    expect(csvText([['a', 'b']], { byteOrderMark: true, windowsLineEndings: true })).toBe('\uFEFFa,b\r\n');
  });
});
