import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { rotationFor } from './repository.ts';
import { rotationService, saveRotation } from './service.ts';

const PATH = '/groups/rotation';

describe('the year’s rotation of clusters (Havering SEMH Team proposal: "one cluster per half term")', () => {
  let t: TestApp;
  let agent: Agent;
  let urns: { urn: number; name: string }[];
  const post = async (as: Agent, data: Record<string, unknown>) =>
    as
      .post(PATH)
      .type('form')
      .send({ ...data, _csrf: await csrfToken(as) });
  const rows = (year: string) =>
    t.services.db
      .selectFrom('group_rotation as r')
      .innerJoin('group_clusters as c', 'c.id', 'r.cluster_id')
      .select(['r.position', 'r.term_name', 'c.name'])
      .where('r.academic_year', '=', year)
      .orderBy('r.position')
      .orderBy('r.id')
      .execute();
  /** The 2026/27 clusters in the order the rotation page shows them. */
  const shownOrder = async () =>
    (await rotationService(t.services.db).page('2026/27')).order.map((cluster) => cluster.id);
  /** Clusters named A, B, … in a year, each with one school of its own. */
  async function clusters(year: string, names: string[], schoolFrom = 0): Promise<number[]> {
    const ids = [];
    for (const [index, name] of names.entries()) {
      const { id } = await t.services.db
        .insertInto('group_clusters')
        .values({ academic_year: year, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      const school = urns[schoolFrom + index];
      await t.services.db
        .insertInto('group_cluster_schools')
        .values({ cluster_id: id, academic_year: year, urn: school.urn, joined_on: `${year.slice(0, 4)}-08-01` })
        .execute();
      ids.push(id);
    }
    return ids;
  }

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('senior_practitioner', { marks: false }));
    await t.services.db.deleteFrom('group_programmes').execute();
    await t.services.db.deleteFrom('group_rotation').execute();
    await t.services.db.deleteFrom('group_clusters').execute();
    urns = (await t.services.db
      .selectFrom('schools')
      .select(['urn', 'name'])
      .where('name', 'is not', null)
      .orderBy('name')
      .limit(20)
      .execute()) as { urn: number; name: string }[];
  });
  afterAll(() => t.close());

  it('says when the year has no half terms, pointing to the term dates page', async () => {
    const page = await agent.get(`${PATH}?year=2030/31`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('There are no half terms for 2030 to 2031 in the term dates');
    expect(page.text).toContain('href="/admin/term-dates"');
    expect(page.text).toContain('No rotation has been generated for 2030 to 2031 yet.');
  });

  it('generates one cluster per half term in the order shown, with the half terms’ dates and the clusters’ schools (Havering SEMH Team proposal)', async () => {
    const ids = await clusters('2026/27', ['A North', 'B South', 'C East', 'D West', 'E Central', 'F Rural']);
    const page = await agent.get(`${PATH}?year=2026/27`);
    expect(page.text).toContain(`name="order" value="${ids.join(',')}"`);
    expect(page.text).toContain('Generate rotation');
    const response = await post(agent, { year: '2026/27', order: ids.join(',') });
    expect(response.status).toBe(302);
    expect((await rows('2026/27')).map((row) => [row.position, row.term_name, row.name])).toEqual([
      [1, 'Autumn 1 2026', 'A North'],
      [2, 'Autumn 2 2026', 'B South'],
      [3, 'Spring 1 2027', 'C East'],
      [4, 'Spring 2 2027', 'D West'],
      [5, 'Summer 1 2027', 'E Central'],
      [6, 'Summer 2 2027', 'F Rural'],
    ]);
    const saved = await agent.get(`${PATH}?year=2026/27`);
    expect(saved.text).toContain('Rotation for 2026 to 2027 saved: 6 half terms');
    expect(saved.text).toContain('3 September 2026 to 23 October 2026');
    expect(saved.text).toContain(urns[0].name);
  });

  it('reorders the clusters with Move up and Move down before generating again, replacing the rows', async () => {
    const ids = (await rotationFor(t.services.db, '2026/27')).map((slot) => slot.clusters[0].id);
    const page = await agent.get(`${PATH}?year=2026/27`);
    // The second cluster's "Move up" puts it first.
    const swapped = [ids[1], ids[0], ...ids.slice(2)].join(',');
    expect(page.text).toContain(`name="order" value="${swapped}"`);
    expect(page.text).toContain('Move <span class="govuk-visually-hidden">B South </span>up');
    const reordered = await agent.get(`${PATH}?year=2026/27&order=${swapped}`);
    expect(reordered.text).toContain('You have changed the order. Nothing is saved until you generate the rotation.');
    expect(await rows('2026/27')).toHaveLength(6);
    expect((await post(agent, { year: '2026/27', order: swapped })).status).toBe(302);
    const saved = await rows('2026/27');
    expect(saved.map((row) => row.name).slice(0, 2)).toEqual(['B South', 'A North']);
    expect(saved).toHaveLength(6);
    const audits = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-rotation')
      .where('action', '=', 'generate')
      .execute();
    expect(audits).toHaveLength(2);
    expect(audits[1].details).toMatchObject({ clusters: 6, replaced: 6 });
  });

  it('refuses an order that does not list the year’s clusters, and changes nothing', async () => {
    const before = await rows('2026/27');
    const response = await post(agent, { year: '2026/27', order: '1,2,3' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('The clusters in 2026 to 2027 have changed since the page was shown');
    expect(await rows('2026/27')).toEqual(before);
  });

  it('refuses more clusters than half terms with the choice to pair or carry over, and changes nothing (Havering SEMH Team proposal)', async () => {
    await clusters('2026/27', ['G Extra', 'H Extra'], 6);
    const page = await agent.get(`${PATH}?year=2026/27`);
    expect(page.text).toContain('What should happen to the rest?');
    const order = (page.text.match(/name="order" value="([\d,]+)"/g) ?? []).at(-1)!.match(/value="([\d,]+)"/)![1];
    const before = await rows('2026/27');
    const response = await post(agent, { year: '2026/27', order });
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'There are 8 clusters but only 6 half terms in 2026 to 2027: choose to pair clusters in some half terms, or to carry the rest into 2027 to 2028',
    );
    expect(await rows('2026/27')).toEqual(before);
  });

  it('pairs clusters when asked: the earliest half terms take two', async () => {
    const order = (await shownOrder()).join(',');
    expect((await post(agent, { year: '2026/27', order, overflow: 'pair' })).status).toBe(302);
    const saved = await rows('2026/27');
    expect(saved.map((row) => row.position)).toEqual([1, 1, 2, 2, 3, 4, 5, 6]);
    expect(saved.slice(0, 2).map((row) => row.term_name)).toEqual(['Autumn 1 2026', 'Autumn 1 2026']);
    expect((await agent.get(`${PATH}?year=2026/27`)).text).toMatch(/B South and A North/);
  });

  it('carries the extra clusters into the first half terms of 2027/28 when asked', async () => {
    const order = (await shownOrder()).join(',');
    expect((await post(agent, { year: '2026/27', order, overflow: 'spill' })).status).toBe(302);
    const slots = await rotationFor(t.services.db, '2026/27');
    expect(slots.map((slot) => [slot.position, slot.termName, slot.termYear, slot.clusters.length])).toEqual([
      [1, 'Autumn 1 2026', '2026/27', 1],
      [2, 'Autumn 2 2026', '2026/27', 1],
      [3, 'Spring 1 2027', '2026/27', 1],
      [4, 'Spring 2 2027', '2026/27', 1],
      [5, 'Summer 1 2027', '2026/27', 1],
      [6, 'Summer 2 2027', '2026/27', 1],
      [7, 'Autumn 1 2027', '2027/28', 1],
      [8, 'Autumn 2 2027', '2027/28', 1],
    ]);
    expect((await agent.get(`${PATH}?year=2026/27`)).text).toContain('Carried into 2027 to 2028');
  });

  it('refuses to carry clusters into a year without term dates, naming the year', async () => {
    const ids = await clusters('2027/28', ['1', '2', '3', '4', '5', '6', '7'], 8);
    const response = await post(agent, { year: '2027/28', order: ids.join(','), overflow: 'spill' });
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'There are no term dates for 2028 to 2029, so clusters cannot be carried into 2028 to 2029',
    );
    expect(await rows('2027/28')).toEqual([]);
  });

  it('starts the cycle again from the first cluster when there are fewer clusters than half terms, storing each cluster once (Havering SEMH Team proposal)', async () => {
    const ids = await clusters('2025/26', ['P', 'Q', 'R', 'S'], 15);
    const page = await agent.get(`${PATH}?year=2025/26`);
    expect(page.text).toContain(
      'There are fewer clusters than half terms, so after the last cluster the rotation starts again from the first: every half term has a cluster.',
    );
    expect((await post(agent, { year: '2025/26', order: ids.join(',') })).status).toBe(302);
    expect((await rows('2025/26')).map((row) => row.name)).toEqual(['P', 'Q', 'R', 'S']);
    const slots = await rotationFor(t.services.db, '2025/26');
    expect(slots.map((slot) => [slot.termName, slot.clusters[0].name, slot.repeat])).toEqual([
      ['Autumn 1 2025', 'P', false],
      ['Autumn 2 2025', 'Q', false],
      ['Spring 1 2026', 'R', false],
      ['Spring 2 2026', 'S', false],
      ['Summer 1 2026', 'P', true],
      ['Summer 2 2026', 'Q', true],
    ]);
    expect((await agent.get(`${PATH}?year=2025/26`)).text).toContain(
      'Again: the rotation starts from the first cluster',
    );
  });

  it('replaces the year’s rotation in one transaction: a failed save keeps the old rows and writes no audit', async () => {
    const before = await rows('2025/26');
    const audits = async () =>
      (
        await t.services.db
          .selectFrom('audit_events')
          .select('id')
          .where('record_type', '=', 'group-rotation')
          .execute()
      ).length;
    const auditsBefore = await audits();
    const slot = {
      position: 1,
      termName: 'Autumn 1 2025',
      startsOn: '2025-09-03',
      endsOn: '2025-10-24',
      termYear: '2025/26',
      repeat: false,
    };
    const broken = {
      ok: true as const,
      cycled: false,
      slots: [{ ...slot, clusters: [{ id: 999_999, name: 'Missing' }] }],
    };
    await expect(saveRotation(t.services.db, { userId: null, ip: null }, '2025/26', broken)).rejects.toThrow();
    expect(await rows('2025/26')).toEqual(before);
    expect(await audits()).toBe(auditsBefore);
  });

  it('lets practitioners and school users see the rotation but only the senior practitioner generate it', async () => {
    for (const role of ['practitioner', 'school_user'] as const) {
      const other = await t.signIn(role);
      const page = await other.get(`${PATH}?year=2025/26`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Autumn 1 2025');
      expect(page.text).not.toContain('Generate rotation');
      const before = await rows('2025/26');
      expect((await post(other, { year: '2025/26', order: '1' })).status).toBe(403);
      expect(await rows('2025/26')).toEqual(before);
    }
  });
});
