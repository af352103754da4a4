// Reads a marks file off the web server's event loop. Posts progress as it goes and, at the end,
// either the problems or every pupil's year of marks in one transferred buffer.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { MarksReader } from './marks-file.ts';
import { SESSIONS_PER_YEAR } from './sessions.ts';

export interface ParseJob {
  path: string;
  knownUrns: number[];
  permittedUrns?: number[];
  today: string;
}

export type ParseMessage =
  | { type: 'total'; lines: number }
  | { type: 'progress'; lines: number }
  | { type: 'refused'; problems: { line: number; column: string; message: string }[]; problemCount: number; lines: number }
  | { type: 'read'; lines: number; rows: number; startYear: number; keys: string[]; marks: ArrayBuffer; ranges: [number, { first: number; last: number }][]; mapped: [string, number][] };

const job = workerData as ParseJob;
const reader = new MarksReader({ knownUrns: new Set(job.knownUrns), permittedUrns: job.permittedUrns && new Set(job.permittedUrns), today: job.today });
const CHUNK = 1 << 20;

/** Counts the file's lines first (a fast pass over the bytes) so progress can say "of how many". */
let total = 0;
let endsWithNewline = true;
for await (const chunk of createReadStream(job.path, { highWaterMark: CHUNK })) {
  const bytes = chunk as Buffer;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) total++;
  if (bytes.length > 0) endsWithNewline = bytes[bytes.length - 1] === 10;
}
parentPort!.postMessage({ type: 'total', lines: total + (endsWithNewline ? 0 : 1) } satisfies ParseMessage);

let lastPost = 0;
for await (const chunk of createReadStream(job.path, { encoding: 'utf8', highWaterMark: CHUNK })) {
  reader.push(chunk as string);
  const now = Date.now();
  if (now - lastPost > 250) {
    parentPort!.postMessage({ type: 'progress', lines: reader.lines } satisfies ParseMessage);
    lastPost = now;
  }
}
reader.end();
const lines = reader.lines;
if (!reader.ok) {
  parentPort!.postMessage({ type: 'refused', problems: reader.problems, problemCount: reader.problemCount, lines } satisfies ParseMessage);
} else {
  const keys = [...reader.pupils.keys()];
  const marks = new Uint8Array(keys.length * SESSIONS_PER_YEAR);
  keys.forEach((key, i) => marks.set(reader.pupils.get(key)!.marks, i * SESSIONS_PER_YEAR));
  const message: ParseMessage = { type: 'read', lines, rows: reader.rows, startYear: reader.startYear!, keys, marks: marks.buffer, ranges: [...reader.ranges], mapped: [...reader.mapped] };
  parentPort!.postMessage(message, [marks.buffer]);
}
