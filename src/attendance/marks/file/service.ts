// Reading a marks file in worker threads: a large file is cut in two at a line break and each half
// is read by its own worker, on its own core, then the halves are put together — problems with
// their lines counted from the top of the file, or every pupil's marks merged (a mark for the same
// session in both halves is a problem, as it would be in one).
import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { pause } from '../../../platform/pause.ts';
import { NO_MARK } from '../../rules.ts';
import type { PupilYear } from './forms.ts';
import type { ParseJob, ParseMessage } from './parse-worker.ts';
import { dateOfIndex, SESSIONS_PER_YEAR } from '../../rules.ts';
import { schoolYearOf } from '../../../platform/school-year.ts';

type Refused = Extract<ParseMessage, { type: 'refused' }>;
type PartRead = Extract<ParseMessage, { type: 'read' }>;
/** Pupils' years of marks as a worker sent them: key i ('urn:upn') owns bytes [i × year, (i + 1) × year); a null key's bytes belong to a pupil found earlier. */
export interface MarksPart {
  keys: (string | null)[];
  marks: ArrayBuffer;
}
type Read = Omit<PartRead, 'keys' | 'marks'> & { parts: MarksPart[] };
export type ReadResult = Refused | Read;

/** Every pupil's year of marks in the parts, as views of the workers' buffers. */
export function* pupilsOf(parts: readonly MarksPart[]): Generator<PupilYear> {
  for (const part of parts) {
    const marks = new Uint8Array(part.marks);
    for (const [i, key] of part.keys.entries()) {
      if (key === null) continue;
      const [urn, upn] = key.split(':') as [string, string];
      yield { urn: Number(urn), upn, marks: marks.subarray(i * SESSIONS_PER_YEAR, (i + 1) * SESSIONS_PER_YEAR) };
    }
  }
}

const whole = ({ keys, marks, ...rest }: PartRead): Read => ({ ...rest, parts: [{ keys, marks }] });

/** Files smaller than this are read by one worker. */
export const SPLIT_FROM_BYTES = 8 * 1024 * 1024;
const NO_MARK_BYTE = NO_MARK.charCodeAt(0);
const MAX_PROBLEMS = 20;
/** Pupils merged between pauses that let the web server answer requests (a file in date order has every pupil in both halves). */
const SLICE = 250;

function bytesAt(path: string, position: number, length: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    return buf.subarray(0, readSync(fd, buf, 0, length, position));
  } finally {
    closeSync(fd);
  }
}

/** Where to cut the file (just after a line break near the middle) and its school year, or undefined to read it whole. */
function plan(path: string, splitFromBytes: number): { cut: number; startYear: number } | undefined {
  const size = statSync(path).size;
  if (size < splitFromBytes) return undefined;
  const firstMark = bytesAt(path, 0, 4096)
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .split('\n')[1]
    ?.split(',')[2]
    ?.replaceAll('"', '')
    .trim();
  if (!firstMark || !/^\d{4}-\d{2}-\d{2}$/.test(firstMark)) return undefined;
  const middle = Math.floor(size / 2);
  const newline = bytesAt(path, middle, 4096).indexOf(10);
  return newline === -1 ? undefined : { cut: middle + newline + 1, startYear: schoolYearOf(firstMark).start };
}

function readPart(job: ParseJob, onProgress: (message: ParseMessage) => void): Promise<Refused | PartRead> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { workerData: job });
    worker.on('message', (message: ParseMessage) => {
      if (message.type === 'refused' || message.type === 'read') resolve(message);
      else onProgress(message);
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`The marks reader stopped with code ${code}`));
    });
  });
}

/**
 * Puts the halves' marks together, or says where a session was marked twice. A pupil in both
 * halves has the second half's marks copied into the first's; the rest stay where the workers
 * put them, so nothing large is copied on the web server's thread.
 */
