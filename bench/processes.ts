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
  /** Milliseconds from spawn to the first 200 from the readiness path. */
  readyMs: number;
  stop(): Promise<void>;
}

interface StartOptions {
  script: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  pollMs?: number;
  timeoutMs?: number;
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

async function isReady(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
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

/**
 * Spawns `node <script>` with the same Node binary as the benchmark and polls `readyPath`
 * until it answers 200, timing from spawn to that first 200.
 */
export async function startChild({
  script,
  env,
  port,
  readyPath,
  pollMs = 20,
  timeoutMs = 120_000,
}: StartOptions): Promise<RunningChild> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < 20_000) stderr += chunk;
  });
  const stop = () => stopChild(child);

  while (!(await isReady(url + readyPath))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${script} exited (${child.exitCode ?? child.signalCode}) before ${readyPath} answered 200:\n${stderr}`,
      );
    }
    if (performance.now() - started > timeoutMs) {
      await stop();
      throw new Error(`${script} did not answer 200 on ${readyPath} within ${timeoutMs / 1000} s:\n${stderr}`);
    }
    await sleep(pollMs);
  }
  return { url, readyMs: performance.now() - started, stop };
}

/** Stops whatever is still running (used on the way out, including after a failure). */
export async function stopAll(): Promise<void> {
  await Promise.all([...live].map((child) => stopChild(child)));
}
