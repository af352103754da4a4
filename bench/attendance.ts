import { systemClock } from '../src/platform/clock.ts';
// The attendance benchmark: a generated borough year of session marks (30,000 pupils × 380
// sessions ≈ 11.4 million marks at 83 schools) imported through the service's own import (the
// worker thread, the compact store) into the embedded database and, when one answers, a real
// PostgreSQL server; then every school's measures and one school's. The baseline is DuckDB
// reading the same CSV and computing the same measures in the same process. The numbers must be
// identical. Also: peak memory, and the longest event-loop stall while an import runs.
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import { makeUpn } from '../src/children/rules.ts';
import { connect, migrateToLatest, type Connection } from '../src/db/connection.ts';
import { readHaveringSchools } from '../src/demo/schools.ts';
import { attendanceImports } from '../src/attendance/marks/service.ts';
import { attendanceQueries } from '../src/attendance/measures/repository.ts';
import { ATTENDANCE_CODES } from '../src/attendance/rules.ts';
import { percent } from '../src/attendance/measures/rules.ts';
import type { CurrentUser } from '../src/platform/roles.ts';

export interface AttendanceBenchResult {
  marks: number;
  pupils: number;
  csvBytes: number;
  generateMs: number;
  duckdbMs: number;
  runs: {
    database: string;
    importMs: number;
    authorityMs: number;
    schoolMs: number;
    totalMs: number;
    stallMs: number;
    identical: boolean;
  }[];
  peakRssMb: number;
}

const SCHOOL_DAYS = 190;

/** Writes the borough's year: most pupils rarely absent, a tail persistently absent, a few chronically. */
export async function generate(path: string, pupils: number, urns: readonly number[]): Promise<number> {
  const out = createWriteStream(path);
  out.write('upn,urn,date,session,code\n');
  const days: string[] = [];
  for (let date = new Date(Date.UTC(2025, 8, 1)); days.length < SCHOOL_DAYS; date.setUTCDate(date.getUTCDate() + 1)) {
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) days.push(date.toISOString().slice(0, 10));
  }
  const absent = ['I', 'I', 'I', 'M', 'C', 'R', 'N', 'O', 'G', 'U', 'E', 'C2'];
  const other = ATTENDANCE_CODES.filter((code) => code.category === 'not-possible').map((code) =>
    code.code === '#' ? '"#"' : code.code,
  );
  let seed = 12345;
  const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  let marks = 0;
  for (let pupil = 0; pupil < pupils; pupil++) {
    const prefix = `${makeUpn(311, String(1000 + Math.floor(pupil / 1000)), 20, pupil % 1000)},${urns[pupil % urns.length]},`;
    const chance = random() < 0.015 ? 0.5 + random() * 0.4 : -0.05 * Math.log(1 - random() * 0.999);
    let chunk = '';
    for (const day of days) {
      for (const session of ['AM', 'PM']) {
        const roll = random();
        const code =
          roll < chance
            ? absent[(random() * absent.length) | 0]
            : roll > 0.997
              ? other[(random() * other.length) | 0]
              : session === 'AM'
                ? '/'
                : '\\';
        chunk += `${prefix}${day},${session},${code}\n`;
        marks++;
      }
    }
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return marks;
}

