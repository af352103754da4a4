import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p975: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Status codes other than 2xx with their counts, to say what went wrong. */
  otherStatuses: Record<string, number>;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Loads `url` with autocannon. autocannon 9 reports p50, p90, p97.5 and p99 but no p95, so every
 * response's latency is recorded from the `response` event and the percentiles are computed here.
 */
export function load(url: string, options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const otherStatuses: Record<string, number> = {};
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url, connections: options.connections, duration: options.durationSeconds, headers: options.headers },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        resolve({
          requests: latencies.length,
          requestsPerSecond: latencies.length / result.duration,
          p50: percentile(latencies, 50),
          p95: percentile(latencies, 95),
          p975: percentile(latencies, 97.5),
          p99: percentile(latencies, 99),
          max: latencies.at(-1) ?? Number.NaN,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          otherStatuses,
        });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      if (statusCode < 200 || statusCode > 299) otherStatuses[statusCode] = (otherStatuses[statusCode] ?? 0) + 1;
    });
  });
}

/** Loads `url` for a warm-up of `warmUpSeconds` (not counted), then for the measured `durationSeconds`. */
export async function measureLoad(url: string, options: LoadOptions & { warmUpSeconds: number }): Promise<LoadResult> {
  const { warmUpSeconds, ...measured } = options;
  await load(url, { ...measured, durationSeconds: Math.min(warmUpSeconds, measured.durationSeconds) });
  return load(url, measured);
}

/**
 * What went wrong, when not every request got a 2xx answer (a benchmark of redirects or errors is
 * no benchmark), or undefined when all did.
 */
export function loadProblem(result: LoadResult): string | undefined {
  if (result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && result.requests > 0) return undefined;
  if (result.requests === 0) return 'no response came back within the time';
  const statuses = Object.entries(result.otherStatuses)
    .map(([status, count]) => `${count} × ${status}`)
    .join(', ');
  return (
    `${result.requests} responses, ${result.non2xx} non-2xx${statuses ? ` (${statuses})` : ''}, ` +
    `${result.errors} errors, ${result.timeouts} timeouts`
  );
}
