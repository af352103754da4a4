import { cpus, release, totalmem, type as osType } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Share of all CPU time in use just before and just after (with no benchmark process running). */
export interface IdleCheck {
  before: number;
  after: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export const whole = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
/** Milliseconds with two significant decimals below 100 ms. */
export const ms = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '—'
    : `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : whole.format(value)} ms`;
/** "1 run", "3 runs", "2 processes". */
export const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : word.endsWith('s') ? 'es' : 's'}`;
/** A ratio, e.g. 7.3×; two decimals below 1. */
export const times = (value: number) =>
  Number.isFinite(value) ? `${value < 1 ? value.toFixed(2) : value.toFixed(1)}×` : '—';

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
export const percent = (share: number) => `${Math.round(share * 100)}%`;

/** A warning when other work was competing for the CPUs, which makes every figure slower and noisier. */
export function busyWarning(idleCheck: IdleCheck): string | undefined {
  const busiest = Math.max(idleCheck.before, idleCheck.after);
  if (busiest <= BUSY) return undefined;
  return `**Warning:** other work was using ${percent(busiest)} of the CPUs around this run; the figures are slower and noisier than on an idle machine. Run again when it is quiet.`;
}

export function machine(): string {
  const cpuList = cpus();
  const memory = (totalmem() / 1024 ** 3).toFixed(1);
  return `${cpuList.length} × ${cpuList[0]?.model.trim() ?? 'unknown CPU'}, ${memory} GiB memory, ${osType()} ${release()}, Node ${process.version}`;
}

/** The opening lines of the results: when, on what, and how busy the machine was. */
export function formatHeader(date: Date, idleCheck: IdleCheck): string {
  const warning = busyWarning(idleCheck);
  return [
    `Run on ${date.toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${machine()}. CPU use by other work: ${percent(idleCheck.before)} just before, ${percent(idleCheck.after)} just after.`,
    ...(warning ? ['', warning] : []),
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
