import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/app.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import { schoolYearStarting } from '../../platform/school-year.ts';
import * as m023 from '../../db/migrations/023_attendance_aggregates.ts';
import { attendanceQueries, type Period } from '../measures/repository.ts';
import { DFE_THRESHOLDS, type Thresholds } from '../measures/rules.ts';
import { storedSchoolYear } from '../rules.ts';
import { refreshGroupTotals } from './repository.ts';
import { makeUpn } from '../../children/rules.ts';
import { replaceRoll } from '../roll/repository.ts';
import type { RollRow } from '../roll/forms.ts';

let t: TestApp;
let period: Period;
let year: string;
let urns: number[];
const db = () => t.connection.db;
const officer = { id: 0, name: 'Officer', email: 'o@x', roles: ['attendance_officer'], schoolUrns: [] };

/** The same figures from the stored totals and, the slow way, from the marks. */
async function bothWays(scope: readonly number[] | undefined, thresholds: Thresholds = DFE_THRESHOLDS) {
  const [totals, marks] = [attendanceQueries(db(), t.clock), attendanceQueries(db(), t.clock, { fromMarks: true })];
  const read = async (queries: typeof totals) => ({
    years: await queries.years(),
    schools: await queries.bySchool(period, scope, thresholds),
    groups: await queries.byGroup(period, scope, thresholds),
    severe: await queries.pupilsMissingAtLeast(period, thresholds.severePercent, scope),
  });
  return { totals: await read(totals), marks: await read(marks) };
}

/** The stored totals as they are, in order. */
const storedTotals = () =>
  db()
    .selectFrom('attendance_group_totals')
    .selectAll()
    .orderBy('academic_year')
    .orderBy('urn')
    .orderBy('on_roll')
    .orderBy('year_group')
    .orderBy('sen')
    .orderBy('fsm')
    .orderBy('eal')
    .execute();

async function setThresholds(persistent: number, severe: number) {
  for (const [key, value] of [
    ['persistent-absence-percent', persistent],
    ['severe-absence-percent', severe],
  ] as const)
    await sql`insert into settings (key, value) values (${key}, ${JSON.stringify(value)}::jsonb)
      on conflict (key) do update set value = excluded.value`.execute(db());
}

beforeAll(async () => {
  t = await createTestApp();
  year = (await attendanceQueries(db(), t.clock, { fromMarks: true }).years())[0]!;
  const startYear = storedSchoolYear(year)!.start;
  period = { startYear, ...schoolYearStarting(startYear) };
  urns = (await db().selectFrom('attendance_marks').select('urn').distinct().orderBy('urn').execute()).map(
    (row) => row.urn,
  );
});
afterAll(() => t.close());

