import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock.ts';

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

export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<EmbeddedPostgres> {
  const unlock = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
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
        await unlock();
      },
    };
  } catch (error) {
    await worker.terminate();
    await unlock();
    throw error;
  }
}
