// How the backup command asks a running service for a copy of its embedded database. The
// database has no port, and the running service holds the data directory, so the command leaves
// a request in a control folder beside the data directory, which only the service's own user can
// open (see docs/decisions/0005-backups-of-the-embedded-database.md). The request names nothing
// but itself: the service writes the dump into the control folder, never to a path it is given.
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../platform/clock.ts';
import type { Logger } from '../../platform/logger.ts';
import { sql } from 'kysely';
import type { Db } from '../connection.ts';
import type { EmbeddedPostgres } from '../embedded.ts';
import { migrationState } from '../migration-state.ts';

export const controlDirOf = (dataDir: string) => `${dataDir}.control`;
const ID = /^[0-9a-f]{16}$/;
const POLL_MS = 5_000;

/** What the service says about a dump it has taken. */
export interface DumpTaken {
  takenAt: string;
  postgres: string;
  lastMigration: string | null;
}

/**
 * Makes the control folder (mode 0700) and checks that it is a real folder belonging to this
 * user that nobody else may open; refuses otherwise, naming the folder.
 */
export function ensureControlDir(dataDir: string): string {
  const dir = controlDirOf(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = lstatSync(dir);
  const problem = !stat.isDirectory()
    ? 'is not a folder'
    : process.getuid && stat.uid !== process.getuid()
      ? 'belongs to another user'
      : (stat.mode & 0o077) !== 0
        ? 'may be opened by other users (it must be mode 0700)'
        : undefined;
  if (problem) throw new Error(`The backup control folder ${dir} ${problem}.`);
  return dir;
}

export async function serverVersion(db: Db): Promise<string> {
  return (await sql<{ version: string }>`select current_setting('server_version') as version`.execute(db)).rows[0]
    .version;
}

interface ServeOptions {
  dataDir: string;
  db: Db;
  embedded: EmbeddedPostgres;
  clock: Clock;
  logger: Logger;
}

/** The running service's side: watches the control folder and takes each backup asked for. */
export function serveBackupRequests({ dataDir, db, embedded, clock, logger }: ServeOptions): { stop(): Promise<void> } {
  let dir: string;
  try {
    dir = ensureControlDir(dataDir);
  } catch (error) {
    // The service still runs; backups are taken with it stopped until the folder is put right.
    logger.warn({ err: { message: (error as Error).message } }, 'backups cannot be asked of the running service');
    return { stop: async () => {} };
  }
  let working: Promise<void> = Promise.resolve();
  let pending = false;
  let stopped = false;

  async function take(id: string) {
    const taking = join(dir, `${id}.taking`);
    // Claiming by renaming: a request is taken once even if two scans see it.
    if (
      !(await rename(join(dir, `${id}.request`), taking).then(
        () => true,
        () => false,
      ))
    )
      return;
    try {
      const takenAt = clock.now().toISOString();
      await embedded.dump(join(dir, `${id}.dump-partial`));
      await rename(join(dir, `${id}.dump-partial`), join(dir, `${id}.dump`));
      const about: DumpTaken = {
        takenAt,
        postgres: await serverVersion(db),
        lastMigration: (await migrationState(db)).last,
      };
      await writeFile(join(dir, `${id}.done`), JSON.stringify(about), { mode: 0o600 });
      logger.info({ backup: id }, 'backup of the embedded database taken');
    } catch (error) {
      await rm(join(dir, `${id}.dump-partial`), { force: true });
      await writeFile(join(dir, `${id}.failed`), (error as Error).message, { mode: 0o600 });
      logger.error(
        { backup: id, err: { message: (error as Error).message } },
        'backup of the embedded database failed',
      );
    } finally {
      await rm(taking, { force: true });
    }
  }

  async function scan() {
    for (const name of await readdir(dir).catch(() => [])) {
      const id = name.replace(/\.request$/, '');
      if (!stopped && name.endsWith('.request') && ID.test(id)) await take(id);
    }
  }

  function wake() {
    if (pending || stopped) return;
    pending = true;
    working = working.then(() => {
      pending = false;
      return scan();
    });
  }

  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, wake);
    watcher.on('error', () => {}); // the poll below still finds requests
  } catch {
    // Some file systems cannot be watched: the poll alone serves.
  }
  const poll = setInterval(wake, POLL_MS);
  poll.unref();
  wake();
  return {
    async stop() {
      stopped = true;
      watcher?.close();
      clearInterval(poll);
      await working;
    },
  };
}

export class NoAnswer extends Error {}

/**
 * The backup command's side: asks the running service for a dump and waits for it. Resolves
 * with the dump's path and what the service said; `cleanUp` removes the request's files.
 */
export async function requestDump(dataDir: string, { pickUpMs = 15_000, totalMs = 30 * 60_000 } = {}) {
  const dir = ensureControlDir(dataDir);
  const id = randomBytes(8).toString('hex');
  const file = (ending: string) => join(dir, `${id}.${ending}`);
  const cleanUp = () =>
    Promise.all(
      ['request', 'request-partial', 'taking', 'dump', 'dump-partial', 'done', 'failed'].map((ending) =>
        rm(file(ending), { force: true }),
      ),
    ).then(() => undefined);
  await writeFile(file('request-partial'), '', { mode: 0o600 });
  await rename(file('request-partial'), file('request'));
  const started = performance.now();
  const exists = (ending: string) => readdir(dir).then((names) => names.includes(`${id}.${ending}`));
  try {
    for (;;) {
      if (await exists('done')) {
        const about = JSON.parse(await readFile(file('done'), 'utf8')) as DumpTaken;
        return { dumpPath: file('dump'), about, cleanUp };
      }
      if (await exists('failed'))
        throw new Error(`The running service could not take the backup: ${await readFile(file('failed'), 'utf8')}`);
      const waited = performance.now() - started;
      if (waited > pickUpMs && (await exists('request'))) {
        throw new NoAnswer(
          `The running Inclusion Hub did not pick up the backup request within ${pickUpMs / 1000} s (control folder ${dir}). Is it this version of Inclusion Hub?`,
        );
      }
      if (waited > totalMs) throw new NoAnswer(`The backup did not finish within ${totalMs / 60_000} minutes.`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
