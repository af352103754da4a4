// The goals the service is held to (issue "Fast to start, fast under load"), each beside what this
// run measured: a table at the top of the results.
import type { AttendanceBenchResult } from './attendance.ts';
import { DATABASE_LABELS } from './hub.ts';
import { processPairs } from './pages-report.ts';
import type { PageResult } from './pages.ts';
import { ms, times } from './report.ts';
import { medianReady, type StartupResult } from './startup.ts';

export interface Results {
  startup: StartupResult[];
  pages: PageResult[];
  attendance?: AttendanceBenchResult;
}

interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

const FIRST_START_MS = 5000;
const RESTART_MS = 1000;
const ATTENDANCE_TIMES_DUCKDB = 1.5;
const STALL_MS = 50;
/** The attendance dashboard for the borough, asked for by one person. */
const ATTENDANCE_ALONE_MS = 50;

function startupGoals(startup: StartupResult[]): Goal[] {
  return startup.flatMap((result) => {
    const first = medianReady(result.first);
    const restart = medianReady(result.restart);
    const where = DATABASE_LABELS[result.database];
    return [
      { goal: `first start to ready < 5 s, ${where}`, measured: ms(first), met: first < FIRST_START_MS },
      { goal: `restart to ready < 1 s, ${where}`, measured: ms(restart), met: restart < RESTART_MS },
    ];
  });
}

function pageGoals(pages: PageResult[]): Goal[] {
  const single = pages.filter((result) => result.processes === 1);
  const goals = single.map((result) => {
    const ratio = result.hub.p975 / result.bare.p975;
    return {
      goal: `\`${result.path}\` p97.5 ≤ ${result.goal}× bare, ${DATABASE_LABELS[result.database]}`,
      measured: `${times(ratio)} (${ms(result.hub.p975)} against ${ms(result.bare.p975)})`,
      met: ratio <= result.goal && !result.problem,
    };
  });
  for (const result of single.filter((one) => one.path === '/attendance')) {
    goals.push({
      goal: `\`/attendance\` for the borough, one request alone < 50 ms, ${DATABASE_LABELS[result.database]}`,
      measured: ms(result.aloneMs),
      met: result.aloneMs < ATTENDANCE_ALONE_MS,
    });
  }
  const pairs = processPairs(pages);
  if (pairs.length > 0) {
    const ratios = pairs.map(({ one, many }) => many.hub.requestsPerSecond / one.hub.requestsPerSecond);
    goals.push({
      goal: `more requests a second with ${pairs[0].many.processes} processes than with one, on every page`,
      measured: `${times(Math.min(...ratios))} to ${times(Math.max(...ratios))}`,
      met: ratios.every((ratio) => ratio > 1),
    });
  }
  if (pages.length > 0) {
    const non2xx = pages.reduce((sum, result) => sum + (result.problem ? 1 : 0), 0);
    goals.push({
      goal: 'every request answered 2xx',
      measured: non2xx ? `${non2xx} of ${pages.length} loads were not (see the pages)` : `all ${pages.length} loads`,
      met: non2xx === 0,
    });
  }
  return goals;
}

function attendanceGoals(attendance: AttendanceBenchResult | undefined): Goal[] {
  return (attendance?.runs ?? []).flatMap((run) => {
    const ratio = run.totalMs / attendance!.duckdbMs;
    return [
      {
        goal: `attendance import and measures ≤ 1.5× DuckDB, ${run.database}`,
        measured: times(ratio),
        met: ratio <= ATTENDANCE_TIMES_DUCKDB && run.identical,
      },
      {
        goal: `longest event-loop stall during the import ≤ 50 ms, ${run.database}`,
        measured: ms(run.stallMs),
        met: run.stallMs <= STALL_MS,
      },
    ];
  });
}

export function formatGoals(results: Results): string {
  const goals = [...startupGoals(results.startup), ...pageGoals(results.pages), ...attendanceGoals(results.attendance)];
  if (goals.length === 0) return '';
  return [
    '### Goals',
    '',
    '| goal | measured | met |',
    '|---|---|---|',
    ...goals.map((goal) => `| ${goal.goal} | ${goal.measured} | ${goal.met ? 'yes' : '**no**'} |`),
    '',
  ].join('\n');
}
