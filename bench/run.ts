// `npm run bench`: how fast the service starts and how its busy pages hold up under load, each
// beside an anchor measured in the same run (a bare Express app sending a page of the same size;
// DuckDB for the attendance import), on the embedded database and on a PostgreSQL server.
// Sections (--only): startup, pages, processes (two service processes behind one port against
// one, on PostgreSQL), attendance (bench/attendance.ts), gias (bench/gias.ts). See bench/flags.ts
// for every flag and docs/benchmarks.md for what is measured and how.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFlags, type Section } from './flags.ts';
import { freshStore, startHub, DATABASE_LABELS, type DatabaseName, type Store } from './hub.ts';
import { freePort, pollUntil, spawnChild, stopAll, type RunningChild } from './processes.ts';
import { measurePages, type LoadSettings, type PageResult } from './pages.ts';
import { formatPages, formatProcesses } from './pages-report.ts';
import { formatStartup, startupBench, type StartupResult } from './startup.ts';
import { formatGoals } from './goals.ts';
import { attendanceBench, formatAttendance, type AttendanceBenchResult } from './attendance.ts';
import { scratchDatabase } from './postgres.ts';
import { formatGias, giasBench, type GiasBenchResult } from './gias.ts';
import { busyWarning, count, cpuInUse, formatHeader, machine, writeLatestResults } from './report.ts';

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
const BARE = fileURLToPath(new URL('./bare-server.ts', import.meta.url));

/** The sections that start the service itself. */
const SERVICE_SECTIONS: Section[] = ['startup', 'pages', 'processes'];
const flags = readFlags();
const log = (line: string) => console.log(line);
const scratchDir = mkdtempSync(join(tmpdir(), 'inclusion-hub-bench-'));
process.on('exit', () => rmSync(scratchDir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

async function startBare(): Promise<RunningChild> {
  const bare = spawnChild({ script: BARE, env: { NODE_ENV: 'production' }, port: await freePort() });
  await pollUntil(bare, '/bytes/1');
  return bare;
}

/** Start-up, pages and processes on one database; the figures are added to `startup` and `pages`. */
async function onDatabase(
  database: DatabaseName,
  bareUrl: string | undefined,
  into: { startup: StartupResult[]; pages: PageResult[] },
): Promise<void> {
  const newStore = () => freshStore(database, { scratchDir, postgresUrl: flags.postgresUrl });
  const withProcesses = flags.only.has('processes') && database === 'postgres';
  let store: Store | undefined;
  if (flags.only.has('startup')) {
    log(`\n  Start-up, ${count(flags.runs, 'run')}:`);
    const started = await startupBench(database, { runs: flags.runs, newStore, log });
    if (!started) return log('  no PostgreSQL server answers: skipped');
    into.startup.push(started.result);
    store = started.store;
  }
  if (!bareUrl || !(flags.only.has('pages') || withProcesses)) return void (await store?.drop());
  store ??= await newStore();
  if (!store) return log('  no PostgreSQL server answers: skipped');
  const settings: LoadSettings = { ...flags, bareUrl, log };
  try {
    for (const processes of withProcesses ? [1, flags.processes] : [1]) {
      const hub = await startHub(store, processes);
      log(`\n  Pages, ${count(processes, 'process')}, each beside the baseline:`);
      try {
        into.pages.push(...(await measurePages(hub, database, settings)));
      } finally {
        await hub.stop();
      }
    }
  } finally {
    await store.drop();
  }
}

async function attendance(): Promise<AttendanceBenchResult> {
  log(`\nAttendance: import and measures for ${flags.pupils.toLocaleString('en-GB')} pupils against DuckDB:`);
  const server = flags.databases.includes('postgres') ? await scratchDatabase(flags.postgresUrl) : undefined;
  if (flags.databases.includes('postgres') && !server) log('  no PostgreSQL server answers: only the embedded one');
  return attendanceBench({ pupils: flags.pupils, postgresUrl: server?.url, log }).finally(() => server?.drop());
}

async function gias(): Promise<GiasBenchResult> {
  log('\nSchools: the national GIAS file (50,000 rows) imported for one authority:');
  return giasBench({ log });
}

async function main() {
  log(`Inclusion Hub benchmark\nMachine: ${machine()}`);
  const before = await cpuInUse();
  const busy = busyWarning({ before, after: before });
  if (busy) log(busy.replaceAll('**', ''));
  const into = { startup: [] as StartupResult[], pages: [] as PageResult[] };
  const needsBare = flags.only.has('pages') || flags.only.has('processes');
  const bare = needsBare ? await startBare() : undefined;
  try {
    for (const database of flags.databases) {
      if (!SERVICE_SECTIONS.some((section) => flags.only.has(section))) break;
      log(`\n${DATABASE_LABELS[database]}:`);
      await onDatabase(database, bare?.url, into);
    }
  } finally {
    await bare?.stop();
  }
  const attendanceResult = flags.only.has('attendance') ? await attendance() : undefined;
  const giasResult = flags.only.has('gias') ? await gias() : undefined;
  const after = await cpuInUse();

  const report = [
    formatHeader(new Date(), { before, after }),
    formatGoals({ ...into, attendance: attendanceResult }),
    into.startup.length ? formatStartup(into.startup) : '',
    into.pages.length ? formatPages(into.pages, flags) : '',
    formatProcesses(into.pages),
    attendanceResult ? formatAttendance(attendanceResult) : '',
    giasResult ? formatGias(giasResult) : '',
  ]
    .filter(Boolean)
    .map((section) => section.trimEnd())
    .join('\n\n');
  log(`\n${report}\n`);
  if (flags.write) {
    writeLatestResults(DOC, `${report}\n`);
    log(`Wrote the results to ${DOC}`);
  }
  const notOk = into.pages.filter((result) => result.problem);
  if (notOk.length > 0) {
    console.error(`\nNot every request was answered 2xx, so the figures above do not hold:`);
    for (const result of notOk) {
      const where = `${DATABASE_LABELS[result.database]}, ${count(result.processes, 'process')}`;
      console.error(`  ${result.path} on ${where}: ${result.problem}`);
    }
    process.exitCode = 1;
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
