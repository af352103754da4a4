import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { dateInputValues } from '../../platform/date-input.ts';
import { clusterOf } from './repository.ts';

const PATH = '/groups/clusters';

describe('clusters of schools (Havering SEMH Team proposal: "Parent support groups are delivered in Clusters")', () => {
  let t: TestApp;
  let agent: Agent;
  let schools: { urn: number; name: string }[];
  const post = async (as: Agent, path: string, data: Record<string, unknown>) =>
    as
      .post(path)
      .type('form')
      .send({ ...data, _csrf: await csrfToken(as) });
  const clusterId = async (year: string, name: string) =>
    (
      await t.services.db
        .selectFrom('group_clusters')
        .select('id')
        .where('academic_year', '=', year)
        .where('name', '=', name)
        .executeTakeFirstOrThrow()
    ).id;
  const memberships = () => t.services.db.selectFrom('group_cluster_schools').selectAll().orderBy('id').execute();
  const clusterCount = async () => (await t.services.db.selectFrom('group_clusters').select('id').execute()).length;

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('senior_practitioner', { marks: false }));
    await t.services.db.deleteFrom('group_programmes').execute();
    await t.services.db.deleteFrom('group_rotation').execute();
    await t.services.db.deleteFrom('group_clusters').execute();
    schools = (await t.services.db
      .selectFrom('schools')
      .select(['urn', 'name'])
      .where('name', 'is not', null)
      .orderBy('name')
      .limit(6)
      .execute()) as { urn: number; name: string }[];
  });
  afterAll(() => t.close());

  it('shows an empty state for a year without clusters', async () => {
    const page = await agent.get(`${PATH}?year=2026/27`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('There are no clusters in 2026 to 2027 yet.');
    expect(page.text).not.toContain('Copy 2025 to 2026’s clusters');
  });

  it('creates a cluster with the schools chosen, from the start of the school year, audited without names', async () => {
    const form = await agent.get(`${PATH}/new?year=2026/27`);
    expect(form.text).toContain(schools[0].name);
    const response = await post(agent, `${PATH}/new`, {
      year: '2026/27',
      name: 'North',
      schools: [schools[0].urn, schools[1].urn],
    });
    expect(response.status).toBe(302);
    const id = await clusterId('2026/27', 'North');
    expect(response.headers.location).toBe(`${PATH}/${id}`);
    expect((await memberships()).map((row) => [row.cluster_id, row.urn, row.joined_on, row.left_on])).toEqual([
      [id, schools[0].urn, '2026-08-01', null],
      [id, schools[1].urn, '2026-08-01', null],
    ]);
    const list = await agent.get(`${PATH}?year=2026/27`);
    expect(list.text).toContain('North');
    expect(list.text).toContain(schools[1].name);
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-cluster')
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ year: '2026/27', urns: [schools[0].urn, schools[1].urn] });
  });

  it('refuses a school already in a cluster that year, naming the school and its cluster, and changes nothing (each school in one cluster per year)', async () => {
    const before = await memberships();
    const response = await post(agent, `${PATH}/new`, {
      year: '2026/27',
      name: 'South',
      schools: [schools[1].urn, schools[2].urn],
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain(`${schools[1].name} is already in North: each school is in one cluster a year`);
    expect(response.text).toContain('value="South"');
    expect(await memberships()).toEqual(before);
    expect(await clusterCount()).toBe(1);
    // The form offers only the schools not yet in a cluster.
    const form = await agent.get(`${PATH}/new?year=2026/27`);
    expect(form.text).not.toContain(`value="${schools[1].urn}"`);
    expect(form.text).toContain(`value="${schools[2].urn}"`);
  });

  it('refuses a missing or repeated cluster name, keeping the schools ticked', async () => {
    const blank = await post(agent, `${PATH}/new`, { year: '2026/27', name: ' ', schools: [schools[2].urn] });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('Enter the cluster’s name');
    expect(blank.text).toMatch(new RegExp(`value="${schools[2].urn}" checked`));
    const repeated = await post(agent, `${PATH}/new`, { year: '2026/27', name: 'north' });
    expect(repeated.text).toContain('There is already a cluster with this name in 2026 to 2027');
    expect(await clusterCount()).toBe(1);
  });

  it('lets the same school be in a cluster in another year', async () => {
    const response = await post(agent, `${PATH}/new`, { year: '2027/28', name: 'North', schools: [schools[1].urn] });
    expect(response.status).toBe(302);
    expect(await clusterOf(t.services.db, '2027/28', schools[1].urn, '2027-09-10')).toMatchObject({ name: 'North' });
  });

  it('moves a school to another cluster from a date, keeping its history on both clusters (a school moved mid-year)', async () => {
    await post(agent, `${PATH}/new`, { year: '2026/27', name: 'South', schools: [schools[2].urn] });
    const [north, south] = [await clusterId('2026/27', 'North'), await clusterId('2026/27', 'South')];
    const form = await agent.get(`${PATH}/${north}/schools/${schools[1].urn}/move`);
    expect(form.text).toContain(`Move ${schools[1].name} to another cluster`);
    const response = await post(agent, `${PATH}/${north}/schools/${schools[1].urn}/move`, {
      to: south,
      ...dateInputValues('movedOn', '2027-01-05'),
      reason: 'Closer to the South venue',
    });
    expect(response.status).toBe(302);
    const rows = (await memberships()).filter((row) => row.urn === schools[1].urn && row.academic_year === '2026/27');
    expect(rows.map((row) => [row.cluster_id, row.joined_on, row.left_on])).toEqual([
      [north, '2026-08-01', '2027-01-05'],
      [south, '2027-01-05', null],
    ]);
    expect(await clusterOf(t.services.db, '2026/27', schools[1].urn, '2027-01-04')).toMatchObject({ name: 'North' });
    expect(await clusterOf(t.services.db, '2026/27', schools[1].urn, '2027-01-05')).toMatchObject({ name: 'South' });
    expect((await agent.get(`${PATH}/${south}`)).text).toContain(
      'Moved from North on 5 January 2027: Closer to the South venue',
    );
    expect((await agent.get(`${PATH}/${north}`)).text).toContain(
      'Moved to South on 5 January 2027: Closer to the South venue',
    );
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-cluster')
      .where('action', '=', 'move school')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ urn: schools[1].urn, to: south, movedOn: '2027-01-05' });
  });

  it('refuses a move outside the school year, without a reason or a cluster, and changes nothing', async () => {
    const [north, south] = [await clusterId('2026/27', 'North'), await clusterId('2026/27', 'South')];
    const before = await memberships();
    const path = `${PATH}/${north}/schools/${schools[0].urn}/move`;
    const outside = await post(agent, path, {
      to: south,
      ...dateInputValues('movedOn', '2027-09-01'),
      reason: 'Reason',
    });
    expect(outside.status).toBe(400);
    expect(outside.text).toContain(
      'The date of the move must be in the 2026 to 2027 school year, from 1 August 2026 to 31 July 2027',
    );
    const tooEarly = await post(agent, path, {
      to: south,
      ...dateInputValues('movedOn', '2026-08-01'),
      reason: 'Reason',
    });
    expect(tooEarly.text).toContain('The date of the move must be after 1 August 2026, when the school joined North');
    const missing = await post(agent, path, { ...dateInputValues('movedOn', '2027-02-01'), reason: ' ' });
    expect(missing.text).toContain('Select the cluster the school moves to');
    expect(missing.text).toContain('Enter the reason for the move');
    const notReal = await post(agent, path, {
      to: south,
      'movedOn-day': '31',
      'movedOn-month': '2',
      'movedOn-year': '2027',
      reason: 'Kept reason',
    });
    expect(notReal.text).toContain('Date of the move must be a real date');
    expect(notReal.text).toContain('Kept reason');
    expect(await memberships()).toEqual(before);
  });

  it('renames a cluster, refusing a name another cluster has', async () => {
    const north = await clusterId('2026/27', 'North');
    const taken = await post(agent, `${PATH}/${north}/rename`, { name: 'South' });
    expect(taken.status).toBe(400);
    expect(taken.text).toContain('There is already a cluster with this name in 2026 to 2027');
    const renamed = await post(agent, `${PATH}/${north}/rename`, { name: 'North and Harold Hill' });
    expect(renamed.status).toBe(302);
    expect((await agent.get(`${PATH}?year=2026/27`)).text).toContain('North and Harold Hill');
  });

  it('adds schools to a cluster, and refuses none chosen', async () => {
    const south = await clusterId('2026/27', 'South');
    const none = await post(agent, `${PATH}/${south}/schools`, {});
    expect(none.status).toBe(400);
    expect(none.text).toContain('Select at least one school to add');
    const added = await post(agent, `${PATH}/${south}/schools`, { schools: String(schools[3].urn) });
    expect(added.status).toBe(302);
    expect(await clusterOf(t.services.db, '2026/27', schools[3].urn, '2026-09-10')).toMatchObject({ name: 'South' });
  });

  it('removes a school by closing its row, keeping the history', async () => {
    await post(agent, `${PATH}/new`, { year: '2025/26', name: 'Past', schools: [schools[4].urn] });
    const past = await clusterId('2025/26', 'Past');
    const response = await post(agent, `${PATH}/${past}/schools/${schools[4].urn}/remove`, {});
    expect(response.status).toBe(302);
    const [row] = (await memberships()).filter((one) => one.cluster_id === past);
    expect([row.joined_on, row.left_on]).toEqual(['2025-08-01', '2026-07-31']);
    expect((await agent.get(`${PATH}/${past}`)).text).toContain('Removed from the cluster on 31 July 2026');
  });

  it('copies last year’s clusters with the schools they ended the year with, once', async () => {
    await post(agent, `${PATH}/new`, { year: '2027/28', name: 'East', schools: [schools[5].urn] });
    const before = await agent.get(`${PATH}?year=2028/29`);
    expect(before.text).toContain('Copy 2027 to 2028’s clusters');
    expect((await post(agent, `${PATH}/copy`, { year: '2028/29' })).status).toBe(302);
    const copied = await t.services.db
      .selectFrom('group_clusters')
      .select('name')
      .where('academic_year', '=', '2028/29')
      .orderBy('name')
      .execute();
    expect(copied.map((row) => row.name)).toEqual(['East', 'North']);
    expect(await clusterOf(t.services.db, '2028/29', schools[5].urn, '2028-08-01')).toMatchObject({ name: 'East' });
    expect((await agent.get(`${PATH}?year=2028/29`)).text).toContain('2 clusters copied from 2027 to 2028');
    await post(agent, `${PATH}/copy`, { year: '2028/29' });
    expect((await agent.get(`${PATH}?year=2028/29`)).text).toContain('There are already clusters in 2028 to 2029');
    expect(
      await t.services.db.selectFrom('group_clusters').select('id').where('academic_year', '=', '2028/29').execute(),
    ).toHaveLength(2);
  });

  it('keeps names and reasons out of the audit', async () => {
    const entries = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-cluster')
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(entries);
    for (const word of ['North', 'South', 'East', 'Past', 'Closer', schools[0].name, schools[1].name])
      expect(text).not.toContain(word);
  });

  it('lets a practitioner see the list but not create or change clusters', async () => {
    const practitioner = await t.signIn('practitioner');
    const list = await practitioner.get(`${PATH}?year=2026/27`);
    expect(list.status).toBe(200);
    expect(list.text).toContain('South');
    expect(list.text).not.toContain('Create a cluster');
    expect((await practitioner.get(`${PATH}/new`)).status).toBe(403);
    const before = await clusterCount();
    expect((await post(practitioner, `${PATH}/new`, { year: '2026/27', name: 'West' })).status).toBe(403);
    expect(await clusterCount()).toBe(before);
  });

  it('does not show a school user the pages that change clusters', async () => {
    const school = await t.signIn('school_user');
    const south = await clusterId('2026/27', 'South');
    for (const path of [
      `${PATH}/new`,
      `${PATH}/${south}`,
      `${PATH}/${south}/rename`,
      `${PATH}/${south}/schools`,
      `${PATH}/${south}/schools/${schools[2].urn}/move`,
    ]) {
      expect((await school.get(path)).status, path).toBe(403);
    }
  });

  it('lets an administrator create clusters', async () => {
    const admin = await t.signIn('admin');
    expect((await admin.get(`${PATH}/new?year=2026/27`)).status).toBe(200);
  });
});
