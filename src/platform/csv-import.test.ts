import { describe, expect, it } from 'vitest';
import { readCsvRecords } from './csv-import.ts';

const problemOf = (text: string) => {
  const read = readCsvRecords(text);
  return read.ok ? undefined : read.problems[0]!.message;
};

describe('a CSV file that cannot be read is refused, saying where and why', () => {
  it('names the line and column of a quote inside an unquoted CSV field', () => {
    expect(problemOf('name,height\r\nKai,4"20\r\n')).toBe(
      'The file is not a readable CSV: line 2, column 2 has a quote mark inside a value that is not in quotes; put the whole value in quotes and double the quote mark, like "4""20"',
    );
  });

  it('names the line and column of text after a closing quote', () => {
    expect(problemOf('name,height\r\n"Kai" x,4\r\n')).toMatch(
      /^The file is not a readable CSV: line 2, column \d+ has text after the closing quote mark/,
    );
  });

  it('names the line of a quoted value that is never closed, and of a line longer than 64 KB', () => {
    expect(problemOf('name,height\r\n"Kai,4\r\n')).toBe(
      'The file is not a readable CSV: a quoted value that starts on or before line 3 of the file is not closed',
    );
    expect(problemOf(`name,height\r\nKai,${'4'.repeat(70_000)}\r\n`)).toBe(
      'The file is not a readable CSV: line 2 is longer than 64 KB',
    );
  });

  it('reads a quote inside a quoted value when it is doubled', () => {
    expect(readCsvRecords('name,height\r\nKai,"4""20"\r\n')).toEqual({
      ok: true,
      records: [
        { row: 1, fields: ['name', 'height'] },
        { row: 2, fields: ['Kai', '4"20'] },
      ],
    });
  });
});