/** DuckDB's measures per school from the CSV: the baseline. */
async function duckdbMeasures(path: string) {
  const category = (name: string) =>
    `[${ATTENDANCE_CODES.filter((code) => code.category === name)
      .map((code) => `'${code.code.replace(/'/g, "''")}'`)
      .join(', ')}]`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(`
    with marks as (select * from read_csv('${path}', header = true, columns = {'upn': 'VARCHAR', 'urn': 'INTEGER', 'date': 'DATE', 'session': 'VARCHAR', 'code': 'VARCHAR'}, quote = '"', escape = '"')),
    pupils as (
      select urn, upn,
        count(*) filter (where list_contains(${category('authorised')}, code)) as authorised,
        count(*) filter (where list_contains(${category('unauthorised')}, code)) as unauthorised,
        count(*) filter (where not list_contains(${category('not-possible')}, code)) as possible
      from marks group by urn, upn)
    select urn, count(*) filter (where possible > 0) as pupils, sum(possible) as possible, sum(authorised) as authorised, sum(unauthorised) as unauthorised,
      count(*) filter (where possible > 0 and (authorised + unauthorised) * 100 >= 10 * possible) as persistent,
      count(*) filter (where possible > 0 and (authorised + unauthorised) * 100 >= 50 * possible) as severe
    from pupils group by urn order by urn`);
  const rows = reader
    .getRowObjects()
    .map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)])));
  connection.closeSync();
  return rows.map((row) => ({
    urn: row.urn!,
    pupils: row.pupils!,
    possible: row.possible!,
    absencePct: percent(row.authorised! + row.unauthorised!, row.possible!),
    persistent: row.persistent!,
    severe: row.severe!,
  }));
}

type Measures = Awaited<ReturnType<typeof duckdbMeasures>>;

/** Imports the file into a fresh database and works out the measures, timing each step. */
async function runOn(
  label: string,
  connection: Connection,
  path: string,
  expected: Measures,
  schools: ReturnType<typeof readHaveringSchools>,
) {
  await migrateToLatest(connection.db);
  await connection.db.insertInto('schools').values(schools).execute();
  const { id: userId } = await connection.db
    .insertInto('users')
    .values({ email: 'bench@example.test', name: 'Bench', roles: ['attendance_officer'], password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const user = {
    id: userId,
    name: 'Bench',
    email: 'bench@example.test',
    roles: ['attendance_officer'],
    schoolUrns: [],
  } as unknown as CurrentUser;
  const imports = attendanceImports(connection.db, { clock: systemClock, uploadsFolder: dirname(path) });
  const queries = attendanceQueries(connection.db, systemClock);
  const stall = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  stall.enable();
  const begun = await imports.start(
    { userId, ip: null } as never,
    user,
    { path, originalname: 'bench.csv' },
    { keepFile: true },
  );
  if (!begun.ok) throw new Error(begun.message);
  const { id, done } = begun;
  await done;
  stall.disable();
  const imported = performance.now();
  const job = await connection.db
    .selectFrom('attendance_imports')
    .select(['status', 'rows_done'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (job.status !== 'imported') throw new Error(`The ${label} import ended ${job.status}`);
  const period = { startYear: 2025, from: '2025-08-01', to: '2026-07-31' };
  const authority = await queries.bySchool(period);
  const measured = performance.now();
  await queries.bySchool(period, [expected[0]!.urn]);
  const school = performance.now();
  const ours = [...authority]
    .sort((a, b) => a.urn - b.urn)
    .map((row) => ({
      urn: row.urn,
      pupils: row.pupils,
      possible: row.possible_sessions,
      absencePct: row.overall_absence_pct,
      persistent: row.persistent_absentees,
      severe: row.severe_absentees,
    }));
  return {
    database: label,
    importMs: imported - started,
    authorityMs: measured - imported,
    schoolMs: school - measured,
    totalMs: measured - started,
    stallMs: stall.max / 1e6,
    identical: JSON.stringify(ours) === JSON.stringify(expected),
  };
}

export async function attendanceBench(options: {
  pupils: number;
  postgresUrl?: string;
  log: (line: string) => void;
}): Promise<AttendanceBenchResult> {
  const scratch = mkdtempSync(join(tmpdir(), 'inclusion-hub-attendance-bench-'));
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const schools = readHaveringSchools();
    const path = join(scratch, 'marks.csv');
    let t = performance.now();
    const marks = await generate(
      path,
      options.pupils,
      schools.map((school) => school.urn),
    );
    const generateMs = performance.now() - t;
    options.log(
      `  generated ${marks.toLocaleString('en-GB')} marks (${(statSync(path).size / 1e6).toFixed(0)} MB) in ${(generateMs / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const expected = await duckdbMeasures(path);
    const duckdbMs = performance.now() - t;
    options.log(`  DuckDB: ${(duckdbMs / 1000).toFixed(2)} s`);
    const runs = [];
    const embedded = await connect({});
    try {
      runs.push(await runOn('embedded (PGlite)', embedded, path, expected, schools));
    } finally {
      await embedded.close();
    }
    if (options.postgresUrl) {
      const server = await connect({ databaseUrl: options.postgresUrl });
      try {
        runs.push(await runOn('PostgreSQL server', server, path, expected, schools));
      } finally {
        await server.close();
      }
    }
    return {
      marks,
      pupils: options.pupils,
      csvBytes: statSync(path).size,
      generateMs,
      duckdbMs,
      runs,
      peakRssMb: peak / 1024 / 1024,
    };
  } finally {
    clearInterval(sampler);
    rmSync(scratch, { recursive: true, force: true });
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The attendance results as markdown, with each database's time as a ratio of DuckDB's. */
export function formatAttendance(result: AttendanceBenchResult): string {
  const rows = result.runs.map(
    (run) =>
      `| ${run.database} | ${seconds(run.importMs)} | ${Math.round(run.authorityMs)} ms | ${Math.round(run.schoolMs)} ms | ${seconds(run.totalMs)} | ${(run.totalMs / result.duckdbMs).toFixed(1)}× | ${Math.round(run.stallMs)} ms | ${run.identical ? 'yes' : '**no**'} |`,
  );
  return [
    `### Attendance: a borough year of session marks`,
    '',
    `${result.marks.toLocaleString('en-GB')} marks for ${result.pupils.toLocaleString('en-GB')} pupils at 83 schools (${(result.csvBytes / 1e6).toFixed(0)} MB of CSV, generated in ${seconds(result.generateMs)}).`,
    `Baseline: DuckDB reads the CSV and computes every school's measures in **${seconds(result.duckdbMs)}**.`,
    '',
    '| database | import (read, check, store) | every school’s measures | one school’s | import + measures | × DuckDB | longest event-loop stall during the import | same numbers as DuckDB |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Peak memory of the benchmark process (DuckDB, the import and its worker): ${Math.round(result.peakRssMb)} MB.`,
    '',
  ].join('\n');
}
