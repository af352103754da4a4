// A backup of the embedded database: one line naming the format, one line of JSON saying what the
// backup is (readable with `head -2`), then PGlite's dump of the data directory, gzip-compressed.
// The SHA-256 in the manifest is of the compressed bytes that follow the two lines.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';

export const BACKUP_FORMAT = 'INCLUSION-HUB-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;
/** The manifest line is never longer than this: anything longer is not one of our backups. */
const MAX_HEADER_BYTES = 16 * 1024;

export interface BackupManifest {
  formatVersion: number;
  /** The Inclusion Hub version that took the backup (package.json). */
  inclusionHub: string;
  /** PGlite's version and the PostgreSQL server version inside it. */
  pglite: string;
  postgres: string;
  /** The last migration the database had run. */
  lastMigration: string | null;
  takenAt: string;
  /** SHA-256 (hex) of the compressed dump that follows the manifest. */
  sha256: string;
}

function packageVersion(url: URL): string {
  return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
}

export const inclusionHubVersion = () => packageVersion(new URL('../../../package.json', import.meta.url));
// The package does not export its package.json: it sits beside the folder of its entry point.
export const pgliteVersion = () =>
  packageVersion(new URL('../package.json', import.meta.resolve('@electric-sql/pglite')));

export class BackupFileProblem extends Error {}

function hashing(hash: ReturnType<typeof createHash>) {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/** Compresses a raw dump into `out` with its manifest; the file appears whole or not at all. */
export async function writeBackupFile(
  dumpPath: string,
  out: string,
  about: Omit<BackupManifest, 'formatVersion' | 'sha256'>,
): Promise<BackupManifest> {
  const body = `${out}.partial-body`;
  const partial = `${out}.partial`;
  try {
    const hash = createHash('sha256');
    await pipeline(createReadStream(dumpPath), createGzip(), hashing(hash), createWriteStream(body, { mode: 0o600 }));
    const manifest: BackupManifest = { formatVersion: BACKUP_FORMAT_VERSION, ...about, sha256: hash.digest('hex') };
    const file = createWriteStream(partial, { mode: 0o600 });
    file.write(`${BACKUP_FORMAT} ${BACKUP_FORMAT_VERSION}\n${JSON.stringify(manifest)}\n`);
    await pipeline(createReadStream(body), file);
    await rename(partial, out);
    return manifest;
  } finally {
    await rm(body, { force: true });
    await rm(partial, { force: true });
  }
}

/** Reads the two header lines; refuses a file that is not an Inclusion Hub backup. */
export async function readManifest(path: string): Promise<{ manifest: BackupManifest; bodyStart: number }> {
  const handle = await open(path, 'r').catch(() => {
    throw new BackupFileProblem(`Cannot read ${path}.`);
  });
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
    const text = buffer.subarray(0, bytesRead).toString('latin1');
    const first = text.indexOf('\n');
    const second = text.indexOf('\n', first + 1);
    const [format, version] = text.slice(0, first).split(' ');
    if (first === -1 || second === -1 || format !== BACKUP_FORMAT)
      throw new BackupFileProblem(`${path} is not an Inclusion Hub backup.`);
    if (Number(version) !== BACKUP_FORMAT_VERSION) {
      throw new BackupFileProblem(
        `${path} is a backup in format ${version}; this version of Inclusion Hub reads format ${BACKUP_FORMAT_VERSION}.`,
      );
    }
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(text.slice(first + 1, second)) as BackupManifest;
    } catch {
      throw new BackupFileProblem(`The description at the start of ${path} is damaged.`);
    }
    return { manifest, bodyStart: second + 1 };
  } finally {
    await handle.close();
  }
}

/**
 * Checks a backup before anything is touched: its format, that PGlite can read it (same
 * PostgreSQL major version), and its checksum. Resolves with its manifest.
 */
export async function checkBackupFile(path: string): Promise<{ manifest: BackupManifest; bodyStart: number }> {
  const read = await readManifest(path);
  // PGlite's data directory changes between its minor versions (0.x): restore with the same one.
  const series = (version: string | undefined) => version?.split('.').slice(0, 2).join('.');
  if (series(read.manifest.pglite) !== series(pgliteVersion())) {
    throw new BackupFileProblem(
      `${path} was taken with PGlite ${read.manifest.pglite} (PostgreSQL ${read.manifest.postgres}) by Inclusion Hub ${read.manifest.inclusionHub}; ` +
        `this version uses PGlite ${pgliteVersion()}. Restore it with Inclusion Hub ${read.manifest.inclusionHub}. Nothing was changed.`,
    );
  }
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { start: read.bodyStart })) hash.update(chunk as Buffer);
  if (hash.digest('hex') !== read.manifest.sha256)
    throw new BackupFileProblem(`${path} is damaged: its checksum does not match. Nothing was changed.`);
  return read;
}

/** Decompresses a checked backup's dump to `dumpPath`. */
export async function extractDump(path: string, bodyStart: number, dumpPath: string): Promise<void> {
  await pipeline(
    createReadStream(path, { start: bodyStart }),
    createGunzip(),
    createWriteStream(dumpPath, { mode: 0o600 }),
  );
}
