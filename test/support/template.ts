import { readFileSync, writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.ts';

/**
 * The tables that hold the demo's year of attendance marks. A slim template empties them: most
 * test files never read a mark, and the marks are most of the database's size. The pupil roll and
 * the attendance records (suspensions, reduced timetables) stay, as other areas read them.
 */
export const MARKS_TABLES = ['attendance_marks', 'attendance_school_weeks'] as const;

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
