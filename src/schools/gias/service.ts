// GIAS imports started from the admin page. The uploaded file waits in the uploads folder while it
// is read; the import runs in the background and writes its progress (bytes and rows read) to its
// row in gias_imports, so any process of the service can show it. A refused file's problems and a
// finished import's counts are kept on the row; the file is removed either way.
import { rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import {
  aGiasImportIsRunning,
  councilLaCode,
  failGiasImportsStartedBefore,
  findGiasImport,
  importGiasFile,
  insertGiasImport,
  recentGiasImports,
  registerSchools,
  updateGiasImport,
  updateRunningGiasImport,
} from './repository.ts';

/** A national file imports in seconds: an import running for longer than this was cut short. */
const STALE_MINUTES = 30;

export interface UploadedGiasFile {
  path: string;
  originalname: string;
}

export function giasImports(
  db: Db,
  { clock, logger, uploadsFolder }: { clock: Clock; logger?: Logger; uploadsFolder: string },
) {
  async function run(id: number, actor: Actor, file: UploadedGiasFile, laCode: number): Promise<void> {
    let busy: Promise<unknown> | undefined;
    try {
      const outcome = await importGiasFile(db, actor, {
        path: file.path,
        laCode,
        clock,
        source: `admin page: ${basename(file.originalname)}`,
        onProgress: ({ bytesDone, rowsDone }) => {
          if (busy) return; // one progress write at a time; the next brings it up to date
          busy = updateRunningGiasImport(db, id, { bytes_done: bytesDone, rows_done: rowsDone }).finally(
            () => (busy = undefined),
          );
        },
      });
      await busy;
      if (outcome.ok) {
        await updateGiasImport(db, id, {
          status: 'imported',
          finished_at: clock.now(),
          counts: JSON.stringify(outcome.counts),
          rows_done: outcome.counts.rows,
        });
      } else {
        await db.transaction().execute(async (trx) => {
          await updateGiasImport(trx, id, {
            status: 'refused',
            finished_at: clock.now(),
            problems: JSON.stringify(outcome.problems),
            counts: JSON.stringify({ problemCount: outcome.problemCount }),
          });
          await audit(trx, actor, {
            action: 'refuse import',
            recordType: 'gias-schools',
            recordId: laCode,
            details: { importId: id, problems: outcome.problemCount },
          });
        });
      }
    } catch (error) {
      await busy?.catch(() => undefined);
      logger?.error({ err: { message: (error as Error).message }, importId: id }, 'GIAS import failed');
      await updateGiasImport(db, id, { status: 'failed', finished_at: clock.now() }).catch(() => undefined);
    } finally {
      await rm(file.path, { force: true });
    }
  }

  return {
    uploadsFolder,

    /** The authority's DfE code from the council's settings, when an administrator has set it. */
    async councilLaCode(): Promise<number | undefined> {
      return councilLaCode(db);
    },

    /**
     * Why an import cannot start now (another is running), or undefined. An import still
     * 'running' after STALE_MINUTES was cut short (its process stopped): it is marked failed.
     */
    async whyMustWait(): Promise<string | undefined> {
      await failGiasImportsStartedBefore(db, new Date(clock.now().getTime() - STALE_MINUTES * 60_000), clock.now());
      return (await aGiasImportIsRunning(db))
        ? 'Another import of schools is running. Wait for it to finish, then import the file again'
        : undefined;
    },

    /** Starts importing an uploaded file and returns its id at once; `done` settles when it has finished. */
    async start(
      actor: Actor,
      userId: number,
      file: UploadedGiasFile,
      laCode: number,
    ): Promise<{ id: number; done: Promise<void> }> {
      const { size } = await stat(file.path);
      const { id } = await db.transaction().execute(async (trx) => {
        const row = await insertGiasImport(trx, {
          file_name: file.originalname.slice(0, 200),
          la_code: laCode,
          uploaded_by: userId,
          started_at: clock.now(),
          bytes_total: size,
        });
        await audit(trx, actor, {
          action: 'start import',
          recordType: 'gias-schools',
          recordId: laCode,
          details: { importId: row.id },
        });
        return row;
      });
      return { id, done: run(id, actor, file, laCode) };
    },

    find(id: number) {
      return findGiasImport(db, id);
    },

    recent(limit = 5) {
      return recentGiasImports(db, limit);
    },

    /** The schools of an authority (or all), open first, with their status. */
    schools(laCode?: number) {
      return registerSchools(db, laCode);
    },
  };
}

export type GiasImports = ReturnType<typeof giasImports>;
