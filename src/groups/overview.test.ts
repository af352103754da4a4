import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../test/support/app.ts';
import { DEMO_SCHOOL_URN } from '../demo/accounts.ts';

const OTHER_SCHOOL = 102322;

describe('the groups overview (Havering SEMH Team proposal: "one cluster per half term"; small groups for the most vulnerable schools)', () => {
  let t: TestApp;
  let agent: Agent;

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('senior_practitioner', { marks: false }));
    await t.services.db.deleteFrom('group_programmes').execute();
    await t.services.db.deleteFrom('group_rotation').execute();
    await t.services.db.deleteFrom('group_clusters').execute();
  });
  afterAll(() => t.close());

  it('shows empty states, and the organiser’s links', async () => {
    const page = await agent.get('/groups?year=2026/27');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No rotation has been generated for 2026 to 2027 yet.');
    expect(page.text).toContain('No programmes have been created for 2026 to 2027 yet.');
    expect(page.text).toContain('href="/groups/programmes/new?kind=parent-group"');
    expect(page.text).toContain('href="/groups/programmes/new?kind=small-group"');
    expect(page.text).toContain('href="/groups/report?year=2026%2F27"');
    const school = await (await t.signIn('school_user')).get('/groups?year=2026/27');
    expect(school.text).toContain('Your school is not in a cluster for 2026 to 2027 yet.');
    expect(school.text).toContain('No programmes are open to your school in 2026 to 2027 yet.');
  });

  it('shows a school user their cluster and its half term, the programmes open to them and their nominations as a count', async () => {
    const db = t.services.db;
    const cluster = async (name: string, urn: number) => {
      const { id } = await db
        .insertInto('group_clusters')
        .values({ academic_year: '2026/27', name })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('group_cluster_schools')
        .values({ cluster_id: id, academic_year: '2026/27', urn, joined_on: '2026-08-01' })
        .execute();
      return id;
    };
    const other = await cluster('Harold Hill', OTHER_SCHOOL);
    const mine = await cluster('Rainham and South Hornchurch', DEMO_SCHOOL_URN);
    await db
      .insertInto('group_rotation')
      .values([
        {
          academic_year: '2026/27',
          position: 1,
          cluster_id: other,
          term_name: 'Autumn 1 2026',
          starts_on: '2026-09-03',
          ends_on: '2026-10-23',
        },
        {
          academic_year: '2026/27',
          position: 2,
          cluster_id: mine,
          term_name: 'Autumn 2 2026',
          starts_on: '2026-11-02',
          ends_on: '2026-12-18',
        },
      ])
      .execute();
    const programme = (values: Record<string, unknown>) =>
      db
        .insertInto('group_programmes')
        .values({ academic_year: '2026/27', venue: 'Community hall', capacity: 12, ...values } as never)
        .returning('id')
        .executeTakeFirstOrThrow();
    const ours = await programme({
      kind: 'parent-group',
      term_name: 'Autumn 2 2026',
      cluster_id: mine,
      name: 'Our parenting group',
      open_to_all: false,
    });
    await programme({
      kind: 'parent-group',
      term_name: 'Autumn 1 2026',
      cluster_id: other,
      name: 'Closed cluster group',
      open_to_all: false,
    });
    await programme({
      kind: 'small-group',
      term_name: 'Autumn 2 2026',
      urn: OTHER_SCHOOL,
      focus: 'Emotional regulation',
      name: 'Other school small group',
    });
    await db
      .insertInto('group_sessions')
      .values([
        { programme_id: ours.id, held_on: '2026-11-04' },
        { programme_id: ours.id, held_on: '2026-12-16' },
      ])
      .execute();
    await db
      .insertInto('group_places')
      .values([
        {
          programme_id: ours.id,
          status: 'confirmed',
          urn: DEMO_SCHOOL_URN,
          parent_name: 'Pat Parent',
          consent_to_share: true,
        },
        {
          programme_id: ours.id,
          status: 'waiting',
          urn: DEMO_SCHOOL_URN,
          parent_name: 'Sam Parent',
          consent_to_share: true,
        },
      ])
      .execute();

    const page = await (await t.signIn('school_user')).get('/groups?year=2026/27');
    expect(page.status).toBe(200);
    // Two clusters over six half terms: the cycle starts again, so the school's cluster has three.
    expect(page.text).toContain(
      'Your school is in Rainham and South Hornchurch; its parent group half terms are Autumn 2 2026, Spring 2 2027 and Summer 2 2027.',
    );
    expect(page.text).toContain('Your school has nominated 2 people for 2026 to 2027 groups (1 confirmed).');
    expect(page.text).toContain(`href="/groups/programmes/${ours.id}"`);
    expect(page.text).toContain('4 November 2026 to 16 December 2026');
    expect(page.text).toMatch(/1 of 12<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/);
    expect(page.text).not.toContain('Closed cluster group');
    expect(page.text).not.toContain('Other school small group');
    expect(page.text).not.toContain('Pat Parent');
    expect(page.text).not.toContain('Create a parent group');

    const staff = await (await t.signIn('practitioner')).get('/groups?year=2026/27');
    expect(staff.text).toContain('Closed cluster group');
    expect(staff.text).toContain('Other school small group');
    expect(staff.text).toContain('No sessions yet');
    expect(staff.text).not.toContain('Create a parent group');
  });
});
