// The busy pages under load, each signed in as a demo account whose role may see it, each beside
// the bare Express baseline sending a page of the same size, loaded the same way straight after.
import type { Role } from '../src/platform/roles.ts';
import { demoEmail } from '../src/demo/accounts.ts';
import { DEMO_PASSWORD, type DatabaseName, type Hub } from './hub.ts';
import { loadProblem, measureLoad, type LoadResult } from './load.ts';
import { fetchPage, signIn } from './sign-in.ts';
import { median } from './report.ts';

export interface Page {
  name: string;
  /** The path, or how to find it from the pages already fetched (a case from the caseload). */
  path: string | ((html: Record<string, string>) => string);
  /** A role that may see the page (src/platform/policies.ts). */
  role: Role;
  /** The goal for its p97.5 latency, as a multiple of the baseline's. */
  goal: number;
}

export const PAGES: readonly Page[] = [
  { name: 'home', path: '/', role: 'analyst', goal: 5 },
  { name: 'team caseload', path: '/cases', role: 'team_manager', goal: 10 },
  { name: 'triage', path: '/triage', role: 'triage_manager', goal: 10 },
  { name: 'attendance, the borough', path: '/attendance', role: 'attendance_officer', goal: 10 },
  { name: 'vulnerability table', path: '/allocation/vulnerability', role: 'analyst', goal: 10 },
  { name: 'a case', path: (html) => firstCase(html['/cases']), role: 'team_manager', goal: 10 },
];

/** The first case the team caseload links to. */
function firstCase(caseload: string | undefined): string {
  const path = /href="(\/cases\/\d+)"/.exec(caseload ?? '')?.[1];
  if (!path) throw new Error('the team caseload links to no case: the demo borough has no open cases');
  return path;
}

export interface PageResult {
  page: string;
  path: string;
  role: Role;
  goal: number;
  database: DatabaseName;
  processes: number;
  bytes: number;
  /** The median of three requests one after another, with nothing else asked of the service. */
  aloneMs: number;
  hub: LoadResult;
  bare: LoadResult;
  /** What went wrong when not every request of either got a 2xx answer. */
  problem?: string;
}

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmUpSeconds: number;
  /** The bare baseline's address. */
  bareUrl: string;
  log: (line: string) => void;
}

/** Signs in once per role the pages need and fetches each page once, finding the case page's path. */
async function preparePages(hub: Hub, pages: readonly Page[]) {
  const cookies = new Map<Role, string>();
  const html: Record<string, string> = {};
  const prepared = [];
  for (const page of pages) {
    if (!cookies.has(page.role)) cookies.set(page.role, await signIn(hub.url, demoEmail(page.role), DEMO_PASSWORD));
    const cookie = cookies.get(page.role)!;
    const path = typeof page.path === 'string' ? page.path : page.path(html);
    html[path] = await fetchPage(hub.url, path, cookie);
    prepared.push({ page, path, cookie, bytes: Buffer.byteLength(html[path]) });
  }
  return prepared;
}

/**
 * Times the page asked for alone, one request after another, after one more that waits for what the
 * service may still be answering from the load before (so that load does not spill into this one).
 */
async function timeAlone(url: string, path: string, cookie: string): Promise<number> {
  await fetchPage(url, path, cookie);
  const times = [];
  for (let n = 0; n < 3; n++) {
    const started = performance.now();
    await fetchPage(url, path, cookie);
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Loads each page on `hub`, then the baseline with a page of the same size. */
export async function measurePages(
  hub: Hub,
  database: DatabaseName,
  settings: LoadSettings,
  pages: readonly Page[] = PAGES,
): Promise<PageResult[]> {
  const { connections, durationSeconds, warmUpSeconds } = settings;
  const results: PageResult[] = [];
  for (const { page, path, cookie, bytes } of await preparePages(hub, pages)) {
    const aloneMs = await timeAlone(hub.url, path, cookie);
    const hubResult = await measureLoad(hub.url + path, {
      connections,
      durationSeconds,
      warmUpSeconds,
      headers: { cookie },
    });
    // What the service is still answering would otherwise share the machine with the baseline.
    await fetchPage(hub.url, path, cookie);
    const bare = await measureLoad(`${settings.bareUrl}/bytes/${bytes}`, {
      connections,
      durationSeconds,
      warmUpSeconds,
    });
    const problems = [loadProblem(hubResult), loadProblem(bare) && `baseline: ${loadProblem(bare)}`].filter(Boolean);
    const result: PageResult = {
      page: page.name,
      path,
      role: page.role,
      goal: page.goal,
      database,
      processes: hub.processes,
      bytes,
      aloneMs,
      hub: hubResult,
      bare,
      problem: problems.length ? problems.join('; ') : undefined,
    };
    settings.log(`    ${pageLine(result)}`);
    results.push(result);
  }
  return results;
}

const round = (value: number) => Math.round(value).toLocaleString('en-GB');

/** One line for the terminal as each page is measured. */
function pageLine(result: PageResult): string {
  const { hub, bare } = result;
  return (
    `${result.path} as ${result.role}: alone ${round(result.aloneMs)} ms; ${round(hub.requestsPerSecond)} req/s, p50 ${round(hub.p50)} ms, ` +
    `p97.5 ${round(hub.p975)} ms (${(hub.p975 / bare.p975).toFixed(1)}× bare's ${round(bare.p975)} ms, ` +
    `${result.bytes.toLocaleString('en-GB')} bytes)` +
    (result.problem ? ` — NOT ALL 2xx: ${result.problem}` : '')
  );
}