describe('the stored attendance totals give the same figures as the marks', () => {
  it('on the demo borough, for every school, one school and each group of pupils', async () => {
    for (const scope of [undefined, [urns[0]!], urns.slice(3, 9)]) {
      const { totals, marks } = await bothWays(scope);
      expect(totals).toEqual(marks);
      expect(totals.schools.length).toBe(scope?.length ?? urns.length);
    }
    const { totals } = await bothWays(undefined);
    expect(totals.groups.find((dimension) => dimension.key === 'sen')!.rows.map((row) => row.group)).toEqual(
      expect.arrayContaining(['SEN support', 'Education, health and care plan', 'No special educational needs']),
    );
  });

  it('the migration fills the totals from the marks held as the marks import keeps them', async () => {
    await db()
      .transaction()
      .execute((trx) => refreshGroupTotals(trx, year, urns));
    const kept = await storedTotals();
    expect(kept.length).toBeGreaterThan(urns.length);
    await m023.down(db());
    await m023.up(db());
    expect(await storedTotals()).toEqual(kept);
  });

  it('at thresholds other than those the totals were counted at, the figures still agree (counted from the marks)', async () => {
    const { totals, marks } = await bothWays(undefined, { persistentPercent: 20, severePercent: 40 });
    expect(totals).toEqual(marks);
    expect(totals.schools.some((school) => school.persistent_absentees > 0)).toBe(true);
  });

  it('after the thresholds change, the next import counts the totals at the new ones', async () => {
    await setThresholds(15, 45);
    try {
      await db()
        .transaction()
        .execute((trx) => refreshGroupTotals(trx, year, urns));
      const { totals, marks } = await bothWays(undefined, { persistentPercent: 15, severePercent: 45 });
      expect(totals).toEqual(marks);
      expect(new Set((await storedTotals()).map((row) => `${row.persistent_percent}/${row.severe_percent}`))).toEqual(
        new Set(['15/45']),
      );
    } finally {
      await setThresholds(DFE_THRESHOLDS.persistentPercent, DFE_THRESHOLDS.severePercent);
      await db()
        .transaction()
        .execute((trx) => refreshGroupTotals(trx, year, urns));
    }
  });

  it('after a marks import and a roll import, in the same transactions', async () => {
    const urn = urns[1]!;
    const pupils = await db()
      .selectFrom('pupil_roll')
      .select(['upn', 'first_name', 'last_name', 'date_of_birth', 'year_group'])
      .where('academic_year', '=', year)
      .where('urn', '=', urn)
      .orderBy('upn')
      .limit(40)
      .execute();
    const day = (
      await db()
        .selectFrom('attendance_school_weeks')
        .select('week_start')
        .where('urn', '=', urn)
        .where('academic_year', '=', year)
        .orderBy('week_start')
        .executeTakeFirstOrThrow()
    ).week_start;
    // Half the pupils absent all day, a new pupil not on the roll, the rest present.
    const lines = ['upn,urn,date,session,code'];
    pupils.forEach((pupil, index) =>
      lines.push(
        `${pupil.upn},${urn},${day},AM,${index % 2 ? 'I' : '/'}`,
        `${pupil.upn},${urn},${day},PM,${index % 2 ? 'N' : '\\'}`,
      ),
    );
    lines.push(`${makeUpn(311, '2020', 99, 998)},${urn},${day},AM,O`);
    const folder = mkdtempSync(join(tmpdir(), 'attendance-totals-'));
    const path = join(folder, 'marks.csv');
    writeFileSync(path, lines.join('\n') + '\n');
    const user = {
      ...officer,
      id: (await db().selectFrom('users').select('id').executeTakeFirstOrThrow()).id,
    } as unknown as CurrentUser;
    const started = await t.services.attendanceImports.start({ userId: null, ip: null } as never, user, {
      path,
      originalname: 'marks.csv',
    });
    if (!started.ok) throw new Error(started.message);
    await started.done;
    expect(
      await db()
        .selectFrom('attendance_imports')
        .select(['status', 'problems'])
        .where('id', '=', started.id)
        .executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'imported' });
    let { totals, marks } = await bothWays(undefined);
    expect(totals).toEqual(marks);
    expect(totals.groups[0]!.rows.map((row) => row.group)).toContain('Not on the roll');

    // The school's roll again, with every pupil now on free school meals and the first half gone.
    const roll = pupils.slice(20).map((pupil) => ({
      urn,
      upn: pupil.upn,
      firstName: pupil.first_name,
      lastName: pupil.last_name,
      dateOfBirth: pupil.date_of_birth,
      yearGroup: pupil.year_group as RollRow['yearGroup'],
      sen: 'K' as const,
      fsm: true,
      eal: false,
    }));
    await db()
      .transaction()
      .execute((trx) => replaceRoll(trx, year, roll, null));
    ({ totals, marks } = await bothWays(undefined));
    expect(totals).toEqual(marks);
    ({ totals, marks } = await bothWays([urn]));
    expect(totals).toEqual(marks);
    expect(totals.groups.find((dimension) => dimension.key === 'fsm')!.rows.map((row) => row.group)).toEqual([
      'Free school meals',
      'Not on the roll',
    ]);
  });
});
