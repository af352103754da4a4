// The processes the benchmark starts (the service, the cluster launcher, the bare baseline): spawned
// with the benchmark's own Node, timed from spawn, polled until they answer, and always stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Every child still running, so nothing outlives the benchmark even when it fails. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export interface RunningChild {
  url: string;
  script: string;
  /** `performance.now()` when it was spawned. */
  spawnedAt: number;
  /** What it has written to stdout so far. */
  output(): string;
  /** Why it stopped (its exit code or signal and its stderr), or undefined while it runs. */
  exited(): string | undefined;
  stop(): Promise<void>;
}

interface SpawnOptions {
  script: string;
  env: Record<string, string>;
  port: number;
}

/** A port nobody is listening on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Stops a child with SIGTERM, waiting for it to exit (SIGKILL after `graceMs`). */
async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Keeps the first `limit` characters a stream writes. */
function collect(stream: NodeJS.ReadableStream | null, limit = 20_000): () => string {
  let text = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    if (text.length < limit) text += chunk;
  });
  return () => text;
}

/** Spawns `node <script>` with the same Node binary as the benchmark, listening on `port`. */
export function spawnChild({ script, env, port }: SpawnOptions): RunningChild {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const output = collect(child.stdout);
  const stderr = collect(child.stderr);
  return {
    url: `http://127.0.0.1:${port}`,
    script,
    spawnedAt,
    output,
    exited: () =>
      child.exitCode === null && child.signalCode === null
        ? undefined
        : `exited (${child.exitCode ?? child.signalCode}):\n${stderr()}`,
    stop: () => stopChild(child),
  };
}

async function statusOf(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/**
 * Polls `path` every `pollMs` until it answers with a status `accept` takes; gives the status and
 * the milliseconds since the child was spawned. Fails when the child exits or after `timeoutMs`.
 */
export async function pollUntil(
  child: RunningChild,
  path: string,
  accept: (status: number) => boolean = (status) => status === 200,
  { pollMs = 20, timeoutMs = 600_000 } = {},
): Promise<{ status: number; ms: number }> {
  for (;;) {
    const status = await statusOf(child.url + path);
    if (status !== undefined && accept(status)) return { status, ms: performance.now() - child.spawnedAt };
    const exited = child.exited();
    if (exited) throw new Error(`${child.script} ${exited}`);
    if (performance.now() - child.spawnedAt > timeoutMs) {
      await child.stop();
      throw new Error(`${child.script} did not answer on ${path} within ${timeoutMs / 1000} s`);
    }
    await sleep(pollMs);
  }
}

/** Waits until the child's stdout matches `pattern` (or `timeoutMs` passes); gives the match. */
export async function waitForOutput(
  child: RunningChild,
  pattern: RegExp,
  timeoutMs = 5000,
): Promise<RegExpExecArray | undefined> {
  const until = performance.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(child.output());
    if (match || performance.now() > until || child.exited()) return match ?? undefined;
    await sleep(20);
  }
}

/** Stops whatever is still running (used on the way out, including after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}
