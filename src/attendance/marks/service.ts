import type { Clock } from '../../platform/clock.ts';
// Session marks imports. The uploaded file is read in worker threads, so the web server keeps
// answering while a large file imports; progress (lines read of the file's lines) is written to
// the import's row for the page to show. A file with any bad row imports nothing and the import
// lists the problems by line and column; a good file's marks are saved in one transaction.
//
// Uploaded files wait in the uploads folder while they are read. Imports are limited in size
// and number (rules.ts); an import that a restart cut short is marked failed at the
// next start and its file removed (`recoverInterrupted`). Several processes may share the
// database: a running import's process records a heartbeat, and only imports whose heartbeat has
// stopped are taken as cut short.
import { mkdirSync } from 'node:fs';
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Logger } from '../../platform/logger.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { readSettings } from '../../platform/settings/service.ts';
import type { SizeLimit } from '../../platform/upload.ts';
import { londonDate } from '../../platform/london-time.ts';
import type { ParseJob } from './file/parse-worker.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';
import { authorityUrns } from '../roll/repository.ts';
import {
  failStoppedImports,
  findImport,
  insertImport,
  lockImportStarts,
  recentImports,
  runningUploaders,
  runningUploadPaths,
  saveMarks,
  updateImport,
  updateRunningImport,
} from './repository.ts';
import { pupilsOf, readMarksFile, type ReadResult } from './file/service.ts';
import { INTERRUPTED_BY_RESTART, marksUploadLimit, whyImportMustWait } from './rules.ts';
import { importsMarksForEverySchool } from '../../platform/policies.ts';

export interface UploadedFile {
  path: string;
  originalname: string;
}

/** The schools a user may send marks for; undefined for every school. */
export function permittedUrnsOf(user: CurrentUser): number[] | undefined {
  return importsMarksForEverySchool(user.roles) ? undefined : user.schoolUrns;
}

/** The user whose imports alone the user may see, or undefined when they may see every import. */
function ownImportsOnly(user: CurrentUser): number | undefined {
  return importsMarksForEverySchool(user.roles) ? undefined : user.id;
}

export interface AttendanceImportOptions {
  logger?: Logger;
  /** The time now: the import's times and the day marks may not be after. */
  clock: Clock;
  /** Where uploaded files wait while they are read: the service's own folder (see `recoverInterrupted`). */
  uploadsFolder: string;
}

/** How often a running import's process says it is still working, and how long a silence means it has stopped. */
export const HEARTBEAT_MS = 30_000;
export const STOPPED_AFTER_MS = 4 * HEARTBEAT_MS;

export type StartOutcome = { ok: true; id: number; done: Promise<void> } | { ok: false; message: string };

