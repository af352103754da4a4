import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The name a server listens on while it holds a data directory. On Linux an abstract socket and
 * on Windows a named pipe: both belong to the kernel, which frees them the moment the process
 * ends, however it ends, so no lock is ever left behind. Elsewhere (macOS) a socket file, which
 * outlives a crash and is cleared by `takeOverIfStale`.
 */
function lockAddress(key: string, platform: NodeJS.Platform): string {
  if (platform === 'linux') return `\0inclusion-hub:${key}`;
  if (platform === 'win32') return `\\\\?\\pipe\\inclusion-hub-${key}`;
  return join(tmpdir(), `inclusion-hub-${key.slice(0, 32)}.sock`);
}

function listen(server: Server, address: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** A socket file that refuses connections was left by a server that crashed: remove it. */
function takeOverIfStale(address: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createConnection(address);
    probe.once('connect', () => {
      probe.destroy();
      resolve(false);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNREFUSED') return resolve(false);
      rmSync(address, { force: true });
      resolve(true);
    });
  });
}

/** Another server (or command) has the data directory open. */
export class DataDirInUseError extends Error {
  readonly dataDir: string;
  constructor(dataDir: string) {
    super(`The database in ${dataDir} is in use by another Inclusion Hub. Stop that server first.`);
    this.dataDir = dataDir;
  }
}

/**
 * Makes sure only one server opens a data directory at a time. Resolves with the function that
 * lets it go; refuses with a clear message while another server, in this process or another,
 * holds it. The lock does not keep the process running.
 */
export async function lockDataDir(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true });
  const address = lockAddress(createHash('sha256').update(realpathSync(dataDir)).digest('hex'), platform);
  // Nobody has anything to say to the lock: any connection is closed at once.
  const server = createServer((socket) => socket.destroy());
  try {
    await listen(server, address).catch(async (error: NodeJS.ErrnoException) => {
      const fileSocket = platform !== 'linux' && platform !== 'win32';
      if (error.code === 'EADDRINUSE' && fileSocket && (await takeOverIfStale(address))) return listen(server, address);
      throw error;
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new DataDirInUseError(dataDir);
    }
    throw error;
  }
  server.unref();
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}
