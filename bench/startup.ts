// Start-up: a first start on an empty store (creating the database and the demo borough) and a
// restart on the same store, each timed from spawn to `/health/live` and to readiness, with the
// "started in" figure the service prints.
import { freshStore, startHub, DATABASE_LABELS, type DatabaseName, type StartTiming, type Store } from './hub.ts';
import { count, median, ms, whole } from './report.ts';

export interface StartupResult {
  database: DatabaseName;
  first: StartTiming[];
  restart: StartTiming[];
}

const line = (timing: StartTiming) =>
  `live ${ms(timing.liveMs)}, ready ${ms(timing.readyMs)} (${timing.readyPath}), "started in" ${ms(timing.startedInMs)}`;

/**
 * Times `runs` first starts and restarts on `database`, each run on a new store. Gives the figures
 * and the last run's store, set up and with nothing running on it, for the pages to use.
 */
export async function startupBench(
  database: DatabaseName,
  options: { runs: number; newStore: () => ReturnType<typeof freshStore>; log: (line: string) => void },
): Promise<{ result: StartupResult; store: Store } | undefined> {
  const result: StartupResult = { database, first: [], restart: [] };
  for (let run = 1; run <= options.runs; run++) {
    const store = await options.newStore();
    if (!store) return undefined;
    try {
      const first = await startHub(store);
      await first.stop();
      const again = await startHub(store);
      await again.stop();
      result.first.push(first.start);
      result.restart.push(again.start);
      options.log(`    run ${run}: first start ${line(first.start)}`);
      options.log(`    run ${run}: restart ${line(again.start)}`);
    } catch (error) {
      await store.drop();
      throw error;
    }
    if (run === options.runs) return { result, store };
    await store.drop();
  }
  return undefined;
}

/** The median of the figures that were measured, or undefined when none was. */
function medianOf(values: (number | undefined)[]): number | undefined {
  const measured = values.filter((value): value is number => value !== undefined);
  return measured.length ? median(measured) : undefined;
}

export const medianReady = (timings: StartTiming[]) => medianOf(timings.map((timing) => timing.readyMs))!;

export function formatStartup(results: StartupResult[]): string {
  const rows = results.flatMap((result) =>
    (['first', 'restart'] as const).map((kind) => {
      const timings = result[kind];
      const each = timings.map((timing) => whole.format(timing.readyMs)).join(' / ');
      return `| ${DATABASE_LABELS[result.database]} | ${kind === 'first' ? 'first start on an empty database (creates it, builds the demo borough)' : 'restart on the same database'} | ${ms(medianOf(timings.map((t) => t.liveMs)))} | ${ms(medianReady(timings))} | ${ms(medianOf(timings.map((t) => t.startedInMs)))} | ${each} ms |`;
    }),
  );
  const runs = results[0]?.first.length ?? 0;
  const paths = [...new Set(results.flatMap((result) => [...result.first, ...result.restart].map((t) => t.readyPath)))];
  return [
    `### Start-up (median of ${count(runs, 'run')})`,
    '',
    `Timed from spawning \`node src/server.ts\` to the first 200 from \`/health/live\` (the process answers) and from ${paths.map((path) => `\`${path}\``).join(' or ')} (ready: the database open and migrated); "started in" is the figure the service prints. A dash: the service does not answer that check or print that figure.`,
    '',
    '| database | start | to live | to ready | "started in" | each run, to ready |',
    '|---|---|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
