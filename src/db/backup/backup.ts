import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import { connect } from '../connection.ts';
import { DataDirInUseError } from '../data-dir-lock.ts';
import { migrationState } from '../migration-state.ts';
import { inclusionHubVersion, pgliteVersion, writeBackupFile, type BackupManifest } from './backup-file.ts';
import { ensureControlDir, requestDump, serverVersion, type DumpTaken } from './control.ts';

export class BackupProblem extends Error {}

/** A data directory PGlite has made holds PG_VERSION. */
export const holdsDatabase = (dataDir: string) => existsSync(join(dataDir, 'PG_VERSION'));

/** Opens the stopped database itself (taking the data directory's lock) and dumps it. */
async function dumpStopped(dataDir: string, dumpPath: string, clock: Clock): Promise<DumpTaken> {
  const connection = await connect({ dataDir });
  try {
    const takenAt = clock.now().toISOString();
    await connection.embedded!.dump(dumpPath);
    return {
      takenAt,
      postgres: await serverVersion(connection.db),
      lastMigration: (await migrationState(connection.db)).last,
    };
  } finally {
    await connection.close();
  }
}

/**
 * Takes a consistent, compressed backup of the embedded database in `dataDir` to `out`, from the
 * running service if there is one (through the control folder), or by opening it when stopped.
 */
export async function takeBackup(
  dataDir: string,
  out: string,
  clock: Clock,
): Promise<{ manifest: BackupManifest; fromRunningService: boolean }> {
  if (!holdsDatabase(dataDir))
    throw new BackupProblem(`There is no database in ${dataDir} (set DATA_DIR to the service's data directory).`);
  if (existsSync(out)) throw new BackupProblem(`${out} already exists: choose a new file name.`);
  if (!existsSync(dirname(out))) throw new BackupProblem(`The folder ${dirname(out)} does not exist.`);
  const control = ensureControlDir(dataDir);
  const ownDump = join(control, `stopped-${process.pid}.dump`);
  try {
    let taken: { dumpPath: string; about: DumpTaken; cleanUp(): Promise<void> };
    let fromRunningService = false;
    try {
      taken = { dumpPath: ownDump, about: await dumpStopped(dataDir, ownDump, clock), cleanUp: async () => {} };
    } catch (error) {
      if (!(error instanceof DataDirInUseError)) throw error;
      taken = await requestDump(dataDir);
      fromRunningService = true;
    }
    try {
      const manifest = await writeBackupFile(taken.dumpPath, out, {
        inclusionHub: inclusionHubVersion(),
        pglite: pgliteVersion(),
        ...taken.about,
      });
      return { manifest, fromRunningService };
    } finally {
      await taken.cleanUp();
    }
  } finally {
    await rm(ownDump, { force: true });
  }
}
