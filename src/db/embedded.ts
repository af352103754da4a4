import { Worker } from 'node:worker_threads';
import { mkdirSync, openSync, closeSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EmbeddedPostgres {
  connectionString: string;
  dump(path: string): Promise<void>;
  stop(): Promise<void>;
}

interface StartOptions {
  /** Directory that keeps the database between runs; omit for an in-memory database. */
  dataDir?: string;
  /** A dump made by `dump()` to start from (used by the tests' template database). */
  loadFrom?: string;
}

function waitFor(worker: Worker, type: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (message.type === type) {
        worker.off('message', onMessage);
        resolve(message);
      } else if (message.type === 'error') {
        worker.off('message', onMessage);
        reject(new Error(String(message.message)));
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
}

const heldHere = new Set<string>();

/** Makes sure only one server opens a data directory at a time. */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = join(dataDir, '..', `${dataDir.split('/').filter(Boolean).pop()}.lock`);
  try {
    const fd = openSync(lockFile, 'wx');
    writeFileSync(fd, String(process.pid));
    closeSync(fd);
  } catch {
    const pid = Number(readFileSync(lockFile, 'utf8'));
    const inUse = pid === process.pid ? heldHere.has(lockFile) : pid > 0 && isRunning(pid);
    if (inUse) {
      throw new Error(`The database in ${dataDir} is in use by process ${pid}. Stop that server first.`);
    }
    writeFileSync(lockFile, String(process.pid));
  }
  heldHere.add(lockFile);
  return () => {
    heldHere.delete(lockFile);
    try {
      unlinkSync(lockFile);
    } catch {
      /* already gone */
    }
  };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<EmbeddedPostgres> {
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  const worker = new Worker(new URL('./embedded-worker.ts', import.meta.url), { workerData: options });
  try {
    const ready = await waitFor(worker, 'ready');
    return {
      connectionString: `postgres://postgres@127.0.0.1:${ready.port}/postgres?sslmode=disable`,
      async dump(path) {
        worker.postMessage({ type: 'dump', path });
        await waitFor(worker, 'dumped');
      },
      async stop() {
        worker.postMessage({ type: 'stop' });
        await waitFor(worker, 'stopped');
        await worker.terminate();
        unlock();
      },
    };
  } catch (error) {
    await worker.terminate();
    unlock();
    throw error;
  }
}
