import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../../demo/accounts.ts';
import { makeUpn } from '../../children/rules.ts';
import { inDays } from '../../../test/support/casework.ts';
import { schoolYearOf } from '../../platform/school-year.ts';

const OTHER_SCHOOL = 102322;
const HEADER = 'upn,urn,start_date,sessions,kind,reason';
const upn = (serial: number) => makeUpn(311, '4000', 20, serial);
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const DAY = inDays(-3);
const YEAR = schoolYearOf(DAY).key;
const PATH = '/attendance/suspensions';

describe('suspensions and permanent exclusions', () => {
  let t: TestApp;
  let agent: Agent;
  const upload = async (as: Agent, text: string) =>
    as
      .post(`${PATH}/import?_csrf=${encodeURIComponent(await csrfToken(as))}`)
      .attach('file', Buffer.from(text), 'suspensions.csv');
  const count = async () =>
    Number(
      (
        await t.services.db
          .selectFrom('suspensions')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const form = (extra: Record<string, string> = {}) => ({
    upn: upn(20),
    urn: String(DEMO_SCHOOL_URN),
    kind: 'suspension',
    sessions: '2',
    reason: 'VA',
    'startDate-day': DAY.slice(8),
    'startDate-month': DAY.slice(5, 7),
    'startDate-year': DAY.slice(0, 4),
    ...extra,
  });

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('attendance_officer'));
    // Start from no records and no roll: the rates below count against a roll of 4 pupils.
    await t.services.db.deleteFrom('suspensions').execute();
    await t.services.db.deleteFrom('pupil_roll').execute();
    await t.services.db
      .insertInto('pupil_roll')
      .values(
        [1, 2, 3, 4].map((n) => ({
          academic_year: YEAR,
          urn: DEMO_SCHOOL_URN,
          upn: upn(n),
          first_name: 'Pupil',
          last_name: `Number ${n}`,
          date_of_birth: '2018-01-01',
          year_group: '3',
          sen: 'N' as const,
          fsm: false,
          eal: false,
          imported_by: null,
        })),
      )
      .execute();
  });
  afterAll(() => t.close());

  it('shows the empty state', async () => {
    const page = await agent.get(PATH);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`No suspensions or permanent exclusions are recorded for ${schoolYearOf(DAY).label}`);
  });

  it('imports a good file and shows the DfE rates against the pupil roll, with names from the roll', async () => {
    const response = await upload(
      agent,
      csv(
        `${upn(1)},${DEMO_SCHOOL_URN},${DAY},2,suspension,DB`,
        `${upn(1)},${DEMO_SCHOOL_URN},${inDays(-10)},1,suspension,VA`,
        `${upn(2)},${DEMO_SCHOOL_URN},${DAY},4,permanent exclusion,PP`,
      ),
    );
    expect(response.status).toBe(302);
    expect(await count()).toBe(3);
    const page = await agent.get(`${PATH}?school=${DEMO_SCHOOL_URN}&year=${encodeURIComponent(YEAR)}`);
    expect(page.text).toContain('Imported 3 records');
    expect(page.text).toContain('Pupil Number 1');
    // 2 suspensions ÷ 4 pupils × 100 = 50; 1 permanent exclusion: 25; 1 pupil suspended: 25%.
    expect(page.text).toMatch(/Suspension rate \(per 100 pupils\)<\/dt><dd class="govuk-summary-list__value">50</);
    expect(page.text).toMatch(
      /Permanent exclusion rate \(per 100 pupils\)<\/dt><dd class="govuk-summary-list__value">25</,
    );
    expect(page.text).toContain('1 (25%)');
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'suspension')
      .where('action', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ rows: 3, schools: 1, added: 3, updated: 0 });
  });

  it('the same file again updates the records instead of adding them', async () => {
    const response = await upload(agent, csv(`${upn(1)},${DEMO_SCHOOL_URN},${DAY},3,suspension,DB`));
    expect(response.status).toBe(302);
    expect(await count()).toBe(3);
    expect((await agent.get(PATH)).text).toContain('Imported 0 records; 1 record already recorded was updated');
  });

  it('refuses a bad file naming the row and column, and imports nothing', async () => {
    const response = await upload(
      agent,
      csv(
        `${upn(5)},${DEMO_SCHOOL_URN},${DAY},2,suspension,DB`,
        `${upn(6)},${DEMO_SCHOOL_URN},${DAY},two,suspension,DB`,
      ),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'Row 3, sessions: enter the number of sessions as a whole number, like 2 for one day',
    );
    expect(await count()).toBe(3);
  });

  it('records one from the form, and shows the problems with the values kept', async () => {
    const bad = await agent
      .post(`${PATH}/new`)
      .type('form')
      .send({ ...form({ sessions: '0', reason: '' }), _csrf: await csrfToken(agent) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('Enter a number of sessions from 1 to 90');
    expect(bad.text).toContain('Select the reason');
    expect(bad.text).toContain(`value="${upn(20)}"`);
    const good = await agent
      .post(`${PATH}/new`)
      .type('form')
      .send({ ...form(), _csrf: await csrfToken(agent) });
    expect(good.status).toBe(302);
    expect(await count()).toBe(4);
    const again = await agent
      .post(`${PATH}/new`)
      .type('form')
      .send({ ...form(), _csrf: await csrfToken(agent) });
    expect(again.text).toContain('This suspension is already recorded for this pupil, school and start date');
  });

  it('a school user sees only their own school, and is refused for another school in a file or the form', async () => {
    await upload(agent, csv(`${upn(9)},${OTHER_SCHOOL},${DAY},2,suspension,DB`));
    const school = await t.signIn('school_user');
    const list = await school.get(PATH);
    expect(list.text).toContain(upn(1));
    expect(list.text).not.toContain(upn(9));
    const refused = await upload(school, csv(`${upn(10)},${OTHER_SCHOOL},${DAY},2,suspension,DB`));
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Row 2, urn: you can only record pupils at your own schools');
    const byForm = await school
      .post(`${PATH}/new`)
      .type('form')
      .send({ ...form({ upn: upn(11), urn: String(OTHER_SCHOOL) }), _csrf: await csrfToken(school) });
    expect(byForm.status).toBe(400);
    expect(byForm.text).toContain('You can only record pupils at your own schools');
    expect(await count()).toBe(5);
  });

  it('an analyst reads the list but may not record', async () => {
    const analyst = await t.signIn('analyst');
    const list = await analyst.get(PATH);
    expect(list.status).toBe(200);
    expect(list.text).toContain(upn(9));
    expect(list.text).not.toContain('Record a suspension');
    expect((await analyst.get(`${PATH}/new`)).status).toBe(403);
  });

  it('pages the list 50 at a time', async () => {
    await t.services.db
      .insertInto('suspensions')
      .values(
        Array.from({ length: 60 }, (_, n) => ({
          upn: upn(100 + n),
          urn: OTHER_SCHOOL,
          academic_year: YEAR,
          kind: 'suspension' as const,
          start_date: DAY,
          sessions: 1,
          reason: 'DB',
          source: 'import' as const,
          recorded_by: null,
        })),
      )
      .execute();
    const first = await agent.get(`${PATH}?school=${OTHER_SCHOOL}&year=${encodeURIComponent(YEAR)}`);
    expect(first.text).toContain('61 records');
    expect(first.text.match(/<span class="govuk-body-s">[A-Z]\d{11}/g)?.length).toBe(50);
    const second = await agent.get(`${PATH}?school=${OTHER_SCHOOL}&year=${encodeURIComponent(YEAR)}&page=2`);
    expect(second.text.match(/<span class="govuk-body-s">[A-Z]\d{11}/g)?.length).toBe(11);
  });
});
