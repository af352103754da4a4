// One GIAS import in a process of its own, for the benchmark, printing JSON.
//   node bench/gias-child.ts read FILE LA    reads the file only: time and the process's peak memory
//                                            (max RSS), which is the import's own
//   node bench/gias-child.ts import FILE LA DATA_DIR
//                                            opens a new embedded database, migrates it and imports:
//                                            the import's time, the process's memory before it and
//                                            its peak while it runs (sampled every 10 ms), and the
//                                            peak since the start (the embedded database's own
//                                            start-up reaches about 1.1 GB, whatever it then holds)
import { connect, migrateToLatest } from '../src/db/connection.ts';
import { systemClock } from '../src/platform/clock.ts';
import { readGiasFile } from '../src/schools/gias/forms.ts';
import { importGiasFile } from '../src/schools/gias/repository.ts';

const [mode, file, la, dataDir] = process.argv.slice(2) as [string, string, string, string];
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

if (mode === 'read') {
  const started = performance.now();
  const read = await readGiasFile(file, { laCode: Number(la) });
  const readMs = performance.now() - started;
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  process.stdout.write(
    JSON.stringify({ readMs, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), rows: read.totalRows }),
  );
} else {
  const connection = await connect({ dataDir });
  try {
    await migrateToLatest(connection.db);
    const beforeRss = process.memoryUsage().rss;
    let peak = beforeRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const started = performance.now();
    const outcome = await importGiasFile(
      connection.db,
      { userId: null, ip: null },
      { path: file, laCode: Number(la), clock: systemClock, source: 'benchmark' },
    );
    const importMs = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
    process.stdout.write(
      JSON.stringify({
        importMs,
        beforeRssMb: mb(beforeRss),
        peakRssMb: mb(peak),
        maxRssSinceStartMb: Math.round(process.resourceUsage().maxRSS / 1024),
        counts: outcome.counts,
      }),
    );
  } finally {
    await connection.close();
  }
}
