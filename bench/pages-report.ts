// The pages under load as Markdown: every figure beside the baseline's, and one process against two.
import { DATABASE_LABELS } from './hub.ts';
import type { PageResult } from './pages.ts';
import { ms, times, whole } from './report.ts';

const beside = (hub: string, bare: string) => `${hub} (${bare})`;
const label = (result: PageResult) => `${result.page}: \`${result.path}\` as ${result.role.replaceAll('_', ' ')}`;

function pageRow(result: PageResult): string {
  const { hub, bare } = result;
  const non2xx = result.problem ? `**${hub.non2xx + bare.non2xx} (${result.problem})**` : '0';
  return [
    label(result),
    DATABASE_LABELS[result.database],
    result.processes,
    whole.format(result.bytes),
    ms(result.aloneMs),
    beside(whole.format(hub.requestsPerSecond), whole.format(bare.requestsPerSecond)),
    times(hub.requestsPerSecond / bare.requestsPerSecond),
    beside(ms(hub.p50), ms(bare.p50)),
    beside(ms(hub.p975), ms(bare.p975)),
    `**${times(hub.p975 / bare.p975)}**`,
    `≤ ${result.goal}×`,
    beside(ms(hub.p99), ms(bare.p99)),
    beside(ms(hub.max), ms(bare.max)),
    beside(whole.format(hub.requests), whole.format(bare.requests)),
    non2xx,
  ].join(' | ');
}

export function formatPages(
  results: PageResult[],
  settings: { connections: number; durationSeconds: number; warmUpSeconds: number },
): string {
  return [
    `### Pages under load (${settings.connections} connections, ${settings.durationSeconds} s each after a ${settings.warmUpSeconds} s warm-up)`,
    '',
    'Each page is loaded signed in as a demo account whose role may see it, then the baseline (a bare Express 5 app sending a page of exactly the same size) is loaded the same way straight after; the baseline’s figure is in brackets. “Alone” is the median of three requests one after another with no load (after one more that waits for the previous load to drain). Latencies are per request; “÷ bare” is the page’s figure divided by the baseline’s.',
    '',
    '| page | database | processes | bytes | alone | req/s (bare) | req/s ÷ bare | p50 (bare) | p97.5 (bare) | p97.5 ÷ bare | goal | p99 (bare) | max (bare) | requests (bare) | non-2xx |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|',
    ...results.map((result) => `| ${pageRow(result)} |`),
    '',
  ].join('\n');
}

/** Each page's result with one process beside the same page's with more, on the same database. */
export function processPairs(results: PageResult[]) {
  return results
    .filter((result) => result.processes > 1)
    .flatMap((many) => {
      const one = results.find(
        (result) => result.processes === 1 && result.database === many.database && result.path === many.path,
      );
      return one ? [{ one, many }] : [];
    });
}

export function formatProcesses(results: PageResult[]): string {
  const pairs = processPairs(results);
  if (pairs.length === 0) return '';
  const rows = pairs.map(
    ({ one, many }) =>
      `| ${label(one)} | ${DATABASE_LABELS[one.database]} | ${whole.format(one.hub.requestsPerSecond)} | ${whole.format(many.hub.requestsPerSecond)} (${many.processes}) | **${times(many.hub.requestsPerSecond / one.hub.requestsPerSecond)}** | ${ms(one.hub.p975)} | ${ms(many.hub.p975)} |`,
  );
  return [
    '### One service process against several behind one port',
    '',
    'The same pages on the same database, served by one process and then by several sharing one port through Node’s `cluster` module (`bench/cluster.ts`); every other figure of those runs is in the table above.',
    '',
    '| page | database | req/s, one process | req/s, several (how many) | several ÷ one | p97.5, one process | p97.5, several |',
    '|---|---|--:|--:|--:|--:|--:|',
    ...rows,
    '',
  ].join('\n');
}
