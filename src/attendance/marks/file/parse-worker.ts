// Reads a marks file, or one part of it, off the web server's event loop. Posts progress as it
// goes and, at the end, either the problems (with lines counted from the part's start) or every
// pupil's year of marks in one transferred buffer.
import { createReadStream, statSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { MarksReader } from './forms.ts';
import { SESSIONS_PER_YEAR } from '../../rules.ts';

/** How far below the web server's priority the reader runs (Unix niceness, 0 to 19). */
const READER_NICENESS = 5;

export interface ParseJob {
  path: string;
  knownUrns: number[];
  permittedUrns?: number[];
  today: string;
  /** The bytes to read, [start, end): a later part starts at a line and has no header row. */
  start?: number;
  end?: number;
  /** The school year, when already known from the file's first mark (so every part agrees). */
  startYear?: number;
}

export type ParseMessage =
  | { type: 'total'; lines: number }
  | { type: 'progress'; lines: number }
  | {
      type: 'refused';
      problems: { line: number; column: string; message: string }[];
      problemCount: number;
      lines: number;
    }
  | {
      type: 'read';
      lines: number;
      rows: number;
      startYear: number;
      keys: string[];
      marks: ArrayBuffer;
      ranges: [number, { first: number; last: number }][];
      mapped: [string, number][];
    };

// On Linux a thread's priority is its own: the reader runs a little below the web server's
// thread, so when both halves of a large file are read at once on a small machine, requests (and
// the import's own steps on that thread) still get the processor at once; the reader keeps every
// spare moment. Elsewhere the priority would be the whole process's, so it is left alone there.
if (process.platform === 'linux') {
  try {
    setPriority(READER_NICENESS);
  } catch {
    // A system that refuses leaves the reader at the server's priority.
  }
}

const job = workerData as ParseJob;
const reader = new MarksReader({
  knownUrns: new Set(job.knownUrns),
  permittedUrns: job.permittedUrns && new Set(job.permittedUrns),
  today: job.today,
  headerless: (job.start ?? 0) > 0,
  startYear: job.startYear,
});
const CHUNK = 1 << 20;

// How many lines the file has is estimated from its size and the first chunk's lines (counting
// them all first would cost a second read of the file); the import's row says the exact number
// once the file has been read.
const start = job.start ?? 0;
const end = job.end ?? statSync(job.path).size;
const size = end - start;
let lastPost = 0;
let estimated = false;
for await (const chunk of createReadStream(job.path, { highWaterMark: CHUNK, start, end: Math.max(start, end - 1) })) {
  reader.push(chunk as Buffer);
  if (!estimated && reader.lines > 0) {
    estimated = true;
    parentPort!.postMessage({
      type: 'total',
      lines: Math.max(reader.lines, Math.round((reader.lines / (chunk as Buffer).length) * size)),
    } satisfies ParseMessage);
  }
  const now = performance.now();
  if (now - lastPost > 250) {
    parentPort!.postMessage({ type: 'progress', lines: reader.lines } satisfies ParseMessage);
    lastPost = now;
  }
}
reader.end();
const lines = reader.lines;
if (!reader.ok) {
  parentPort!.postMessage({
    type: 'refused',
    problems: reader.problems,
    problemCount: reader.problemCount,
    lines,
  } satisfies ParseMessage);
} else {
  const keys = [...reader.pupils.keys()];
  const marks = new Uint8Array(keys.length * SESSIONS_PER_YEAR);
  keys.forEach((key, i) => marks.set(reader.pupils.get(key)!.marks, i * SESSIONS_PER_YEAR));
  const message: ParseMessage = {
    type: 'read',
    lines,
    rows: reader.rows,
    startYear: reader.startYear!,
    keys,
    marks: marks.buffer,
    ranges: [...reader.ranges],
    mapped: [...reader.mapped],
  };
  parentPort!.postMessage(message, [marks.buffer]);
}
