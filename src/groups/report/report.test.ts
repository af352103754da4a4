import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import {
  clearGroups,
  makeCluster,
  makePlace,
  makeProgramme,
  markPlace,
  marks,
} from '../../../test/support/group-registers.ts';

// A small worked year, 2025/26, on the demo term dates.
const YEAR = '2025/26';
const BROADFORD = DEMO_SCHOOL_URN;
const MEAD = 102322;
const NEWTONS = 102319;
const AUTUMN_2 = ['2025-11-04', '2025-11-11', '2025-11-18', '2025-11-25', '2025-12-02', '2025-12-09'];
const SPRING_1_TUESDAYS = ['2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27', '2026-02-03', '2026-02-10'];
const SPRING_1_WEDNESDAYS = ['2026-01-07', '2026-01-14', '2026-01-21', '2026-01-28', '2026-02-04', '2026-02-11'];

/** The cells of the table row headed `label` (the first after `after`, when given). */
function rowCells(html: string, label: string, after = ''): string[] {
  const from = after ? html.indexOf(after) : 0;
  const start = html.indexOf(`<th scope="row" class="govuk-table__header">${label}</th>`, from);
  if (start < 0) throw new Error(`No row ${label}`);
  const row = html.slice(start, html.indexOf('</tr>', start));
  return [...row.matchAll(/<td class="govuk-table__cell[^"]*">([^<]*)<\/td>/g)].map((match) => match[1]);
}

describe('the groups report (per year and half term)', () => {
  let t: TestApp;
  let manager: Agent;

  beforeAll(async () => {
    ({ t, agent: manager } = await appSignedInAs('team_manager'));
    const db = t.services.db;
    await clearGroups(db);
    // Mead moves from Harold Hill to Romford on 1 January 2026 (history kept).
    const haroldHill = await makeCluster(db, {
      year: YEAR,
      name: 'Harold Hill',
      schools: [
        { urn: BROADFORD, joinedOn: '2025-09-01' },
        { urn: MEAD, joinedOn: '2025-09-01', leftOn: '2026-01-01' },
      ],
    });
    const romford = await makeCluster(db, {
      year: YEAR,
      name: 'Romford',
      schools: [
        { urn: NEWTONS, joinedOn: '2025-09-01' },
        { urn: MEAD, joinedOn: '2026-01-01' },
      ],
    });

    // Autumn 2 2025: a parent group for Harold Hill, capacity 10, with a measure.
    const p1 = await makeProgramme(db, {
      year: YEAR,
      termName: 'Autumn 2 2025',
      clusterId: haroldHill,
      capacity: 10,
      measureName: 'Parenting Stress Index',
      sessions: AUTUMN_2,
    });
    const place = (input: Parameters<typeof makePlace>[1]) => makePlace(db, input);
    await markPlace(
      db,
      await place({ programmeId: p1.id, urn: BROADFORD, parentName: 'A', pre: 80, post: 62.5 }),
      p1.sessionIds,
      marks('AAAAAP'),
    );
    await markPlace(
      db,
      await place({ programmeId: p1.id, urn: MEAD, parentName: 'B', pre: 70, post: 71 }),
      p1.sessionIds,
      marks('AAPDDD'),
    );
    await markPlace(
      db,
      await place({
        programmeId: p1.id,
        urn: NEWTONS,
        parentName: 'C',
        children: [{ urn: NEWTONS }, { urn: BROADFORD }],
      }),
      p1.sessionIds,
      marks('AAAAAA'),
    );
    await markPlace(
      db,
      await place({ programmeId: p1.id, status: 'withdrawn', urn: NEWTONS, parentName: 'D' }),
      p1.sessionIds,
      marks('A'),
    );
    await place({ programmeId: p1.id, status: 'withdrawn', urn: MEAD, parentName: 'E' });
    await place({ programmeId: p1.id, status: 'waiting', urn: MEAD, parentName: 'F' });
    await markPlace(
      db,
      await place({ programmeId: p1.id, urn: BROADFORD, parentName: 'G' }),
      p1.sessionIds,
      marks('DDDDDD'),
    );

    // Spring 1 2026: a parent group for Romford, capacity 8, no measure.
    const p2 = await makeProgramme(db, {
      year: YEAR,
      termName: 'Spring 1 2026',
      clusterId: romford,
      capacity: 8,
      sessions: SPRING_1_TUESDAYS,
    });
    await markPlace(
      db,
      await place({ programmeId: p2.id, urn: MEAD, parentName: 'H' }),
      p2.sessionIds,
      marks('AAAAAA'),
    );
    await markPlace(
      db,
      await place({ programmeId: p2.id, urn: BROADFORD, parentName: 'I' }),
      p2.sessionIds,
      marks('AAAA'),
    );

    // Spring 1 2026: a small group at Mead, capacity 6, on another measure.
    const p3 = await makeProgramme(db, {
      kind: 'small-group',
      urn: MEAD,
      year: YEAR,
      termName: 'Spring 1 2026',
      capacity: 6,
      measureName: 'Boxall Profile',
      sessions: SPRING_1_WEDNESDAYS,
    });
    await markPlace(
      db,
      await place({ programmeId: p3.id, urn: MEAD, pre: 20, post: 30 }),
      p3.sessionIds,
      marks('AAAAAA'),
    );
    await markPlace(
      db,
      await place({ programmeId: p3.id, urn: MEAD, pre: 25, post: 28 }),
      p3.sessionIds,
      marks('AAAAAD'),
    );

    // Not run: a cancelled group, and one with no sessions.
    const p4 = await makeProgramme(db, {
      year: YEAR,
      termName: 'Summer 1 2026',
      clusterId: romford,
      capacity: 12,
      cancelled: true,
      sessions: ['2026-04-14'],
    });
    await markPlace(db, await place({ programmeId: p4.id, urn: MEAD, parentName: 'J' }), p4.sessionIds, marks('A'));
    await makeProgramme(db, { year: YEAR, termName: 'Summer 2 2026', clusterId: romford, capacity: 12, sessions: [] });

    // Individual casework: three cases allocated in the year; capacity 200 in the approved plan (Havering SEMH Team proposal).
    await db.updateTable('cases').set({ academic_year: '2024/25' }).where('academic_year', '=', YEAR).execute();
    const cases = await db.selectFrom('cases').select('id').orderBy('id').limit(3).execute();
    await db
      .updateTable('cases')
      .set({ academic_year: YEAR })
      .where(
        'id',
        'in',
        cases.map((c) => c.id),
      )
      .execute();
    await db.deleteFrom('allocation_plans').where('academic_year', '=', YEAR).execute();
    await db
      .insertInto('allocation_plans')
      .values({
        academic_year: YEAR,
        version: 1,
        status: 'approved',
        capacity: 200,
        core_offer: 1,
        group_share: 0,
        scope: 'maintained-primary',
        small_groups: '{}',
        rows: '[]',
      })
      .execute();
  });
  afterAll(() => t.close());

  it('counts programmes run, places offered, taken and completed, the completion rate and families reached per half term, split by parent groups and small groups', async () => {
    const page = await manager.get(`/groups/report?year=${encodeURIComponent(YEAR)}`);
    expect(page.status).toBe(200);
    const html = page.text;
    // Programmes run, offered, taken, completed, in progress, completion rate, families reached.
    expect(rowCells(html, 'Autumn 2 2025', 'Parent groups by half term')).toEqual([
      '1',
      '10',
      '5',
      '2',
      '0',
      '40%',
      '4',
    ]);
    expect(rowCells(html, 'Spring 1 2026', 'Parent groups by half term')).toEqual([
      '1',
      '8',
      '2',
      '1',
      '0',
      '50%',
      '2',
    ]);
    expect(rowCells(html, 'Summer 1 2026', 'Parent groups by half term')).toEqual(['0', '0', '0', '0', '0', '–', '0']);
    expect(rowCells(html, 'Whole year', 'Parent groups by half term')).toEqual(['2', '18', '7', '3', '0', '43%', '6']);
    expect(rowCells(html, 'Spring 1 2026', 'Small groups by half term')).toEqual([
      '1',
      '6',
      '2',
      '2',
      '0',
      '100%',
      '2',
    ]);
    expect(rowCells(html, 'Whole year', 'Small groups by half term')).toEqual(['1', '6', '2', '2', '0', '100%', '2']);
    expect(rowCells(html, 'Whole year', 'All groups by half term')).toEqual(['3', '24', '9', '5', '0', '56%', '8']);
    expect(html).toContain('govuk-table__cell--numeric');
  });

  it('averages the change on each pre/post measure on its own, and says which measures were used', async () => {
    const html = (await manager.get(`/groups/report?year=${encodeURIComponent(YEAR)}`)).text;
    expect(html).toContain('Measures used: Boxall Profile, Parenting Stress Index.');
    expect(rowCells(html, 'Parenting Stress Index')).toEqual(['Autumn 2 2025', '1', '2', '−8.3']);
    expect(rowCells(html, 'Boxall Profile')).toEqual(['Spring 1 2026', '1', '2', '+6.5']);
  });

  it('counts families reached by school and by cluster: a family at two schools once for each, once in all; a moved school by its cluster on the first session', async () => {
    const html = (await manager.get(`/groups/report?year=${encodeURIComponent(YEAR)}`)).text;
    expect(rowCells(html, 'Mead Primary School', 'By school')).toEqual(['4']);
    expect(rowCells(html, 'Broadford Primary School', 'By school')).toEqual(['3']);
    expect(rowCells(html, 'Newtons Primary School', 'By school')).toEqual(['2']);
    expect(rowCells(html, 'All families reached', 'By school')).toEqual(['8']);
    expect(rowCells(html, 'Harold Hill', 'By cluster')).toEqual(['4']);
    expect(rowCells(html, 'Romford', 'By cluster')).toEqual(['5']);
    expect(rowCells(html, 'All families reached', 'By cluster')).toEqual(['8']);
  });

  it('sets families reached through groups beside individual casework against the year’s capacity (Havering SEMH Team proposal: c200 families, about 120 individual cases)', async () => {
    const html = (await manager.get(`/groups/report?year=${encodeURIComponent(YEAR)}`)).text;
    expect(rowCells(html, 'Through groups')).toEqual(['8']);
    expect(rowCells(html, 'Through individual casework')).toEqual(['3']);
    expect(rowCells(html, 'In all')).toEqual(['11']);
    expect(rowCells(html, 'Capacity in the approved allocation plan')).toEqual(['200']);
    expect(rowCells(html, 'Capacity left for groups after individual casework')).toEqual(['197']);
    expect(html).toContain('about 200 families a year with about 120 individual cases');
  });

  it('downloads the figures as CSV, audited with counts only', async () => {
    const response = await manager.get(`/groups/report.csv?year=${encodeURIComponent(YEAR)}`);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.headers['content-disposition']).toContain('groups-report-2025-26.csv');
    const [header, ...rows] = parse(response.text) as string[][];
    expect(header.slice(0, 5)).toEqual(['Year', 'Section', 'Half term', 'Group type', 'Name']);
    const find = (section: string, halfTerm: string, groupType: string, name = '') =>
      rows.find((row) => row[1] === section && row[2] === halfTerm && row[3] === groupType && row[4] === name);
    expect(find('Places', 'Whole year', 'All groups')?.slice(5, 12)).toEqual(['3', '24', '9', '5', '0', '56', '8']);
    expect(find('Measure', 'Whole year', '', 'Parenting Stress Index')?.slice(12)).toEqual(['2', '-8.3']);
    expect(find('Families by cluster', 'Whole year', '', 'Romford')?.[11]).toBe('5');
    expect(find('Groups and casework', 'Whole year', '', 'Families reached through individual casework')?.[11]).toBe(
      '3',
    );
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id', 'details'])
      .where('record_type', '=', 'group-report')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'export', record_id: YEAR, details: { rows: rows.length } });
  });

  it('shows an empty state for a year without programmes, and a year selector', async () => {
    const page = await manager.get('/groups/report?year=2027/28');
    expect(page.text).toContain('No group programmes have been set up for 2027 to 2028 yet.');
    expect(page.text).toContain('<option value="2025/26"');
    expect(page.text).toContain('There is no approved allocation plan for 2027 to 2028');
  });

  it('is for the senior practitioner, team managers and analysts only', async () => {
    expect((await (await t.signIn('analyst')).get('/groups/report')).status).toBe(200);
    expect((await (await t.signIn('senior_practitioner')).get('/groups/report.csv')).status).toBe(200);
    expect((await (await t.signIn('school_user')).get('/groups/report')).status).toBe(403);
    expect((await (await t.signIn('practitioner')).get('/groups/report.csv')).status).toBe(403);
  });
});
