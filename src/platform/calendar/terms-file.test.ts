import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';

let t: TestApp;
let admin: Agent;

async function upload(lines: string[]) {
  const token = await csrfToken(admin, '/admin/term-dates/import');
  return admin
    .post(`/admin/term-dates/import?_csrf=${encodeURIComponent(token)}`)
    .attach('file', Buffer.from(lines.join('\r\n') + '\r\n'), 'terms.csv');
}

const termsIn2040s = () =>
  t.connection.db
    .selectFrom('term_periods')
    .select(['name', 'starts_on', 'ends_on'])
    .where('starts_on', '>=', '2040-01-01')
    .orderBy('starts_on')
    .execute();

beforeAll(async () => ({ t, agent: admin } = await appSignedInAs('admin', { marks: false })));
afterAll(() => t.close());

describe('importing term dates from a CSV file', () => {
  it('imports nothing when any row has a problem, naming each row and column', async () => {
    const response = await upload([
      'term name,start date,end date',
      'Autumn term 2040,2040-09-04,2040-12-19',
      'Spring term 2041,07/01/2041,2041-01-03',
      'Summer term 2041,2041-04-31,2041-07-20',
    ]);
    expect(response.status).toBe(400);
    expect(response.text).toContain('govuk-error-summary');
    expect(response.text).toContain('Row 3, end_date: the end date must be the same as or after the start date');
    expect(response.text).toContain(
      'Row 4, start_date: ‘2041-04-31’ is not a date: write it like 2026-09-03 or 03/09/2026',
    );
    expect(await termsIn2040s()).toEqual([]);
  });

  it('imports every term of a good file in dates written either way, audited', async () => {
    const response = await upload([
      'Term name,Start date,End date',
      'Autumn term 2040,2040-09-04,2040-12-19',
      'Spring term 2041,07/01/2041,28/03/2041',
    ]);
    expect(response.status).toBe(302);
    expect((await admin.get('/admin/term-dates')).text).toContain('2 terms imported');
    expect(await termsIn2040s()).toEqual([
      { name: 'Autumn term 2040', starts_on: '2040-09-04', ends_on: '2040-12-19' },
      { name: 'Spring term 2041', starts_on: '2041-01-07', ends_on: '2041-03-28' },
    ]);
    const entry = await t.connection.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('record_type', '=', 'term')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      action: 'import',
      details: { terms: [{ name: 'Autumn term 2040' }, { name: 'Spring term 2041' }] },
    });
  });

  it('refuses terms that overlap a saved term or each other, or repeat a name, and imports none of the file', async () => {
    const response = await upload([
      'term name,start date,end date',
      'Summer term 2041,2041-04-14,2041-07-21',
      'Half term,2041-03-20,2041-04-02',
      'Extra,2041-07-01,2041-07-30',
      'Autumn term 2040,2041-09-01,2041-09-02',
    ]);
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'Row 3, start_date: this term overlaps Spring term 2041 (7 January 2041 to 28 March 2041)',
    );
    expect(response.text).toContain(
      'Row 4, start_date: this term overlaps Summer term 2041 (14 April 2041 to 21 July 2041) on row 2',
    );
    expect(response.text).toContain('Row 5, term_name: there is already a term called Autumn term 2040');
    expect(await termsIn2040s()).toHaveLength(2);
  });

  it('asks for the columns it needs', async () => {
    const response = await upload(['term,start date', 'Autumn term 2042,2042-09-03']);
    expect(response.status).toBe(400);
    expect(response.text).toContain('the file must have a column named end_date');
  });
});