export function attendanceImports(db: Db, { logger, clock, uploadsFolder }: AttendanceImportOptions) {
  mkdirSync(uploadsFolder, { recursive: true });

  /** Records how reading the file ended: the problems, or the marks saved. */
  async function handle(id: number, actor: Actor, message: ReadResult): Promise<void> {
    if (message.type === 'refused') {
      await db.transaction().execute(async (trx) => {
        await updateImport(trx, id, {
          status: 'refused',
          finished_at: clock.now(),
          rows_done: Math.max(0, message.lines - 1),
          rows_total: Math.max(0, message.lines - 1),
          problem_count: message.problemCount,
          problems: JSON.stringify(message.problems),
        });
        await audit(trx, actor, {
          action: 'refuse import',
          recordType: 'attendance-import',
          recordId: id,
          details: { problems: message.problemCount },
        });
      });
    } else {
      const ranges = new Map(message.ranges);
      await db.transaction().execute(async (trx) => {
        const { pupils } = await saveMarks(trx, {
          startYear: message.startYear,
          pupils: pupilsOf(message.parts),
          ranges,
        });
        const notes = message.mapped.map(
          ([from, count]) =>
            `${count.toLocaleString('en-GB')} ${count === 1 ? 'mark' : 'marks'} with the old code ${from} recorded as J1`,
        );
        await updateImport(trx, id, {
          status: 'imported',
          finished_at: clock.now(),
          rows_done: message.rows,
          rows_total: Math.max(0, message.lines - 1),
          academic_year: schoolYearStarting(message.startYear).key,
          schools: ranges.size,
          pupils,
          notes: JSON.stringify(notes),
        });
        await audit(trx, actor, {
          action: 'import',
          recordType: 'attendance-import',
          recordId: id,
          details: { marks: message.rows, pupils, schools: [...ranges.keys()] },
        });
      });
    }
  }

  async function run(id: number, actor: Actor, job: ParseJob, keepFile: boolean): Promise<void> {
    let progress = Promise.resolve();
    let busy = false;
    const heartbeat = setInterval(() => {
      updateRunningImport(db, id, { heartbeat_at: clock.now() }).catch(() => undefined);
    }, HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const result = await readMarksFile(job, (read, total) => {
        if (busy) return; // one progress write at a time; the next report brings it up to date
        busy = true;
        progress = updateRunningImport(db, id, {
          rows_total: Math.max(0, Math.max(total, read) - 1),
          rows_done: Math.max(0, read - 1),
        }).finally(() => (busy = false));
      });
      await progress;
      await handle(id, actor, result);
    } catch (error) {
      await progress.catch(() => undefined);
      logger?.error({ err: { message: (error as Error).message }, importId: id }, 'attendance import failed');
      // Without the database the import stays 'running' until the next start marks it failed.
      await updateImport(db, id, { status: 'failed', finished_at: clock.now() }).catch((failure: Error) =>
        logger?.error(
          { err: { message: failure.message }, importId: id },
          'attendance import could not be marked failed',
        ),
      );
    } finally {
      clearInterval(heartbeat);
      if (!keepFile) await rm(job.path, { force: true });
    }
  }

  return {
    uploadsFolder,

    /** The largest marks file the user may upload, from the service settings. */
    async uploadLimit(user: CurrentUser): Promise<SizeLimit> {
      return marksUploadLimit(user.roles, await readSettings(db));
    },

    /** Why the user cannot start an import now (too many are running), or undefined. */
    async whyMustWait(user: CurrentUser): Promise<string | undefined> {
      return whyImportMustWait(await runningUploaders(db), user.id);
    },

    /**
     * Starts importing an uploaded file and returns at once with the import's id; `done` settles
     * when the import has finished (the page does not wait for it; tests and the benchmark may).
     * Refused, with the file removed, when too many imports are running. The uploaded file is
     * removed afterwards unless `keepFile`.
     */
    async start(
      actor: Actor,
      user: CurrentUser,
      file: UploadedFile,
      options: { keepFile?: boolean } = {},
    ): Promise<StartOutcome> {
      const knownUrns = [...(await authorityUrns(db))];
      const started = await db.transaction().execute(async (trx) => {
        // Starts take turns, so two at once cannot both find room for one more.
        await lockImportStarts(trx);
        const message = whyImportMustWait(await runningUploaders(trx), user.id);
        if (message) return { ok: false as const, message };
        const { id } = await insertImport(trx, {
          file_name: file.originalname.slice(0, 200),
          uploaded_by: user.id,
          started_at: clock.now(),
          heartbeat_at: clock.now(),
          upload_path: file.path,
        });
        await audit(trx, actor, { action: 'start import', recordType: 'attendance-import', recordId: id });
        return { ok: true as const, id };
      });
      if (!started.ok) {
        if (!options.keepFile) await rm(file.path, { force: true });
        return started;
      }
      const job: ParseJob = {
        path: file.path,
        knownUrns,
        permittedUrns: permittedUrnsOf(user),
        today: londonDate(clock.now()),
      };
      return { ok: true, id: started.id, done: run(started.id, actor, job, options.keepFile ?? false) };
    },

    /**
     * At start: imports still 'running' whose process has stopped (no heartbeat for a while) were
     * cut short, so they are marked failed with a message saying so, and the files left in the
     * uploads folder are removed: theirs, and uploads cut short. Another process's running import
     * keeps its file, and a file still arriving (changed within that while) is left alone.
     * Returns how many imports were marked.
     */
    async recoverInterrupted(): Promise<number> {
      const now = clock.now();
      const stoppedBefore = new Date(now.getTime() - STOPPED_AFTER_MS);
      const marked = await failStoppedImports(db, stoppedBefore, {
        status: 'failed',
        finished_at: now,
        notes: JSON.stringify([INTERRUPTED_BY_RESTART]),
      });
      const keep = new Set(await runningUploadPaths(db));
      for (const name of await readdir(uploadsFolder)) {
        const path = join(uploadsFolder, name);
        const changed = await stat(path).then(
          (info) => info.mtimeMs,
          () => 0,
        );
        if (!keep.has(path) && changed < stoppedBefore.getTime()) await rm(path, { force: true, recursive: true });
      }
      return marked;
    },

    /** An import the user may see (their own, or any for the attendance officer). */
    async find(user: CurrentUser, id: number) {
      return findImport(db, id, ownImportsOnly(user));
    },

    /** The latest imports the user may see. */
    async recent(user: CurrentUser, limit = 10) {
      return recentImports(db, limit, ownImportsOnly(user));
    },
  };
}

export type AttendanceImports = ReturnType<typeof attendanceImports>;
