import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import { makeUpn } from '../../children/rules.ts';
import { ATTENDANCE_CODES } from '../rules.ts';
import { MarksReader } from '../marks/file/forms.ts';
import { countMarks, summarise } from './rules.ts';
import { attendanceQueries, combine, mondayOf } from './repository.ts';
import { sliceOf } from '../rules.ts';
import { saveMarks } from '../marks/repository.ts';

let t: TestApp;
let urns: number[];
const reader = new MarksReader({ today: '2026-11-25' });

/** A made-up autumn of marks: 60 pupils at three schools, each with their own mix of codes. */
function autumn() {
  const lines = ['upn,urn,date,session,code'];
  let seed = 7;
  const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let pupil = 0; pupil < 60; pupil++) {
    const upn = makeUpn(311, '2001', 21, pupil);
    const urn = urns[pupil % 3]!;
    const absence = [0, 0.05, 0.1, 0.3, 0.6][pupil % 5]!;
    for (let day = 0; day < 40; day++) {
      const date = new Date(Date.UTC(2025, 8, 1 + day));
      if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
      for (const session of ['AM', 'PM']) {
        const code =
          random() < absence ? ATTENDANCE_CODES[9 + Math.floor(random() * 25)]!.code : session === 'AM' ? '/' : '\\';
        lines.push(`${upn},${urn},${date.toISOString().slice(0, 10)},${session},"${code.replace('"', '""')}"`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

beforeAll(async () => {
  t = await createTestApp();
  urns = (await t.connection.db.selectFrom('schools').select('urn').orderBy('urn').limit(3).execute()).map(
    (row) => row.urn,
  );
  await t.connection.db.deleteFrom('attendance_marks').execute();
  await t.connection.db.deleteFrom('attendance_group_totals').execute();
  reader.push(autumn());
  reader.end();
  expect(reader.problems).toEqual([]);
  await t.connection.db
    .transaction()
    .execute((trx) => saveMarks(trx, { startYear: 2025, pupils: reader.pupils.values(), ranges: reader.ranges }));
});
afterAll(() => t.close());

describe('the measures from the stored marks agree with the measures from the file (DfE definitions)', () => {
  for (const [from, to] of [
    ['2025-08-01', '2026-07-31'],
    ['2025-09-08', '2025-09-12'],
    ['2025-09-15', '2025-10-03'],
  ]) {
    it(`per school and in total, from ${from} to ${to}`, async () => {
      const period = { startYear: 2025, from, to };
      const stored = await attendanceQueries(t.connection.db, t.clock).bySchool(period);
      const { start, end } = sliceOf(from, to, 2025);
      for (const urn of urns) {
        const expected = summarise(
          [...reader.pupils.values()]
            .filter((pupil) => pupil.urn === urn)
            .map((pupil) => countMarks(pupil.marks, start, end)),
        );
        expect(
          stored.find((row) => row.urn === urn),
          `school ${urn}`,
        ).toEqual({ urn, name: expect.any(String), phase: expect.any(String), ...expected });
      }
      expect(combine(stored)).toEqual(
        summarise([...reader.pupils.values()].map((pupil) => countMarks(pupil.marks, start, end))),
      );
    });
  }

  it('lists the pupils at or over a threshold, most absent first', async () => {
    const severe = await attendanceQueries(t.connection.db, t.clock).pupilsMissingAtLeast(
      { startYear: 2025, from: '2025-08-01', to: '2026-07-31' },
      50,
    );
    expect(severe.length).toBeGreaterThan(0);
    expect(severe.every((pupil) => pupil.absent * 2 >= pupil.possible)).toBe(true);
    expect(severe.map((pupil) => pupil.absencePct)).toEqual(
      [...severe.map((pupil) => pupil.absencePct)].sort((a, b) => b - a),
    );
  });

  it('gives the weekly trend from Monday to Friday weeks', async () => {
    const weeks = await attendanceQueries(t.connection.db, t.clock).weekly({
      startYear: 2025,
      from: '2025-09-01',
      to: '2025-10-10',
    });
    expect(weeks.map((week) => week.weekStart)).toEqual([
      '2025-09-01',
      '2025-09-08',
      '2025-09-15',
      '2025-09-22',
      '2025-09-29',
      '2025-10-06',
    ]);
    const firstWeek = combine(
      await attendanceQueries(t.connection.db, t.clock).bySchool({
        startYear: 2025,
        from: '2025-09-01',
        to: '2025-09-07',
      }),
    );
    expect(weeks[0]).toEqual({
      weekStart: '2025-09-01',
      possible: firstWeek.possible_sessions,
      absencePct: firstWeek.overall_absence_pct,
    });
    expect(mondayOf('2025-09-07')).toBe('2025-09-01');
  });
});
