import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, splitRecord } from './csv-stream.ts';

/** Feeds `text` in chunks of `size` characters and returns the records with their lines. */
function records(text: string, size = text.length): [number, string[]][] {
  const out: [number, string[]][] = [];
  const splitter = new CsvRecordSplitter((fields, line) => out.push([line, fields]));
  for (let i = 0; i < text.length; i += size) splitter.push(text.slice(i, i + size));
  splitter.end();
  return out;
}

describe('reading large CSV files a chunk at a time (RFC 4180)', () => {
  it('splits plain records and numbers their lines', () => {
    expect(records('a,b\n1,2\n3,4\n')).toEqual([[1, ['a', 'b']], [2, ['1', '2']], [3, ['3', '4']]]);
  });

  it('accepts quoted fields, doubled quotes and commas inside quotes (some exporters quote the # code)', () => {
    expect(splitRecord('A123,"#","say ""hi""","x,y"')).toEqual(['A123', '#', 'say "hi"', 'x,y']);
  });

  it('accepts a byte-order mark, \\r\\n line ends and no final newline', () => {
    expect(records('\ufeffupn,code\r\nA,"#"\r\nB,/')).toEqual([[1, ['upn', 'code']], [2, ['A', '#']], [3, ['B', '/']]]);
  });

  it('gives the same records whatever the chunk size, even when a chunk ends inside a quoted line break', () => {
    const text = 'h1,h2\n1,"two\nlines"\n3,"4"\r\n\n5,6\n';
    const whole = records(text);
    expect(whole).toEqual([[1, ['h1', 'h2']], [2, ['1', 'two\nlines']], [4, ['3', '4']], [6, ['5', '6']]]);
    for (const size of [1, 2, 3, 5, 7]) expect(records(text, size), `chunks of ${size}`).toEqual(whole);
  });

  it('skips blank lines but keeps counting them', () => {
    expect(records('a\n\n  \nb\n')).toEqual([[1, ['a']], [4, ['b']]]);
  });
});
