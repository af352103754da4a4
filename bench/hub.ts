// The service as the benchmark runs it: on a fresh embedded database or a scratch database on a
// PostgreSQL server, in one process or several behind one port, timed from spawn to the health
// checks answering.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, pollUntil, spawnChild, waitForOutput, type RunningChild } from './processes.ts';
import { scratchDatabase } from './postgres.ts';

export const DATABASES = ['embedded', 'postgres'] as const;
export type DatabaseName = (typeof DATABASES)[number];
export const DATABASE_LABELS: Record<DatabaseName, string> = {
  embedded: 'embedded (PGlite)',
  postgres: 'PostgreSQL server',
};

export const DEMO_PASSWORD = 'bench-demo-password-1';
const SERVER = fileURLToPath(new URL('../src/server.ts', import.meta.url));
const CLUSTER = fileURLToPath(new URL('./cluster.ts', import.meta.url));

/** Where the service keeps its data: a data directory or a database, empty until the first start. */
export interface Store {
  database: DatabaseName;
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** A new, empty store on `database`, or undefined when no PostgreSQL server answers. */
export async function freshStore(database: DatabaseName, options: { scratchDir: string; postgresUrl: string }) {
  if (database === 'embedded') {
    const dataDir = mkdtempSync(join(options.scratchDir, 'pglite-'));
    const store: Store = {
      database,
      env: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
    return store;
  }
  const scratch = await scratchDatabase(options.postgresUrl);
  if (!scratch) return undefined;
  const store: Store = { database, env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
  return store;
}

export interface StartTiming {
  /** Spawn to the first 200 from `/health/live`, when the service has it. */
  liveMs?: number;
  /** Spawn to the first 200 from `/health/ready` (or `/health` when there is no `/health/live`). */
  readyMs: number;
  /** The path `readyMs` was timed to. */
  readyPath: string;
  /** The "started in" figure the service prints, in milliseconds. */
  startedInMs?: number;
}

export interface Hub {
  url: string;
  processes: number;
  start: StartTiming;
  stop(): Promise<void>;
}

/** Times a start: `/health/live`, then readiness (`/health/ready`, or `/health` where there is no `/health/live`). */
async function timeStart(child: RunningChild): Promise<StartTiming> {
  const live = await pollUntil(child, '/health/live', (status) => status === 200 || status === 404);
  const readyPath = live.status === 200 ? '/health/ready' : '/health';
  const ready = await pollUntil(child, readyPath);
  const startedIn = await waitForOutput(child, /started in ([\d.]+) s/);
  return {
    liveMs: live.status === 200 ? live.ms : undefined,
    readyMs: ready.ms,
    readyPath,
    startedInMs: startedIn ? Number(startedIn[1]) * 1000 : undefined,
  };
}

/**
 * Starts the service on `store` (creating the demo borough when the store is empty) and waits until
 * it is ready. With `processes` above 1 the processes share one port through bench/cluster.ts; the
 * store must then already be set up.
 */
export async function startHub(store: Store, processes = 1): Promise<Hub> {
  const env = {
    ...store.env,
    DEMO_PASSWORD,
    LOG_LEVEL: 'silent',
    // One secret for every process, so a session opened on one is good on the others.
    SESSION_SECRET: 'bench-session-secret-of-at-least-32-characters',
    HUB_PROCESSES: String(processes),
  };
  const child = spawnChild({ script: processes > 1 ? CLUSTER : SERVER, env, port: await freePort() });
  try {
    const start = await timeStart(child);
    if (processes > 1 && !(await waitForOutput(child, /all \d+ listening/, 120_000))) {
      throw new Error(`not every one of the ${processes} service processes listens`);
    }
    return { url: child.url, processes, start, stop: () => child.stop() };
  } catch (error) {
    await child.stop();
    throw error;
  }
}
