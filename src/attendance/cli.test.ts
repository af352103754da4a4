import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeUpn } from '../children/rules.ts';

const run = promisify(execFile);
const folder = mkdtempSync(join(tmpdir(), 'attendance-cli-'));
const A = makeUpn(311, '2001', 20, 1);
const B = makeUpn(311, '2001', 20, 2);

function marksFile(name: string, rows: string[]) {
  const path = join(folder, name);
  writeFileSync(path, ['upn,urn,date,session,code', ...rows].join('\r\n'));
  return path;
}

const cli = (...args: string[]) => run(process.execPath, ['src/attendance/cli.ts', 'measures', ...args]);

describe('the attendance command line prints the national measures from a marks file', () => {
  it('per school and in total, as one JSON object with rates to two decimals, over a date range', async () => {
    const rows: string[] = [];
    // 8 to 17 September 2025, two sessions a day: A misses 2 of 20 sessions (10%: persistent), B misses 11 of 20 (55%: severe).
    for (let day = 1; day <= 10; day++) {
      const date = `2025-09-${String(day + 7).padStart(2, '0')}`;
      for (const session of ['AM', 'PM']) {
        const slot = (day - 1) * 2 + (session === 'PM' ? 1 : 0);
        rows.push(`${A},102317,${date},${session},${slot < 2 ? 'I' : '/'}`);
        // The last session is a planned closure, written quoted as some exporters do: not a possible session.
        rows.push(`${B},102318,${date},${session},${slot < 11 ? 'N' : slot === 19 ? '"#"' : '/'}`);
      }
    }
    const path = marksFile('good.csv', rows);
    const { stdout } = await cli('--marks', path, '--format', 'json');
    const result = JSON.parse(stdout);
    expect(result.schools).toEqual([
      {
        urn: 102317,
        pupils: 1,
        possible_sessions: 20,
        absence_sessions: 2,
        authorised_sessions: 2,
        unauthorised_sessions: 0,
        overall_absence_pct: 10,
        persistent_absentees: 1,
        persistent_absence_pct: 100,
        severe_absentees: 0,
        severe_absence_pct: 0,
      },
      {
        urn: 102318,
        pupils: 1,
        possible_sessions: 19,
        absence_sessions: 11,
        authorised_sessions: 0,
        unauthorised_sessions: 11,
        overall_absence_pct: 57.89,
        persistent_absentees: 1,
        persistent_absence_pct: 100,
        severe_absentees: 1,
        severe_absence_pct: 100,
      },
    ]);
    expect(result.total).toMatchObject({
      pupils: 2,
      possible_sessions: 39,
      absence_sessions: 13,
      overall_absence_pct: 33.33,
      persistent_absentees: 2,
      severe_absentees: 1,
      severe_absence_pct: 50,
    });

    const lastWeek = JSON.parse((await cli('--marks', path, '--from', '2025-09-15', '--to', '2025-09-19')).stdout);
    // 15 to 17 September: 6 sessions for A, 5 possible for B (the closure is not possible), none missed.
    expect(lastWeek.total).toMatchObject({ possible_sessions: 11, absence_sessions: 0, persistent_absentees: 0 });
  });

  it('exits with an error naming the line and column when a row is wrong', async () => {
    const path = marksFile('bad.csv', [`${A},102317,2025-09-08,AM,/`, `${A},102317,2025-09-08,XX,/`]);
    const failure = await cli('--marks', path).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('line 3, column session: ‘XX’ is not a session: use AM or PM'),
    });
  });
});
