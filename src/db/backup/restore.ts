import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Clock } from '../../platform/clock.ts';
import { connect, type Db } from '../connection.ts';
import { DataDirInUseError, lockDataDir } from '../data-dir-lock.ts';
import { migrationState } from '../migration-state.ts';
import { checkBackupFile, extractDump, type BackupManifest } from './backup-file.ts';

export class RestoreProblem extends Error {}

export interface Restored {
  manifest: BackupManifest;
  counts: { children: number; referrals: number; cases: number };
  /** Where the data directory as it was before now is (none when there was no database). */
  keptAside?: string;
}

async function countsIn(db: Db): Promise<Restored['counts']> {
  const count = async (table: 'children' | 'referrals' | 'cases') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { children: await count('children'), referrals: await count('referrals'), cases: await count('cases') };
}

/** Opens the restored copy to check that it works and that this version knows its migrations. */
async function openAndCount(dataDir: string, dumpPath: string): Promise<Restored['counts']> {
  const connection = await connect({ dataDir, loadFrom: dumpPath });
  try {
    const { unknown } = await migrationState(connection.db);
    if (unknown.length)
      throw new RestoreProblem(
        `The backup comes from a newer version of Inclusion Hub (it has run ${unknown.join(', ')}): restore it with that version.`,
      );
    return await countsIn(connection.db);
  } finally {
    await connection.close();
  }
}

/**
 * Restores a backup into the embedded database in `dataDir`, with the service stopped. The file
 * is checked before anything is touched; the backup is restored into a new directory beside the
 * data directory and opened; only then is the old data directory moved aside (kept) and the
 * restored one put in its place. If anything fails the old data stays where it was.
 */
export async function restoreBackup(dataDir: string, file: string, clock: Clock): Promise<Restored> {
  const unlock = await lockDataDir(dataDir).catch((error: unknown) => {
    if (error instanceof DataDirInUseError)
      throw new RestoreProblem(`Inclusion Hub is running on the database in ${dataDir}: stop it before restoring.`);
    throw error;
  });
  try {
    const { manifest, bodyStart } = await checkBackupFile(file);
    const stamp = clock.now().toISOString().replace(/[:.]/g, '-');
    const restoring = `${dataDir}.restoring-${stamp}`;
    const dumpPath = `${restoring}.dump`;
    let counts: Restored['counts'];
    try {
      await extractDump(file, bodyStart, dumpPath);
      counts = await openAndCount(restoring, dumpPath);
    } catch (error) {
      await rm(restoring, { recursive: true, force: true });
      throw error;
    } finally {
      await rm(dumpPath, { force: true });
    }
    const keptAside = existsSync(`${dataDir}/PG_VERSION`) ? `${dataDir}.before-restore-${stamp}` : undefined;
    if (keptAside) await rename(dataDir, keptAside);
    else await rm(dataDir, { recursive: true, force: true });
    try {
      await rename(restoring, dataDir);
    } catch (error) {
      if (keptAside) await rename(keptAside, dataDir);
      throw error;
    }
    return { manifest, counts, keptAside };
  } finally {
    await unlock();
  }
}
