// Shared set-up for the contingency fund's HTTP tests: a funding year with no contingency data,
// applications from other schools written straight to the database, and posting forms.
import { csrfToken, type Agent, type TestApp } from './app.ts';
import { DEMO_SCHOOL_URN } from '../../src/demo/accounts.ts';

export const pathOf = (year: string, rest = '') => `/funding/${year}/contingency${rest}`;

/** Makes the funding year exist, with no fund and no applications. */
export async function emptyYear(t: TestApp, year: string): Promise<void> {
  const db = t.services.db;
  await db
    .insertInto('funding_years')
    .values({ label: year })
    .onConflict((oc) => oc.column('label').doNothing())
    .execute();
  await db.deleteFrom('funding_contingency_applications').where('year', '=', year).execute();
  await db.deleteFrom('funding_contingency_funds').where('year', '=', year).execute();
}

/** Maintained primaries other than the demo school user's, in URN order. */
export async function otherMaintainedPrimaries(t: TestApp, count: number): Promise<{ urn: number; name: string }[]> {
  const rows = await t.services.db
    .selectFrom('schools')
    .select(['urn', 'name'])
    .where('maintained', '=', true)
    .where('phase', '=', 'Primary')
    .where('urn', '!=', DEMO_SCHOOL_URN)
    .orderBy('urn')
    .limit(count)
    .execute();
  return rows.map((row) => ({ urn: row.urn, name: row.name ?? '' }));
}

/** Applications written straight to the database: [urn, deficit, asked] in pence; their ids. */
export async function insertApplications(
  t: TestApp,
  year: string,
  rows: [number, number, number][],
): Promise<number[]> {
  const inserted = await t.services.db
    .insertInto('funding_contingency_applications')
    .values(
      rows.map(([urn, deficit_pence, asked_pence]) => ({
        year,
        urn,
        deficit_pence,
        asked_pence,
        evidence: 'Recovery plan attached',
      })),
    )
    .returning('id')
    .execute();
  return inserted.map((row) => row.id);
}

/** Posts a form with the agent's CSRF token. */
export async function postForm(agent: Agent, path: string, form: Record<string, string>) {
  return agent
    .post(path)
    .type('form')
    .send({ ...form, _csrf: await csrfToken(agent) });
}
