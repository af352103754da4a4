import { describe, expect, it } from 'vitest';
import { ByteLineSplitter } from './byte-lines.ts';

/** Feeds `text` in chunks of `size` bytes and returns each record's text with its line. */
function lines(text: string, size?: number): [number, string][] {
  const out: [number, string][] = [];
  const splitter = new ByteLineSplitter((buf, start, end, line) => out.push([line, buf.toString('utf8', start, end)]));
  const bytes = Buffer.from(text, 'utf8');
  const step = size ?? bytes.length;
  for (let i = 0; i < bytes.length; i += step) splitter.push(bytes.subarray(i, i + step));
  splitter.end();
  return out;
}

describe('reading a large file a byte chunk at a time', () => {
  it('hands over each line with its number, without the line end, skipping blank lines', () => {
    expect(lines('a,b\r\n1,2\n\n  \n3,4')).toEqual([
      [1, 'a,b'],
      [2, '1,2'],
      [5, '3,4'],
    ]);
  });

  it('drops a byte-order mark, even when the first chunk holds only part of it', () => {
    expect(lines('\ufeffupn,code\nA,/\n', 1)).toEqual([
      [1, 'upn,code'],
      [2, 'A,/'],
    ]);
  });

  it('keeps a quoted field’s line break inside its record, whatever the chunk size', () => {
    const text = 'h\n1,"two\nlines",x\n"#",3\n';
    const whole = lines(text);
    expect(whole).toEqual([
      [1, 'h'],
      [2, '1,"two\nlines",x'],
      [4, '"#",3'],
    ]);
    for (const size of [1, 2, 3, 5, 8]) expect(lines(text, size), `chunks of ${size}`).toEqual(whole);
  });

  it('keeps names in any alphabet whole across chunk boundaries', () => {
    expect(lines('Zoë,Łukasz,Ōta\n', 3)).toEqual([[1, 'Zoë,Łukasz,Ōta']]);
  });
});
