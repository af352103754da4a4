// Session marks imports. The uploaded file is read in worker threads, so the web server keeps
// answering while a large file imports; progress (lines read of the file's lines) is written to
// the import's row for the page to show. A file with any bad row imports nothing and the import
// lists the problems by line and column; a good file's marks are saved in one transaction.
import { rm } from 'node:fs/promises';
import type { Db } from '../db/connection.ts';
import { audit, type Actor } from '../platform/audit/audit.ts';
import type { Logger } from '../platform/logger.ts';
import type { CurrentUser } from '../platform/roles.ts';
import { londonDate } from '../referrals/london-time.ts';
import type { ParseJob } from './parse-worker.ts';
import { schoolYearLabel } from './sessions.ts';
import { saveMarks } from './store.ts';
import { pupilsOf, readMarksFile, type ReadResult } from './read-parts.ts';

/** Roles that import marks: the attendance officer for any school, a school user for their own. */
export const MARKS_IMPORTERS = ['attendance_officer', 'school_user'] as const;

export interface UploadedFile {
  path: string;
  originalname: string;
}

/** The schools a user may send marks for; undefined for every school. */
export function permittedUrnsOf(user: CurrentUser): number[] | undefined {
  return user.roles.includes('attendance_officer') ? undefined : user.schoolUrns;
}

export function attendanceImports(db: Db, logger?: Logger) {
  /** Records how reading the file ended: the problems, or the marks saved. */
  async function handle(id: number, actor: Actor, message: ReadResult): Promise<void> {
    if (message.type === 'refused') {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('attendance_imports')
          .set({ status: 'refused', finished_at: new Date(), rows_done: Math.max(0, message.lines - 1), rows_total: Math.max(0, message.lines - 1), problem_count: message.problemCount, problems: JSON.stringify(message.problems) })
          .where('id', '=', id)
          .execute();
        await audit(trx, actor, { action: 'refuse import', recordType: 'attendance-import', recordId: id, details: { problems: message.problemCount } });
      });
    } else {
      const ranges = new Map(message.ranges);
      await db.transaction().execute(async (trx) => {
        const { pupils } = await saveMarks(trx, { startYear: message.startYear, pupils: pupilsOf(message.parts), ranges });
        const notes = message.mapped.map(([from, count]) => `${count.toLocaleString('en-GB')} ${count === 1 ? 'mark' : 'marks'} with the old code ${from} recorded as J1`);
        await trx
          .updateTable('attendance_imports')
          .set({ status: 'imported', finished_at: new Date(), rows_done: message.rows, rows_total: Math.max(0, message.lines - 1), academic_year: schoolYearLabel(message.startYear), schools: ranges.size, pupils, notes: JSON.stringify(notes) })
          .where('id', '=', id)
          .execute();
        await audit(trx, actor, { action: 'import', recordType: 'attendance-import', recordId: id, details: { marks: message.rows, pupils, schools: [...ranges.keys()] } });
      });
    }
  }

  async function run(id: number, actor: Actor, job: ParseJob, keepFile: boolean): Promise<void> {
    let progress = Promise.resolve();
    let busy = false;
    try {
      const result = await readMarksFile(job, (read, total) => {
        if (busy) return; // one progress write at a time; the next report brings it up to date
        busy = true;
        progress = db
          .updateTable('attendance_imports')
          .set({ rows_total: Math.max(0, Math.max(total, read) - 1), rows_done: Math.max(0, read - 1) })
          .where('id', '=', id)
          .where('status', '=', 'running')
          .execute()
          .then(() => undefined)
          .finally(() => (busy = false));
      });
      await progress;
      await handle(id, actor, result);
    } catch (error) {
      await progress.catch(() => undefined);
      logger?.error({ err: { message: (error as Error).message }, importId: id }, 'attendance import failed');
      await db.updateTable('attendance_imports').set({ status: 'failed', finished_at: new Date() }).where('id', '=', id).execute();
    } finally {
      if (!keepFile) await rm(job.path, { force: true });
    }
  }

  return {
    /**
     * Starts importing an uploaded file and returns at once with the import's id; `done` settles
     * when the import has finished (the page does not wait for it; tests and the benchmark may).
     * The uploaded file is removed afterwards unless `keepFile`.
     */
    async start(actor: Actor, user: CurrentUser, file: UploadedFile, options: { keepFile?: boolean } = {}): Promise<{ id: number; done: Promise<void> }> {
      const schools = await db.selectFrom('schools').select('urn').execute();
      const { id } = await db.insertInto('attendance_imports').values({ file_name: file.originalname.slice(0, 200), uploaded_by: user.id }).returning('id').executeTakeFirstOrThrow();
      await audit(db, actor, { action: 'start import', recordType: 'attendance-import', recordId: id });
      const job: ParseJob = { path: file.path, knownUrns: schools.map((school) => school.urn), permittedUrns: permittedUrnsOf(user), today: londonDate(new Date()) };
      return { id, done: run(id, actor, job, options.keepFile ?? false) };
    },

    /** An import the user may see (their own, or any for the attendance officer). */
    async find(user: CurrentUser, id: number) {
      let query = db.selectFrom('attendance_imports').selectAll().where('id', '=', id);
      if (!user.roles.includes('attendance_officer')) query = query.where('uploaded_by', '=', user.id);
      return query.executeTakeFirst();
    },

    /** The latest imports the user may see. */
    async recent(user: CurrentUser, limit = 10) {
      let query = db
        .selectFrom('attendance_imports')
        .leftJoin('users', 'users.id', 'attendance_imports.uploaded_by')
        .select(['attendance_imports.id', 'file_name', 'status', 'started_at', 'finished_at', 'rows_total', 'rows_done', 'academic_year', 'schools', 'pupils', 'problem_count', 'users.name as uploaded_by_name'])
        .orderBy('attendance_imports.id', 'desc')
        .limit(limit);
      if (!user.roles.includes('attendance_officer')) query = query.where('uploaded_by', '=', user.id);
      return query.execute();
    },
  };
}

export type AttendanceImports = ReturnType<typeof attendanceImports>;
