import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { makeUpn } from '../../children/rules.ts';
import { problemLines } from '../../platform/csv-import.ts';
import { parseRollCsv, parseYearGroup } from './forms.ts';

const OTHER_SCHOOL = 102322;
const YEAR = '2026/27';
const HEADER = 'upn,first_name,last_name,date_of_birth,urn,year_group,sen,fsm,eal';
const upn = (serial: number) => makeUpn(311, '4000', 20, serial);
const csv = (...lines: string[]) => [HEADER, ...lines].join('\r\n');
const pupil = (serial: number, urn = DEMO_SCHOOL_URN) => `${upn(serial)},Ada,Example,2018-03-01,${urn},3,N,Y,N`;

describe('reading a pupil roll file', () => {
  const context = {
    known: new Set([DEMO_SCHOOL_URN, OTHER_SCHOOL]),
    scope: { kind: 'all' as const },
    today: '2026-11-25',
  };

  it('reads year groups as R, N1, N2 or 1 to 13, and also Reception, Year 7 or Y7', () => {
    expect(['R', 'reception', 'N1', '1', '07', 'Year 7', 'Y13'].map((value) => parseYearGroup(value))).toEqual(
      ['R', 'R', 'N1', '1', '7', '7', '13'].map((value) => ({ ok: true, value })),
    );
    expect(parseYearGroup('14').ok).toBe(false);
    expect(parseYearGroup('Year 0').ok).toBe(false);
  });

  it('reads every pupil with SEN, FSM and EAL', () => {
    const result = parseRollCsv(
      csv(pupil(1), `${upn(2)},Ben,Example,01/09/2012,${OTHER_SCHOOL},Year 9,E,N,yes`),
      context,
    );
    expect(result.ok && result.rows).toEqual([
      {
        upn: upn(1),
        firstName: 'Ada',
        lastName: 'Example',
        dateOfBirth: '2018-03-01',
        urn: DEMO_SCHOOL_URN,
        yearGroup: '3',
        sen: 'N',
        fsm: true,
        eal: false,
      },
      {
        upn: upn(2),
        firstName: 'Ben',
        lastName: 'Example',
        dateOfBirth: '2012-09-01',
        urn: OTHER_SCHOOL,
        yearGroup: '9',
        sen: 'E',
        fsm: false,
        eal: true,
      },
    ]);
  });

  it('names the row and column of every problem', () => {
    const result = parseRollCsv(
      csv(
        pupil(1),
        `${upn(1)},,Example,2018-02-30,${DEMO_SCHOOL_URN},14,S,maybe,N`,
        `X123,Cy,Example,2027-01-01,123456,R,K,N,N`,
      ),
      context,
    );
    expect(result.ok ? [] : problemLines(result.problems)).toEqual([
      'Row 3, upn: this pupil is already in row 2 for the same school',
      'Row 3, first_name: enter the pupil’s first name',
      'Row 3, date_of_birth: enter a real date, like 2017-03-27',
      'Row 3, year_group: enter the year group as R, 1 to 13, N1 or N2',
      'Row 3, sen: enter N (no SEN), K (SEN support) or E (EHC plan)',
      'Row 3, fsm: enter Y or N for fsm',
      'Row 4, upn: enter a real UPN (13 characters with a correct check letter)',
      'Row 4, urn: no school with URN 123456 in this authority',
      'Row 4, date_of_birth: the date of birth must be in the past',
    ]);
  });
});

describe('importing a pupil roll', () => {
  let t: TestApp;
  let agent: Agent;
  const upload = async (as: Agent, text: string, year = YEAR) =>
    as
      .post(`/attendance/roll?_csrf=${encodeURIComponent(await csrfToken(as))}`)
      .field('year', year)
      .attach('file', Buffer.from(text), 'roll.csv');
  const onRoll = async (urn: number) =>
    Number(
      (
        await t.services.db
          .selectFrom('pupil_roll')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('urn', '=', urn)
          .where('academic_year', '=', YEAR)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('attendance_officer'));
    await t.services.db.deleteFrom('pupil_roll').execute(); // start from no roll, whatever the demo holds
  });
  afterAll(() => t.close());

  it('imports a good file for two schools, audited with counts only, and lists the schools with their pupils', async () => {
    const response = await upload(agent, csv(pupil(1), pupil(2), pupil(3, OTHER_SCHOOL)));
    expect(response.status).toBe(302);
    expect(await onRoll(DEMO_SCHOOL_URN)).toBe(2);
    const page = await agent.get(response.headers.location);
    expect(page.text).toContain('Imported 3 pupils at 2 schools for 2026 to 2027');
    expect(page.text).toMatch(/2 schools with pupils on roll for 2026 to 2027 \(3 pupils\)/);
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['details', 'record_id'])
      .where('record_type', '=', 'pupil-roll')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ record_id: YEAR, details: { schools: 2, pupils: 3, replaced: 0 } });
    expect(JSON.stringify(entry)).not.toContain('Ada');
  });

  it('a re-import for a school replaces that school’s roll for the year and leaves the others', async () => {
    expect((await upload(agent, csv(pupil(4)))).status).toBe(302);
    expect(await onRoll(DEMO_SCHOOL_URN)).toBe(1);
    expect(await onRoll(OTHER_SCHOOL)).toBe(1);
  });

  it('refuses a bad file, naming the row and column in the error summary, and changes nothing', async () => {
    const response = await upload(agent, csv(pupil(5), `${upn(6)},Ada,Example,2018-03-01,${DEMO_SCHOOL_URN},3,X,Y,N`));
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Row 3, sen: enter N (no SEN), K (SEN support) or E (EHC plan)');
    expect(response.text).toContain('value="2026/27"');
    expect(await onRoll(DEMO_SCHOOL_URN)).toBe(1);
  });

  it('asks for the year and the file', async () => {
    const response = await agent
      .post(`/attendance/roll?_csrf=${encodeURIComponent(await csrfToken(agent))}`)
      .field('year', '2026/28');
    expect(response.status).toBe(400);
    expect(response.text).toContain('Enter the academic year like 2026/27');
    expect(response.text).toContain('Select a CSV file');
  });

  it('gives a template with the columns', async () => {
    const response = await agent.get('/attendance/roll/template.csv');
    expect(response.text).toBe(`${HEADER}\r\n`);
  });

  it('a school user imports for their own school but is refused for another, and sees only their own', async () => {
    const school = await t.signIn('school_user');
    const refused = await upload(school, csv(pupil(7), pupil(8, OTHER_SCHOOL)));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Row 3, urn: you can only record pupils at your own schools');
    expect(await onRoll(DEMO_SCHOOL_URN)).toBe(1);
    expect((await upload(school, csv(pupil(7), pupil(8)))).status).toBe(302);
    const page = await school.get('/attendance/roll');
    expect(page.text).toMatch(/1 school with pupils on roll for 2026 to 2027 \(2 pupils\)/);
  });

  it('an analyst sees the roll page but cannot import', async () => {
    const analyst = await t.signIn('analyst');
    const page = await analyst.get('/attendance/roll');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Import pupil roll');
    expect((await analyst.post('/attendance/roll').field('year', YEAR)).status).toBe(403);
  });
});
