// A new embedded database starts from a copy of an empty, migrated one, unpacked from a file,
// rather than running PostgreSQL's initdb and every migration: a few times faster. The file is
// made when the service is installed (`npm ci` runs `postinstall`: src/db/empty-template-cli.ts)
// and named by a hash of PGlite's version and the migrations, so a changed migration or a new
// PGlite makes a new one. Without the file a new database is made as before, from nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Where installed tools keep what they have worked out: removed with node_modules. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'inclusion-hub');

/** The hash of what makes the empty database: PGlite's version and every migration's text. */
export function emptyDatabaseKey(): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(join(ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
  for (const name of readdirSync(MIGRATIONS).sort()) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts')) continue;
    hash.update(name).update(readFileSync(join(MIGRATIONS, name)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The file of the empty, migrated database for this version. */
export function emptyDatabasePath(): string {
  return join(CACHE, `empty-database-${emptyDatabaseKey()}.tar`);
}

/** True when the data directory holds no database yet. */
export function isNewDataDir(dataDir: string): boolean {
  return !existsSync(join(dataDir, 'PG_VERSION'));
}

/** The file to start a new database in `dataDir` from, when there is one for this version. */
export function emptyDatabaseFor(dataDir: string | undefined): string | undefined {
  if (!dataDir || !isNewDataDir(dataDir)) return undefined;
  try {
    const path = emptyDatabasePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined; // no PGlite or no migrations to hash: made from nothing
  }
}

/**
 * Makes the file: an in-memory database, migrated, saved whole. Written beside and renamed, so a
 * half-written file is never used. Returns its path.
 */
export async function makeEmptyDatabase(): Promise<string> {
  const path = emptyDatabasePath();
  if (existsSync(path)) return path;
  const { connect, migrateToLatest } = await import('./connection.ts');
  const connection = await connect({});
  try {
    await migrateToLatest(connection.db);
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.${process.pid}.partial`;
    await connection.embedded!.dump(partial);
    renameSync(partial, path);
  } finally {
    await connection.close();
  }
  // Files for older versions are of no more use.
  for (const name of readdirSync(CACHE))
    if (name.startsWith('empty-database-') && join(CACHE, name) !== path) rmSync(join(CACHE, name), { force: true });
  return path;
}
