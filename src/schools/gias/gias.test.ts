import { fixedClock } from '../../platform/clock.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../db/connection.ts';
import { emptyDatabase } from '../../../test/support/database.ts';
import {
  FIXTURE_COUNTS,
  FIXTURE_LA,
  FIXTURE_PATH,
  FIXTURE_ROWS,
  fixtureText,
} from '../../../test/support/gias-fixture.ts';
import { giasRow, giasText, GIAS_HEADER, utf8WithBom, windows1252 } from '../../../test/support/gias-file.ts';
import { importGiasFile } from './repository.ts';

const folder = mkdtempSync(join(tmpdir(), 'gias-import-'));
const ACTOR = { userId: null, ip: null };
const clock = fixedClock(new Date('2026-01-10T09:00:00Z'));
let connection: Connection;

beforeAll(async () => (connection = await emptyDatabase()));
afterAll(() => connection.close());
// Each test starts from no schools.
beforeEach(async () => {
  await connection.db.deleteFrom('children').execute();
  await connection.db.deleteFrom('schools').execute();
  await connection.db.deleteFrom('audit_events').execute();
});

function fileOf(name: string, bytes: Buffer): string {
  const path = join(folder, name);
  writeFileSync(path, bytes);
  return path;
}

const importFile = (path: string) =>
  importGiasFile(connection.db, ACTOR, { path, laCode: FIXTURE_LA, clock, source: 'test' });
const schools = () => connection.db.selectFrom('schools').selectAll().orderBy('urn').execute();
const school = (urn: number) =>
  connection.db.selectFrom('schools').selectAll().where('urn', '=', urn).executeTakeFirstOrThrow();

