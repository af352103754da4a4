import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { factorKeyOf } from './forms.ts';
import { SCHOOL_COLUMNS as SCHOOL_DATA_COLUMNS } from '../school-data/rules.ts';

const YEAR = '2042-43';

let t: TestApp;
let finance: Agent;
let csrf: string;

beforeAll(async () => {
  ({ t, agent: finance } = await appSignedInAs('finance_officer', { marks: false }));
  csrf = await csrfToken(finance);
  await t.services.db.insertInto('funding_years').values({ label: YEAR }).execute();
});
afterAll(() => t.close());

const factorKeys = async () =>
  (await t.services.db.selectFrom('funding_factors').select('key').orderBy('sort').execute()).map((row) => row.key);

describe('formula factors the authority adds', () => {
  it('makes a school data set column from the factor’s name', () => {
    expect(factorKeyOf('Mobility')).toBe('mobility');
    expect(factorKeyOf('  Pupils with SEN (EHCP)  ')).toBe('pupils_with_sen_ehcp');
    expect(factorKeyOf('2nd language')).toBe('f_2nd_language');
    expect(factorKeyOf('£££')).toBe('');
  });

  it('lists the national formula’s factors to every funding reader, and the form only to those who change funding', async () => {
    const page = await finance.get('/funding/factors');
    expect(page.status).toBe(200);
    for (const name of ['AWPU', 'FSM Ever 6', 'IDACI A', 'Low prior attainment', 'Place'])
      expect(page.text).toContain(name);
    expect(page.text).toContain('Add factor');
    const analyst = await (await t.signIn('analyst')).get('/funding/factors');
    expect(analyst.status).toBe(200);
    expect(analyst.text).not.toContain('Add factor');
    expect((await (await t.signIn('school_user')).get('/funding/factors')).status).toBe(403);
  });

  it('names the field at fault and adds nothing when the name is missing, taken or a data set column', async () => {
    const before = await factorKeys();
    for (const [body, message] of [
      [{ name: '', unit: 'pupil' }, 'Enter the factor’s name'],
      [{ name: 'Idaci a', unit: 'pupil' }, 'There is already a factor called ‘IDACI A’'],
      [{ name: 'Status', unit: 'school' }, 'is the name of a school data set column'],
      [{ name: 'Sparsity', unit: '' }, 'Enter what one unit is'],
    ] as const) {
      const response = await finance
        .post('/funding/factors')
        .type('form')
        .send({ _csrf: csrf, ...body });
      expect(response.status).toBe(400);
      expect(response.text).toContain('There is a problem');
      expect(response.text).toContain(message);
    }
    expect(await factorKeys()).toEqual(before);
    expect((await finance.post('/funding/factors').type('form').send({ name: 'Mobility', unit: 'pupil' })).status).toBe(
      403,
    );
  });

  it('adds a factor, audited; the school data set then needs its column and keeps its units', async () => {
    const added = await finance
      .post('/funding/factors')
      .type('form')
      .send({ _csrf: csrf, name: 'Mobility', unit: 'mobile pupil' });
    expect(added.status).toBe(303);
    expect(await factorKeys()).toContain('mobility');
    const audits = await t.services.db
      .selectFrom('audit_events')
      .select(['action', 'record_id'])
      .where('record_type', '=', 'funding-factor')
      .execute();
    expect(audits).toContainEqual({ action: 'add', record_id: 'mobility' });

    const template = await finance.get(`/funding/${YEAR}/schools-data/template.csv`);
    expect(template.text.split(/\r?\n/)[0]).toBe([...SCHOOL_DATA_COLUMNS, 'mobility'].join(','));

    const row = '102317,Broadford Primary School,primary,maintained,400,30,40,20,1,2,3,4,5,6,7,0';
    const upload = (header: string, line: string) =>
      finance
        .post(`/funding/${YEAR}/schools-data?_csrf=${encodeURIComponent(csrf)}`)
        .attach('file', Buffer.from(`${header}\n${line}\n`), 'schools.csv');
    const without = await upload(SCHOOL_DATA_COLUMNS.join(','), row);
    expect(without.status).toBe(400);
    expect(without.text).toContain('mobility');
    expect(await t.services.db.selectFrom('funding_schools').select('urn').where('year', '=', YEAR).execute()).toEqual(
      [],
    );

    const withColumn = await upload([...SCHOOL_DATA_COLUMNS, 'mobility'].join(','), `${row},12.5`);
    expect(withColumn.status).toBe(302);
    const units = await t.services.db
      .selectFrom('funding_school_units')
      .select('units')
      .where('year', '=', YEAR)
      .where('factor', '=', 'mobility')
      .executeTakeFirstOrThrow();
    expect(units.units).toBe(12.5);

    const page = await finance.get('/funding/factors');
    expect(page.text).toContain('Added by the authority');
  });
});
