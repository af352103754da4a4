import { cpus, release, totalmem, type as osType } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LoadResult } from './load.ts';

export interface StartTimes {
  first: number[];
  restart: number[];
}

export interface Report {
  date: Date;
  runs: number;
  connections: number;
  durationSeconds: number;
  start: StartTimes;
  hub: LoadResult;
  bare: LoadResult;
  homeBytes: number;
  /** Share of all CPU time in use just before and just after (with no benchmark process running). */
  idleCheck: { before: number; after: number };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const ms = (value: number) =>
  `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : whole.format(value)} ms`;
const times = (value: number) => `${value.toFixed(1)}×`;

function cpuTimes() {
  return cpus().reduce(
    (sum, cpu) => {
      const { idle, user, nice, sys, irq } = cpu.times;
      return { idle: sum.idle + idle, total: sum.total + idle + user + nice + sys + irq };
    },
    { idle: 0, total: 0 },
  );
}

/** Share (0–1) of all CPU time in use over the next `ms` milliseconds: other work on the machine. */
export async function cpuInUse(ms = 1000): Promise<number> {
  const start = cpuTimes();
  await sleep(ms);
  const end = cpuTimes();
  const total = end.total - start.total;
  return total > 0 ? 1 - (end.idle - start.idle) / total : 0;
}

const BUSY = 0.25;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A warning when other work was competing for the CPUs, which makes every figure slower and noisier. */
export function busyWarning(idleCheck: Report['idleCheck']): string | undefined {
  const busiest = Math.max(idleCheck.before, idleCheck.after);
  if (busiest <= BUSY) return undefined;
  return `**Warning:** other work was using ${percent(busiest)} of the CPUs around this run; the figures are slower and noisier than on an idle machine. Run again when it is quiet.`;
}

export function machine(): string {
  const cpuList = cpus();
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${memory} GiB memory, ${osType()} ${release()}, Node ${process.version}`;
}

/** The results as Markdown: printed to the terminal and written to docs/benchmarks.md. */
export function formatReport(report: Report): string {
  const { start, hub, bare } = report;
  const runList = (values: number[]) => values.map((value) => whole.format(value)).join(' / ') + ' ms';
  return [
    `Run on ${report.date.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${machine()}. CPU use by other work: ${percent(report.idleCheck.before)} just before, ${percent(report.idleCheck.after)} just after.`,
    ...(busyWarning(report.idleCheck) ? ['', busyWarning(report.idleCheck)!] : []),
    '',
    `### Cold start to first \`/health\` 200 (embedded database, median of ${report.runs})`,
    '',
    '| start | median | each run |',
    '|---|--:|--:|',
    `| first start on an empty data directory (creates the database, seeds the demo borough) | ${ms(median(start.first))} | ${runList(start.first)} |`,
    `| restart on the same data directory | ${ms(median(start.restart))} | ${runList(start.restart)} |`,
    '',
    `### Signed-in home page \`GET /\` under load (${report.connections} connections, ${report.durationSeconds} s)`,
    '',
    `Baseline: a bare Express 5 app sending a fixed ${whole.format(report.homeBytes)}-byte HTML page, the size of the real home page, loaded the same way in the same run.`,
    '',
    '| measure | Inclusion Hub | bare Express 5 | ratio |',
    '|---|--:|--:|--:|',
    `| p50 latency | ${ms(hub.p50)} | ${ms(bare.p50)} | ${times(hub.p50 / bare.p50)} slower |`,
    `| p95 latency | ${ms(hub.p95)} | ${ms(bare.p95)} | ${times(hub.p95 / bare.p95)} slower |`,
    `| p99 latency | ${ms(hub.p99)} | ${ms(bare.p99)} | ${times(hub.p99 / bare.p99)} slower |`,
    `| max latency | ${ms(hub.max)} | ${ms(bare.max)} | |`,
    `| requests per second | ${whole.format(hub.requestsPerSecond)} | ${whole.format(bare.requestsPerSecond)} | bare does ${times(bare.requestsPerSecond / hub.requestsPerSecond)} as many |`,
    `| requests in total | ${whole.format(hub.requests)} | ${whole.format(bare.requests)} | |`,
    `| non-2xx responses | ${hub.non2xx} | ${bare.non2xx} | |`,
    '',
  ].join('\n');
}

const HEADING = '## Latest results';

/** Replaces the "Latest results" section of the document (everything under it), keeping what is above. */
export function writeLatestResults(path: string, markdown: string): void {
  const current = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const at = current.indexOf(`\n${HEADING}`);
  const above = (at === -1 ? current : current.slice(0, at)).trimEnd();
  writeFileSync(path, `${above}\n\n${HEADING}\n\n${markdown}`);
}
