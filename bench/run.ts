// `npm run bench` — start-up time and signed-in home page under load, against a bare Express baseline.
// Then the attendance import and measures for a borough year against DuckDB (bench/attendance.ts),
// and the national GIAS schools file imported for one authority (bench/gias.ts).
// Flags: --runs N (cold starts of each kind, default 3), --duration S (seconds of load, default 10),
// --connections N (default 50), --pupils N (attendance, default 30000), --postgres-url URL (a
// server for a scratch database; default DATABASE_URL or the local one), --write (replace
// "Latest results" in docs/benchmarks.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, startChild, stopAll, type RunningChild } from './processes.ts';
import { assertAllOk, load, type LoadResult } from './load.ts';
import { signIn } from './sign-in.ts';
import { attendanceBench, formatAttendance } from './attendance.ts';
import { scratchDatabase } from './postgres.ts';
import { formatGias, giasBench } from './gias.ts';
import { busyWarning, cpuInUse, formatReport, machine, writeLatestResults, type StartTimes } from './report.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const HUB = join(root, 'src', 'server.ts');
const BARE = join(root, 'bench', 'bare-server.ts');
const DOC = join(root, 'docs', 'benchmarks.md');
const EMAIL = 'analyst@demo.inclusion-hub.test';
const PASSWORD = 'bench-demo-password-1';
const WARM_UP_SECONDS = 2;

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run bench -- [--runs N] [--duration SECONDS] [--connections N] [--pupils N] [--postgres-url URL] [--write]`,
  );
  process.exit(2);
}

function positiveInteger(name: string, value: string): number {
  const number = Number(value);
  if (Number.isInteger(number) && number >= 1) return number;
  return usage(`--${name} must be a whole number of at least 1, not "${value}"`);
}

function readFlags() {
  try {
    return parseArgs({
      options: {
        runs: { type: 'string', default: '3' },
        duration: { type: 'string', default: '10' },
        connections: { type: 'string', default: '50' },
        write: { type: 'boolean', default: false },
        pupils: { type: 'string', default: '30000' },
        'postgres-url': {
          type: 'string',
          default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
        },
      },
    }).values;
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
}

const flags = readFlags();
const runs = positiveInteger('runs', flags.runs);
const durationSeconds = positiveInteger('duration', flags.duration);
const connections = positiveInteger('connections', flags.connections);
const pupils = positiveInteger('pupils', flags.pupils);

const scratch = mkdtempSync(join(tmpdir(), 'inclusion-hub-bench-'));
process.on('exit', () => rmSync(scratch, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

async function startHub(dataDir: string): Promise<RunningChild> {
  const env = { DATA_DIR: dataDir, DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'silent', NODE_ENV: 'production' };
  return startChild({ script: HUB, env, port: await freePort(), readyPath: '/health' });
}

/** Times `runs` first starts and restarts; leaves the last restarted server running. */
async function coldStarts(): Promise<{ times: StartTimes; hub: RunningChild }> {
  const times: StartTimes = { first: [], restart: [] };
  let hub: RunningChild | undefined;
  for (let run = 1; run <= runs; run++) {
    const dataDir = join(scratch, `run-${run}`, 'pglite');
    const first = await startHub(dataDir);
    times.first.push(first.readyMs);
    await first.stop();
    const again = await startHub(dataDir);
    times.restart.push(again.readyMs);
    console.log(`  run ${run}: first start ${Math.round(first.readyMs)} ms, restart ${Math.round(again.readyMs)} ms`);
    if (run < runs) await again.stop();
    else hub = again;
  }
  return { times, hub: hub! };
}

async function measure(name: string, url: string, headers: Record<string, string> = {}): Promise<LoadResult> {
  await load(url, { connections, durationSeconds: Math.min(WARM_UP_SECONDS, durationSeconds), headers });
  console.log(`  ${name}: ${connections} connections for ${durationSeconds} s`);
  const result = await load(url, { connections, durationSeconds, headers });
  assertAllOk(name, result);
  return result;
}

async function main() {
  console.log(`Inclusion Hub benchmark\nMachine: ${machine()}\n`);
  const before = await cpuInUse();
  const busy = busyWarning({ before, after: before });
  if (busy) console.log(`${busy.replaceAll('**', '')}\n`);
  console.log(`Cold start to first /health 200 (${runs} run${runs === 1 ? '' : 's'} of each):`);
  const { times, hub } = await coldStarts();

  const session = await signIn(hub.url, EMAIL, PASSWORD);
  const bare = await startChild({
    script: BARE,
    env: { BODY_BYTES: String(session.homeBytes), NODE_ENV: 'production' },
    port: await freePort(),
    readyPath: '/',
  });
  console.log(`\nLoad on GET / (each after a ${WARM_UP_SECONDS} s warm-up):`);
  const hubResult = await measure('Inclusion Hub, signed in as analyst', `${hub.url}/`, { cookie: session.cookie });
  const bareResult = await measure('bare Express 5', `${bare.url}/`);
  await Promise.all([hub.stop(), bare.stop()]);

  console.log(`\nAttendance: import and measures for ${pupils.toLocaleString('en-GB')} pupils against DuckDB:`);
  const server = await scratchDatabase(flags['postgres-url']);
  if (!server) console.log('  no PostgreSQL server answers: only the embedded database is measured');
  const attendance = await attendanceBench({
    pupils,
    postgresUrl: server?.url,
    log: (line) => console.log(line),
  }).finally(() => server?.drop());
  console.log('\nSchools: the national GIAS file (50,000 rows) imported for one authority:');
  const gias = await giasBench({ log: (line) => console.log(line) });
  const after = await cpuInUse();

  const markdown = formatReport({
    date: new Date(),
    runs,
    connections,
    durationSeconds,
    start: times,
    hub: hubResult,
    bare: bareResult,
    homeBytes: session.homeBytes,
    idleCheck: { before, after },
  });
  const report = `${markdown.trimEnd()}\n\n${formatAttendance(attendance)}\n\n${formatGias(gias)}`;
  console.log(`\n${report}`);
  if (flags.write) {
    writeLatestResults(DOC, report);
    console.log(`Wrote the results to ${DOC}`);
  }
}

try {
  await main();
} catch (error) {
  console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