describe('importing the authority’s schools from the GIAS establishment file', () => {
  it('keeps only the authority’s open state-funded schools, in the service’s phases, with names read from Windows-1252', async () => {
    const outcome = await importFile(FIXTURE_PATH);
    expect(outcome.ok).toBe(true);
    const kept = await schools();
    expect(kept.map((each) => each.urn)).toEqual([
      140005, 900001, 900002, 900003, 900004, 900006, 900007, 900008, 900020,
    ]);
    expect(kept.every((each) => each.status === 'open' && each.la_code === 938 && each.census_year === null)).toBe(
      true,
    );
    expect(await school(900002)).toMatchObject({
      name: 'St Mary’s CofE Primary School',
      phase: 'Primary',
      maintained: true,
      laestab: '9383301',
    });
    expect(await school(900003)).toMatchObject({
      name: 'Brontë Park Academy',
      phase: 'Secondary',
      maintained: false,
      governance: 'Academy/free school (Academy sponsor led)',
    });
    expect(await school(900004)).toMatchObject({
      name: 'Oak, Ash and Elm Federated Infant School',
      phase: 'Primary',
      statutory_high_age: 7,
    });
    expect(await school(900006)).toMatchObject({
      phase: 'Special',
      maintained: true,
      school_type: 'State-funded special school',
    });
    expect(await school(900007)).toMatchObject({ phase: 'PRU/AP', maintained: true });
    expect(await school(900008)).toMatchObject({ phase: 'PRU/AP', maintained: false });
    expect(await school(900001)).toMatchObject({
      open_date: '1950-01-01',
      establishment_type: 'Community school',
      establishment_type_group: 'Local authority maintained schools',
    });
  });

  it('counts what it left out by reason: other authorities, independent, closed, not yet open and other kinds', async () => {
    const outcome = await importFile(FIXTURE_PATH);
    expect(outcome).toEqual({ ok: true, counts: FIXTURE_COUNTS });
    const audit = await connection.db
      .selectFrom('audit_events')
      .select(['action', 'record_type', 'details'])
      .where('record_type', '=', 'gias-schools')
      .execute();
    expect(audit).toEqual([
      {
        action: 'import',
        record_type: 'gias-schools',
        details: expect.objectContaining({ imported: 9, source: 'test' }),
      },
    ]);
  });

  it('links a converter academy to the predecessor school it replaced', async () => {
    await importFile(FIXTURE_PATH);
    expect((await school(140005)).predecessor_urn).toBe(900005);
  });

  it('on a re-import updates a renamed school and marks closed, without deleting, a school the file shows closed or no longer lists', async () => {
    await importFile(FIXTURE_PATH);
    await connection.db
      .insertInto('children')
      .values({
        first_name: 'Test',
        last_name: 'Child',
        date_of_birth: '2017-03-27',
        school_urn: 900002,
        year_group: 'Year 3',
      })
      .execute();
    const changed = FIXTURE_ROWS.filter((row) => row.URN !== 900020).map((row) => {
      if (row.URN === 900001) return { ...row, EstablishmentName: 'Northgate Primary School' };
      if (row.URN === 900002) return { ...row, 'EstablishmentStatus (name)': 'Closed', CloseDate: '31-12-2025' };
      return row;
    });
    const outcome = await importFile(fileOf('second.csv', windows1252(fixtureText(changed))));
    expect(outcome.ok && outcome.counts).toMatchObject({
      imported: 0,
      updated: 1,
      unchanged: 6,
      closed: 2,
      leftOut: FIXTURE_COUNTS.leftOut,
    });
    expect(await school(900001)).toMatchObject({ name: 'Northgate Primary School', status: 'open' });
    expect(await school(900002)).toMatchObject({ status: 'closed', close_date: '2025-12-31' });
    expect(await school(900020)).toMatchObject({ status: 'closed', close_date: null });
    expect(await connection.db.selectFrom('children').select('school_urn').execute()).toEqual([{ school_urn: 900002 }]);
  });

  it('keeps a school’s census figures when the register brings its details up to date', async () => {
    await connection.db
      .insertInto('schools')
      .values({
        urn: 900001,
        laestab: '9382001',
        la_code: 938,
        name: 'Northgate CP',
        phase: 'Primary',
        school_type: 'State-funded primary',
        governance: 'LA maintained (Community School)',
        maintained: true,
        number_on_roll: 321,
        sen_support_count: 40,
        ehcp_count: 5,
        census_year: 'January 2019',
      })
      .execute();
    const outcome = await importFile(FIXTURE_PATH);
    expect(outcome.ok && outcome.counts).toMatchObject({ imported: 8, updated: 1 });
    expect(await school(900001)).toMatchObject({
      name: 'Northgate Community Primary School',
      number_on_roll: 321,
      sen_support_count: 40,
      ehcp_count: 5,
      census_year: 'January 2019',
      establishment_type: 'Community school',
    });
  });

  it('accepts the file as UTF-8 with a byte order mark', async () => {
    const outcome = await importFile(fileOf('utf8.csv', utf8WithBom(fixtureText())));
    expect(outcome).toEqual({ ok: true, counts: FIXTURE_COUNTS });
    expect((await school(900003)).name).toBe('Brontë Park Academy');
  });

  it('refuses a file without a column it needs, naming the column, and changes nothing', async () => {
    await importFile(FIXTURE_PATH);
    const before = await schools();
    const missing = GIAS_HEADER.indexOf('EstablishmentStatus (name)');
    const header = GIAS_HEADER.filter((_, i) => i !== missing);
    const rows = FIXTURE_ROWS.map((row) =>
      giasRow({ ...row, EstablishmentName: `${row.EstablishmentName} renamed` }).filter((_, i) => i !== missing),
    );
    const outcome = await importFile(fileOf('missing.csv', windows1252(giasText(rows, header))));
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.problems[0]).toEqual({
      row: 1,
      column: 'EstablishmentStatus (name)',
      message: expect.stringContaining('must have a column named EstablishmentStatus (name)'),
    });
    expect(await schools()).toEqual(before);
  });

  it('refuses a file with a bad value in one of the authority’s rows, naming its row and column, and changes nothing', async () => {
    const rows = FIXTURE_ROWS.map((row) => (row.URN === 900008 ? { ...row, OpenDate: '2024-09-01' } : row));
    const outcome = await importFile(fileOf('bad-date.csv', windows1252(fixtureText(rows))));
    expect(outcome).toEqual({
      ok: false,
      problemCount: 1,
      problems: [{ row: 10, column: 'OpenDate', message: '‘2024-09-01’ is not a date like 01-09-2024' }],
    });
    expect(await schools()).toEqual([]);
    expect(readFileSync(FIXTURE_PATH).includes(Buffer.from('Bront\xeb', 'latin1'))).toBe(true);
  });
});
