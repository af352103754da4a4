import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import { systemClock } from '../../src/platform/clock.ts';
import { TEST_PASSWORD } from './constants.ts';

/**
 * The tables that hold the demo's year of attendance marks and the totals worked out from them. A slim template empties them: most
 * test files never read a mark, and the marks are most of the database's size. The pupil roll and
 * the attendance records (suspensions, reduced timetables) stay, as other areas read them.
 */
export const MARKS_TABLES = ['attendance_marks', 'attendance_school_weeks', 'attendance_group_totals'] as const;

/** Empties the marks tables (see MARKS_TABLES). */
export async function dropMarks(db: Db): Promise<void> {
  await sql`truncate ${sql.join(MARKS_TABLES.map((table) => sql.table(table)))}`.execute(db);
}

/**
 * Writes everything to the data files, so that the database starts again without replaying its
 * write-ahead log; returns the log segments it then needs (the checkpoint's and the current one).
 */
export async function checkpoint(db: Db): Promise<Set<string>> {
  await sql`checkpoint`.execute(db);
  const { rows } = await sql<{ redo: string; current: string }>`
    select redo_wal_file as redo, pg_walfile_name(pg_current_wal_insert_lsn()) as current
    from pg_control_checkpoint()`.execute(db);
  const segments = new Set<string>();
  for (let segment = rows[0].redo; segment <= rows[0].current; segment = nextSegment(segment)) segments.add(segment);
  return segments;
}

/** The name of the write-ahead log segment after `segment` (timeline, log and segment, in hex). */
function nextSegment(segment: string): string {
  const timeline = segment.slice(0, 8);
  const position = BigInt(`0x${segment.slice(8, 16)}`) * 0x100000000n + BigInt(`0x${segment.slice(16)}`) + 1n;
  const hex = (n: bigint) => n.toString(16).toUpperCase().padStart(8, '0');
  return timeline + hex(position / 0x100000000n) + hex(position % 0x100000000n);
}

const BLOCK = 512;
const WAL_SEGMENT = /(^|\/)pg_wal\/([0-9A-F]{24})$/;

/**
 * Rewrites a data-directory dump (a tar) without the write-ahead log segments a checkpointed
 * database does not need: those before its checkpoint and the empty ones kept for reuse, 16 MB
 * each. The database creates new segments when it needs them.
 */
export function dropUnneededWal(path: string, keep: Set<string>): void {
  const tar = readFileSync(path);
  const kept: Buffer[] = [];
  for (let at = 0; at + BLOCK <= tar.length;) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('latin1')
        .replace(/\0[\s\S]*$/, '');
    const prefix = field(257, 5) === 'ustar' ? field(345, 155) : '';
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const end = at + BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    const segment = WAL_SEGMENT.exec(name)?.[2];
    if (!segment || keep.has(segment)) kept.push(tar.subarray(at, end));
    at = end;
  }
  kept.push(Buffer.alloc(2 * BLOCK));
  writeFileSync(path, Buffer.concat(kept));
}

const SOURCE = new URL('../../src/', import.meta.url).pathname;
const CACHE = join(tmpdir(), 'inclusion-hub-test-templates');
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * What the templates are built from: the service's code (every file but the tests, the demo and
 * the migrations among them), the demo password, the Node version and the day, since the demo's
 * dates are around the real today.
 */
function templateKey(): string {
  const hash = createHash('sha256');
  hash.update(`${process.version}\n${TEST_PASSWORD}\n${systemClock.today()}\n`);
  const files = readdirSync(SOURCE, { recursive: true, encoding: 'utf8' })
    .filter((file) => !file.endsWith('.test.ts'))
    .sort();
  for (const file of files) {
    const path = join(SOURCE, file);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      continue; // a folder
    }
    hash.update(`${relative(SOURCE, path)}\n`).update(bytes);
  }
  return hash.digest('hex').slice(0, 24);
}

const cachePaths = (key: string) => ({
  path: join(CACHE, `${key}.tar`),
  slimPath: join(CACHE, `${key}-slim.tar`),
});

/**
 * Templates built earlier today from the same code, kept in the system's temporary folder, so that
 * a run after a change to the tests only does not build the demo again; undefined when there are none.
 */
export function cachedTemplates(): { path: string; slimPath: string } | undefined {
  const paths = cachePaths(templateKey());
  return existsSync(paths.path) && existsSync(paths.slimPath) ? paths : undefined;
}

/**
 * Keeps a copy of the templates for later runs (see cachedTemplates), in place of those older
 * than a day; a run that cannot keep them just goes on.
 */
export function keepTemplates(path: string, slimPath: string): void {
  try {
    const target = cachePaths(templateKey());
    mkdirSync(CACHE, { recursive: true });
    for (const file of readdirSync(CACHE)) {
      const old = join(CACHE, file);
      if (systemClock.now().getTime() - statSync(old).mtimeMs > DAY_MS) rmSync(old, { force: true });
    }
    for (const [from, to] of [
      [slimPath, target.slimPath],
      [path, target.path],
    ]) {
      const partial = `${to}.${process.pid}.partial`;
      copyFileSync(from, partial);
      renameSync(partial, to);
    }
  } catch {
    // The cache is only a saving.
  }
}
