import { describe, expect, it } from 'vitest';
import { splitRecord } from './csv-stream.ts';

describe('splitting a CSV record into fields (RFC 4180)', () => {
  it('splits plain fields on commas', () => {
    expect(splitRecord('a,b,,d')).toEqual(['a', 'b', '', 'd']);
  });

  it('accepts quoted fields, doubled quotes, commas and line breaks inside quotes (some exporters quote the # code)', () => {
    expect(splitRecord('A123,"#","say ""hi""","x,y","two\nlines"')).toEqual([
      'A123',
      '#',
      'say "hi"',
      'x,y',
      'two\nlines',
    ]);
  });
});