async function merge(first: PartRead, second: PartRead): Promise<ReadResult> {
  const offset = first.lines;
  const marks = new Uint8Array(first.marks);
  const index = new Map<string, number>();
  for (const [i, key] of first.keys.entries()) {
    if (i % SLICE === 0) await pause();
    index.set(key, i);
  }
  const theirs = new Uint8Array(second.marks);
  const secondKeys: (string | null)[] = [...second.keys];
  for (const [j, key] of second.keys.entries()) {
    if (j % SLICE === 0) await pause();
    const i = index.get(key);
    if (i === undefined) continue;
    secondKeys[j] = null;
    const row = theirs.subarray(j * SESSIONS_PER_YEAR, (j + 1) * SESSIONS_PER_YEAR);
    const mine = marks.subarray(i * SESSIONS_PER_YEAR, (i + 1) * SESSIONS_PER_YEAR);
    for (let s = 0; s < SESSIONS_PER_YEAR; s++) {
      if (row[s] === NO_MARK_BYTE) continue;
      if (mine[s] !== NO_MARK_BYTE) {
        const [urn] = key.split(':');
        const message = `A second mark for a pupil’s ${s % 2 ? 'PM' : 'AM'} session on ${dateOfIndex(s, first.startYear)} at school ${urn}, in the second half of the file`;
        return {
          type: 'refused',
          problems: [{ line: offset + 1, column: 'session', message }],
          problemCount: 1,
          lines: first.lines + second.lines,
        };
      }
      mine[s] = row[s]!;
    }
  }
  const ranges = new Map(first.ranges);
  for (const [urn, range] of second.ranges) {
    const seen = ranges.get(urn);
    ranges.set(urn, seen ? { first: Math.min(seen.first, range.first), last: Math.max(seen.last, range.last) } : range);
  }
  const mapped = new Map(first.mapped);
  for (const [code, count] of second.mapped) mapped.set(code, (mapped.get(code) ?? 0) + count);
  return {
    type: 'read',
    lines: first.lines + second.lines,
    rows: first.rows + second.rows,
    startYear: first.startYear,
    parts: [
      { keys: first.keys, marks: first.marks },
      { keys: secondKeys, marks: second.marks },
    ],
    ranges: [...ranges],
    mapped: [...mapped],
  };
}

/** Reads the file (in two halves when it is large); `onProgress` hears the lines read and the estimated total. */
export async function readMarksFile(
  job: ParseJob,
  onProgress: (read: number, total: number) => void,
  splitFromBytes = SPLIT_FROM_BYTES,
): Promise<ReadResult> {
  const split = plan(job.path, splitFromBytes);
  const parts: ParseJob[] = split
    ? [
        { ...job, end: split.cut, startYear: split.startYear },
        { ...job, start: split.cut, startYear: split.startYear },
      ]
    : [job];
  const read = parts.map(() => 0);
  const totals = parts.map(() => 0);
  const results: (Refused | PartRead)[] = await Promise.all(
    parts.map((part, k) =>
      readPart(part, (message) => {
        if (message.type === 'total') totals[k] = message.lines;
        else if (message.type === 'progress') read[k] = message.lines;
        onProgress(
          read.reduce((a, b) => a + b, 0),
          totals.reduce((a, b) => a + b, 0),
        );
      }),
    ),
  );
  if (results.length === 1) return results[0]!.type === 'read' ? whole(results[0] as PartRead) : results[0]!;
  const [first, second] = results as [Refused | PartRead, Refused | PartRead];
  if (first.type === 'read' && second.type === 'read') return merge(first, second);
  const shifted = (result: Refused | PartRead, offset: number) =>
    result.type === 'refused' ? result.problems.map((problem) => ({ ...problem, line: problem.line + offset })) : [];
  const problems = [...shifted(first, 0), ...shifted(second, first.lines)].slice(0, MAX_PROBLEMS);
  const problemCount =
    (first.type === 'refused' ? first.problemCount : 0) + (second.type === 'refused' ? second.problemCount : 0);
  return { type: 'refused', problems, problemCount, lines: first.lines + second.lines };
}
