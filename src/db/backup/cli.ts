// Backups of the embedded database, using the service's own code:
//   npm run --silent backup -- --out FILE     a consistent, compressed copy with a checksum, taken
//                                            from the running service or with it stopped
//   npm run --silent restore -- --file FILE   with the service stopped: checks the file, restores
//                                            it and keeps the old data directory aside
// DATA_DIR names the data directory, as for the service. With DATABASE_URL set the database is a
// PostgreSQL server: `backup` prints the pg_dump command to use, `restore` points to pg_restore.
// Problems exit with status 1 and one line saying what is wrong.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config.ts';
import { clockFromSettings } from '../../platform/clock.ts';
import { BackupFileProblem } from './backup-file.ts';
import { BackupProblem, takeBackup } from './backup.ts';
import { NoAnswer } from './control.ts';
import { RestoreProblem, restoreBackup, type Restored } from './restore.ts';

const USAGE = {
  backup: 'Usage: npm run --silent backup -- --out FILE',
  restore: 'Usage: npm run --silent restore -- --file FILE',
};

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** The parts of DATABASE_URL a pg_dump command needs; never the password. */
function postgresTarget(databaseUrl: string) {
  const url = new URL(databaseUrl);
  const parts = [
    url.hostname && `--host=${url.hostname}`,
    url.port && `--port=${url.port}`,
    url.username && `--username=${decodeURIComponent(url.username)}`,
  ].filter(Boolean);
  return { options: parts.join(' '), database: decodeURIComponent(url.pathname.slice(1)) || 'postgres' };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function restoredText({ manifest, counts, keptAside }: Restored, dataDir: string): string {
  const n = (value: number, one: string, many: string) =>
    `${value.toLocaleString('en-GB')} ${value === 1 ? one : many}`;
  return [
    `Restored the backup taken at ${manifest.takenAt} (UTC) by Inclusion Hub ${manifest.inclusionHub} into ${dataDir}.`,
    `It holds ${n(counts.children, 'child', 'children')}, ${n(counts.referrals, 'referral', 'referrals')} and ${n(counts.cases, 'case', 'cases')}.`,
    keptAside
      ? `The data as it was before is kept in ${keptAside}: remove it once the service runs well on the restored data.`
      : 'There was no database there before.',
  ].join('\n');
}

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  if (command !== 'backup' && command !== 'restore') fail(`${USAGE.backup}\n${USAGE.restore}`);
  const option = command === 'backup' ? 'out' : 'file';
  let value: string | undefined;
  try {
    value = parseArgs({ args: rest, options: { [option]: { type: 'string' } }, strict: true }).values[option] as
      string | undefined;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE[command]}`);
  }
  if (!value) fail(`--${option} is missing.\n${USAGE[command]}`);
  const config = loadConfig();
  const path = resolve(value);

  if (config.databaseUrl) {
    const { options, database } = postgresTarget(config.databaseUrl);
    if (command === 'restore') {
      fail(
        `This service's database is a PostgreSQL server (DATABASE_URL): restore it with PostgreSQL's own pg_restore, with the service stopped, for example:\n` +
          `  pg_restore --clean --if-exists ${options} --dbname=${database} ${path}`,
      );
    }
    console.log(
      `This service's database is a PostgreSQL server (DATABASE_URL): back it up with PostgreSQL's own pg_dump, at any time, for example:\n` +
        `  pg_dump --format=custom ${options} --file=${path} ${database}\n` +
        'pg_dump asks for the password, or reads it from PGPASSWORD or ~/.pgpass.',
    );
    return;
  }

  try {
    if (command === 'backup') {
      const started = performance.now();
      const { manifest, fromRunningService } = await takeBackup(
        config.dataDir,
        path,
        clockFromSettings(config.now, config.nowSince),
      );
      const { size } = statSync(path);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(
        `Backup of ${config.dataDir} written to ${path} (${megabytes(size)} in ${seconds} s; ${fromRunningService ? 'taken by the running service' : 'the service was stopped'}).\n` +
          `Taken at ${manifest.takenAt} (UTC) by Inclusion Hub ${manifest.inclusionHub}, PostgreSQL ${manifest.postgres}; SHA-256 ${manifest.sha256}.`,
      );
    } else {
      console.log(
        restoredText(
          await restoreBackup(config.dataDir, path, clockFromSettings(config.now, config.nowSince)),
          config.dataDir,
        ),
      );
    }
  } catch (error) {
    if (
      error instanceof BackupProblem ||
      error instanceof RestoreProblem ||
      error instanceof BackupFileProblem ||
      error instanceof NoAnswer
    )
      fail(error.message);
    fail(
      `The ${command} failed: ${(error as Error).message}${command === 'restore' ? ' The data directory was not changed.' : ''}`,
    );
  }
}

await main(process.argv.slice(2));
