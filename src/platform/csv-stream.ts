// A streaming CSV record splitter for large files (RFC 4180): text arrives in chunks of any size;
// each record is handed over with the line it starts on. Quoted fields may hold commas, doubled
// quotes and line breaks; a byte-order mark at the start, '\r\n' line ends and a final newline are
// all accepted; blank lines are skipped (but counted). Lines without a quote take a fast path.

export type OnRecord = (fields: string[], line: number) => void;

/** Splits one complete record's text into fields. */
export function splitRecord(text: string): string[] {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/** Whether a record's text so far has an open quote (so its line break is inside a field). */
function openQuote(text: string): boolean {
  let count = 0;
  for (let i = text.indexOf('"'); i !== -1; i = text.indexOf('"', i + 1)) count++;
  return count % 2 === 1;
}

export class CsvRecordSplitter {
  private rest = '';
  private line = 0;
  private started = false;
  private readonly onRecord: OnRecord;

  constructor(onRecord: OnRecord) {
    this.onRecord = onRecord;
  }

  /** Lines read so far. */
  get lines(): number {
    return this.line;
  }

  push(chunk: string): void {
    let data = this.rest + chunk;
    if (!this.started && data.length > 0) {
      this.started = true;
      if (data.charCodeAt(0) === 0xfeff) data = data.slice(1);
    }
    let pos = 0;
    for (;;) {
      let newline = data.indexOf('\n', pos);
      if (newline === -1) break;
      let text = data.slice(pos, newline);
      let breaks = 1;
      if (text.includes('"')) {
        while (openQuote(text)) {
          newline = data.indexOf('\n', newline + 1);
          if (newline === -1) break;
          text = data.slice(pos, newline);
          breaks++;
        }
        if (newline === -1) break; // the record continues in the next chunk
      }
      this.emit(text, breaks);
      pos = newline + 1;
    }
    this.rest = data.slice(pos);
  }

  /** Hands over the last record if the file did not end with a newline. */
  end(): void {
    if (this.rest.length > 0) this.emit(this.rest, 1);
    this.rest = '';
  }

  private emit(text: string, breaks: number): void {
    const start = this.line + 1;
    this.line += breaks;
    const record = text.endsWith('\r') ? text.slice(0, -1) : text;
    if (record.trim() === '') return;
    this.onRecord(splitRecord(record), start);
  }
}
