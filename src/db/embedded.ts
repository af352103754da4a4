import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lockDataDir } from './data-dir-lock.ts';
import { EmbeddedStream } from './embedded-stream.ts';
import type { FromWorker, ToWorker } from './embedded-messages.ts';

export interface EmbeddedPostgres {
  /** A new connection for the `pg` driver (its `stream` option): no socket, nothing to dial. */
  stream(): EmbeddedStream;
  dump(path: string): Promise<void>;
  stop(): Promise<void>;
  /** Ends the database thread as a crash would (for fault drills): it starts again by itself. */
  crash(): Promise<void>;
  /** Who is told when the database thread stops unexpectedly and when it is back, from now on. */
  onEvent(listener: EventListener): void;
}

type EventListener = (event: 'stopped' | 'restarted' | 'restart failed', detail?: string) => void;

interface StartOptions {
  /** Directory that keeps the database between runs; omit for an in-memory database. */
  dataDir?: string;
  /** A dump made by `dump()` to start from (used by the tests' template database). */
  loadFrom?: string;
  /** Told when the database thread stops unexpectedly and when it is back. */
  onEvent?: EventListener;
}

function waitFor(worker: Worker, type: FromWorker['type']): Promise<FromWorker> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromWorker) => {
      if (message.type === type || message.type === 'error') {
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        if (message.type === 'error') reject(new Error(message.message));
        else resolve(message);
      }
    };
    const onExit = (code: number) => {
      worker.off('message', onMessage);
      reject(new Error(`The embedded database stopped (exit code ${code})`));
    };
    worker.on('message', onMessage);
    worker.once('exit', onExit);
  });
}

/**
 * PostgreSQL's WebAssembly, compiled once a process and shared by every database thread it starts:
 * a thread then starts without compiling it again, and the compiled code is not thrown away and
 * made again each time a thread stops and another starts (as the tests do, a database a file).
 */
let compiledPostgres: Promise<WebAssembly.Module> | undefined;
function compiledPostgresModule(): Promise<WebAssembly.Module> {
  // The package's own folder, found as Node finds it (vitest's module runner has no import.meta.resolve).
  const wasm = join(dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite')), 'pglite.wasm');
  compiledPostgres ??= readFile(wasm).then((bytes) => WebAssembly.compile(bytes));
  return compiledPostgres;
}

const RESTART_DELAYS_MS = [100, 500, 1000, 2000, 5000];

/**
 * Runs PGlite in a worker thread and carries each `pg` connection to it over the thread's message
 * port. If the thread dies, open connections fail (the pool makes new ones), and a thread kept on
 * disk is started again, so the service recovers by itself.
 */
export async function startEmbeddedPostgres(options: StartOptions = {}): Promise<EmbeddedPostgres> {
  const unlock = options.dataDir ? await lockDataDir(options.dataDir) : async () => {};
  const streams = new Map<number, EmbeddedStream>();
  let onEvent = options.onEvent;
  let stopping = false;
  let worker!: Worker; // unset until the compiled module is ready
  let ready: Promise<void>;
  let running = false;

  const launch = async (workerData: { dataDir?: string; loadFrom?: string }) => {
    const pgliteWasmModule = await compiledPostgresModule();
    worker = new Worker(new URL('./embedded-worker.ts', import.meta.url), {
      workerData: { ...workerData, pgliteWasmModule },
    });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'data') streams.get(message.connection)?.receive(message.bytes);
      else if (message.type === 'failed') streams.get(message.connection)?.destroy(new Error(message.message));
    });
    worker.on('error', () => {}); // the exit that follows is what counts
    running = true;
    worker.once('exit', (code) => {
      running = false;
      if (stopping) return;
      const error = Object.assign(new Error(`The embedded database stopped (exit code ${code})`), {
        code: 'EMBEDDED_DATABASE_STOPPED',
      });
      for (const stream of streams.values()) stream.destroy(error);
      streams.clear();
      onEvent?.('stopped', error.message);
      if (options.dataDir) ready = restart(0);
      else ready = Promise.reject(error);
      ready.catch(() => {});
    });
    return waitFor(worker, 'ready').then(() => undefined);
  };

  const restart = async (attempt: number): Promise<void> => {
    await new Promise((resolve) =>
      setTimeout(resolve, RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]),
    );
    if (stopping) throw new Error('The embedded database is stopping');
    try {
      await launch({ dataDir: options.dataDir });
      onEvent?.('restarted');
    } catch (error) {
      onEvent?.('restart failed', (error as Error).message);
      if (stopping) throw error;
      return restart(attempt + 1);
    }
  };

  const send = (message: ToWorker, transfer: ArrayBuffer[] = []) => worker.postMessage(message, transfer);
  const link = {
    ready: () => ready,
    send: (connection: number, bytes: Uint8Array) =>
      send({ type: 'data', connection, bytes }, [bytes.buffer as ArrayBuffer]),
    close: (connection: number) => {
      streams.delete(connection);
      send({ type: 'close', connection });
    },
  };

  ready = launch({ dataDir: options.dataDir, loadFrom: options.loadFrom });
  try {
    await ready;
  } catch (error) {
    stopping = true;
    await (worker as Worker | undefined)?.terminate();
    await unlock();
    throw error;
  }
  return {
    stream() {
      const stream = new EmbeddedStream(link);
      streams.set(stream.connection, stream);
      return stream;
    },
    async dump(path) {
      await ready;
      const done = waitFor(worker, 'dumped');
      send({ type: 'dump', path });
      await done;
    },
    async crash() {
      await worker.terminate();
    },
    onEvent(listener) {
      onEvent = listener;
    },
    async stop() {
      stopping = true;
      // Whatever asks for a connection from now on is told at once that the database has stopped.
      ready = Promise.reject(
        Object.assign(new Error('The embedded database stopped'), { code: 'EMBEDDED_DATABASE_STOPPED' }),
      );
      ready.catch(() => {});
      for (const stream of streams.values()) stream.destroy();
      if (running) {
        const stopped = waitFor(worker, 'stopped').catch(() => undefined);
        send({ type: 'stop' });
        await stopped;
        await worker.terminate();
      }
      await unlock();
    },
  };
}
