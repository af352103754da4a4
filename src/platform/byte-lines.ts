// Splits a large file arriving as byte chunks into records without decoding it to text first:
// each record is handed over as a range of a buffer with the line it starts on, so a reader can
// look at the bytes of a plain line directly and decode only the unusual ones. A byte-order mark
// at the start, '\r\n' line ends, a missing final newline and quoted fields holding line breaks
// are all handled; blank lines are skipped (but counted).

const NL = 10;
const CR = 13;
const QUOTE = 34;

export type OnLine = (buf: Buffer, start: number, end: number, line: number) => void;

function quotesIn(buf: Buffer, from: number, to: number): number {
  let count = 0;
  for (let i = buf.indexOf(QUOTE, from); i !== -1 && i < to; i = buf.indexOf(QUOTE, i + 1)) count++;
  return count;
}

export class ByteLineSplitter {
  private rest: Buffer | undefined;
  private line = 0;
  private started = false;
  private readonly onLine: OnLine;

  constructor(onLine: OnLine) {
    this.onLine = onLine;
  }

  /** Lines read so far. */
  get lines(): number {
    return this.line;
  }

  push(chunk: Buffer): void {
    let buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = undefined;
    if (!this.started) {
      if (buf.length < 3) {
        this.rest = buf;
        return;
      }
      this.started = true;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let pos = 0;
    let nextQuote = buf.indexOf(QUOTE);
    const length = buf.length;
    for (;;) {
      // A plain loop finds the end of a short line faster than a native call for every line.
      let end = pos;
      while (end < length && buf[end] !== NL) end++;
      if (end === length) break;
      let breaks = 1;
      if (nextQuote !== -1 && nextQuote < end) {
        // A quoted field may hold line breaks: the record ends where its quotes are balanced.
        let quotes = quotesIn(buf, pos, end);
        while (quotes % 2 === 1 && end !== -1) {
          const next = buf.indexOf(NL, end + 1);
          if (next !== -1) quotes += quotesIn(buf, end + 1, next);
          end = next;
          breaks++;
        }
        if (end === -1) break; // the record continues in the next chunk
        nextQuote = buf.indexOf(QUOTE, end + 1);
      }
      this.emit(buf, pos, end, breaks);
      pos = end + 1;
    }
    if (pos < buf.length) this.rest = Buffer.from(buf.subarray(pos));
  }

  /** Hands over the last record if the file did not end with a newline. */
  end(): void {
    if (!this.started && this.rest) {
      this.started = true;
      const bom = this.rest.length >= 3 && this.rest[0] === 0xef && this.rest[1] === 0xbb && this.rest[2] === 0xbf;
      if (bom) this.rest = this.rest.subarray(3);
    }
    if (this.rest && this.rest.length > 0) this.emit(this.rest, 0, this.rest.length, 1);
    this.rest = undefined;
  }

  private emit(buf: Buffer, start: number, end: number, breaks: number): void {
    const first = this.line + 1;
    this.line += breaks;
    const stop = end > start && buf[end - 1] === CR ? end - 1 : end;
    for (let i = start; i < stop; i++) {
      const byte = buf[i]!;
      if (byte !== 32 && byte !== 9 && byte !== CR) return this.onLine(buf, start, stop, first);
    }
  }
}
