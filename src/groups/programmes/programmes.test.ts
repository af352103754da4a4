import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../../test/support/app.ts';
import { dateInputValues } from '../../platform/date-input.ts';
import {
  addCluster,
  addRotation,
  auditText,
  BROADFORD,
  clearGroups,
  copyApprovedPlan,
  NEWTONS,
  postForm,
  userId,
  YEAR,
  YEAR_LABEL,
} from '../../../test/support/group-programmes.ts';

const NEW = '/groups/programmes/new';

describe('creating a group programme (Havering SEMH Team proposal: "Parent support groups are delivered in Clusters on a half-termly basis, one cluster per half term")', () => {
  let t: TestApp;
  let agent: Agent;
  let facilitator: string;
  let clusters: Record<string, number>;
  const programmes = () => t.services.db.selectFrom('group_programmes').selectAll().orderBy('id').execute();

  const parentGroup = (extra: Record<string, string | string[]> = {}) => ({
    kind: 'parent-group',
    year: YEAR,
    name: 'Triple P Group',
    termName: 'Autumn 1 2027',
    facilitators: [facilitator],
    venue: 'Broadford Primary School hall',
    ...dateInputValues('firstSession', '2027-09-06'),
    sessions: '6',
    capacity: '12',
    openToAll: 'yes',
    measureName: 'Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)',
    ...extra,
  });

  beforeAll(async () => {
    ({ t, agent } = await appSignedInAs('senior_practitioner', { marks: false }));
    const db = t.services.db;
    await clearGroups(db);
    facilitator = String(await userId(db, 'practitioner@demo.inclusion-hub.test'));
    clusters = {
      rainham: await addCluster(db, YEAR, 'Rainham', [BROADFORD]),
      romford: await addCluster(db, YEAR, 'Romford', [NEWTONS]),
      hornchurch: await addCluster(db, YEAR, 'Hornchurch', []),
      haroldHill: await addCluster(db, YEAR, 'Harold Hill', []),
      upminster: await addCluster(db, YEAR, 'Upminster', []),
    };
    await addRotation(db, YEAR, 1, clusters.rainham, 'Autumn 1 2027');
    await addRotation(db, YEAR, 2, clusters.romford, 'Autumn 2 2027');
    await addRotation(db, YEAR, 3, clusters.hornchurch, 'Spring 2 2028');
    await addRotation(db, YEAR, 3, clusters.haroldHill, 'Spring 2 2028');
    await addRotation(db, YEAR, 4, clusters.upminster, 'Summer 1 2028');
  });
  afterAll(() => t.close());

  it('offers the two kinds, and the half terms of the year with the rotation’s cluster', async () => {
    expect((await agent.get(NEW)).text).toContain('Create a small group');
    const page = await agent.get(`${NEW}?kind=parent-group&year=${encodeURIComponent(YEAR)}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Autumn 1 2027 (2 September 2027 to 22 October 2027): Rainham');
    expect(page.text).toContain('Spring 1 2028 (4 January 2028 to 11 February 2028): no cluster in the rotation');
    expect(page.text).toContain('Jamal Reid');
  });

  it('creates a parent group for the rotation’s cluster with its facilitators and weekly sessions, audited (Havering SEMH Team proposal)', async () => {
    const response = await postForm(agent, NEW, parentGroup());
    expect(response.status).toBe(302);
    const [programme] = await programmes();
    expect(programme).toMatchObject({
      kind: 'parent-group',
      academic_year: YEAR,
      term_name: 'Autumn 1 2027',
      cluster_id: clusters.rainham,
      capacity: 12,
      open_to_all: true,
      status: 'open',
    });
    expect(response.headers.location).toBe(`/groups/programmes/${programme.id}`);
    const sessions = await t.services.db
      .selectFrom('group_sessions')
      .select('held_on')
      .where('programme_id', '=', programme.id)
      .orderBy('held_on')
      .execute();
    expect(sessions.map((s) => s.held_on)).toEqual([
      '2027-09-06',
      '2027-09-13',
      '2027-09-20',
      '2027-09-27',
      '2027-10-04',
      '2027-10-11',
    ]);
    expect(
      await t.services.db
        .selectFrom('group_facilitators')
        .select('user_id')
        .where('programme_id', '=', programme.id)
        .execute(),
    ).toEqual([{ user_id: Number(facilitator) }]);
    expect(await auditText(t.services.db, 'group-programme')).toContain('"create"');

    const page = await agent.get(response.headers.location);
    expect(page.text).toContain('Triple P Group created with 6 sessions');
    expect(page.text).toContain('Monday 6 September 2027');
    expect(page.text).toContain(`/groups/programmes/${programme.id}/sessions/`);
    expect(page.text).toContain('/register');
    expect(page.text).toContain('Change date');
    expect(page.text).toContain('Confirmed (0 of 12)');
    expect(page.text).toContain('Warwick-Edinburgh Mental Wellbeing Scale (WEMWBS)');
  });

  it('names each missing answer, keeps what was typed and saves nothing', async () => {
    const before = (await programmes()).length;
    const response = await postForm(agent, NEW, { kind: 'parent-group', year: YEAR, venue: 'Kept venue' });
    expect(response.status).toBe(400);
    for (const message of [
      'Enter the name of the programme',
      'Select the half term',
      'Select at least one facilitator',
      'Enter the date of the first session',
      'Enter the number of weekly sessions',
      'Enter the number of places',
      'Select whether other schools may book places that are left',
    ]) {
      expect(response.text).toContain(message);
    }
    expect(response.text).toContain('value="Kept venue"');
    expect((await programmes()).length).toBe(before);
  });

  it('refuses out-of-range numbers of sessions and places', async () => {
    const response = await postForm(agent, NEW, parentGroup({ sessions: '21', capacity: '0' }));
    expect(response.status).toBe(400);
    expect(response.text).toContain('Number of sessions must be a whole number from 1 to 20');
    expect(response.text).toContain('Number of places must be a whole number from 1 to 100');
  });

  it('refuses weekly sessions that run into the half-term holiday, naming the date (Havering SEMH Team proposal)', async () => {
    const before = (await programmes()).length;
    const response = await postForm(
      agent,
      NEW,
      parentGroup({ ...dateInputValues('firstSession', '2027-10-04'), sessions: '4' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('Session 4 would be on Monday 25 October 2027, in the half-term holiday');
    expect((await programmes()).length).toBe(before);
  });

  it('refuses a session on a bank holiday, naming the date and the holiday (Havering SEMH Team proposal)', async () => {
    const response = await postForm(
      agent,
      NEW,
      parentGroup({ termName: 'Summer 1 2028', ...dateInputValues('firstSession', '2028-04-24'), sessions: '3' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('Session 2 would be on Monday 1 May 2028, a bank holiday (Early May bank holiday)');
  });

  it('refuses a half term the rotation gives no cluster, pointing to the rotation', async () => {
    const response = await postForm(
      agent,
      NEW,
      parentGroup({ termName: 'Spring 1 2028', ...dateInputValues('firstSession', '2028-01-10') }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'The rotation gives no cluster for Spring 1 2028: set the year’s rotation first, at /groups/rotation',
    );
  });

  it('asks which cluster when two are paired in the half term, then uses the one chosen', async () => {
    const body = parentGroup({
      termName: 'Spring 2 2028',
      ...dateInputValues('firstSession', '2028-02-22'),
      sessions: '5',
    });
    const refused = await postForm(agent, NEW, body);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain(
      'Select the cluster the group is for: Harold Hill or Hornchurch share Spring 2 2028',
    );
    const saved = await postForm(agent, NEW, { ...body, clusterId: String(clusters.haroldHill) });
    expect(saved.status).toBe(302);
    expect((await programmes()).at(-1)).toMatchObject({ term_name: 'Spring 2 2028', cluster_id: clusters.haroldHill });
  });

  describe('small groups (Havering SEMH Team proposal: "the most vulnerable schools will also have the opportunity to access small group interventions")', () => {
    const smallGroup = (extra: Record<string, string | string[]> = {}) => ({
      kind: 'small-group',
      year: YEAR,
      name: 'Calm minds',
      termName: 'Autumn 2 2027',
      urn: String(BROADFORD),
      focus: 'Emotional regulation',
      facilitators: [facilitator],
      venue: 'Broadford Primary School library',
      ...dateInputValues('firstSession', '2027-11-02'),
      sessions: '6',
      capacity: '8',
      ...extra,
    });

    it('says clearly when the year has no approved allocation plan', async () => {
      const page = await agent.get(`${NEW}?kind=small-group&year=${encodeURIComponent(YEAR)}`);
      expect(page.text).toContain(
        `There is no approved allocation plan for ${YEAR_LABEL}, so no school can have a small group yet`,
      );
      const response = await postForm(agent, NEW, smallGroup());
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        `There is no approved allocation plan for ${YEAR_LABEL}, so no school can have a small group yet`,
      );
    });

    it('refuses a school that is not one of the plan’s small-group schools, by name', async () => {
      await copyApprovedPlan(t.services.db, YEAR);
      const before = (await programmes()).length;
      const response = await postForm(agent, NEW, smallGroup({ urn: String(NEWTONS) }));
      expect(response.status).toBe(400);
      expect(response.text).toContain(
        `Newtons Primary School is not one of the most vulnerable schools in the approved allocation plan for ${YEAR_LABEL}, so it cannot have a small group`,
      );
      expect((await programmes()).length).toBe(before);
    });

    it('needs the focus, and the words for “Other”', async () => {
      const response = await postForm(agent, NEW, smallGroup({ focus: 'other', focusOther: '' }));
      expect(response.status).toBe(400);
      expect(response.text).toContain('Enter the focus of the group');
    });

    it('creates a small group at a most vulnerable school with its focus', async () => {
      const response = await postForm(agent, NEW, smallGroup({ focus: 'other', focusOther: 'Managing change' }));
      expect(response.status).toBe(302);
      expect((await programmes()).at(-1)).toMatchObject({
        kind: 'small-group',
        urn: BROADFORD,
        focus: 'Managing change',
        cluster_id: null,
        open_to_all: false,
      });
      const page = await agent.get(response.headers.location);
      expect(page.text).toContain('Broadford Primary School');
      expect(page.text).toContain('Nominate a child');
    });
  });

  describe('moving a session and cancelling', () => {
    it('moves a session to another school day in the half term, audited', async () => {
      const [programme] = await programmes();
      const [, second] = await sessionsOf(programme.id);
      const path = `/groups/programmes/${programme.id}/sessions/${second.id}/move`;
      expect((await agent.get(path)).text).toContain('Change the date of session 2');
      const response = await postForm(agent, path, dateInputValues('heldOn', '2027-09-15'));
      expect(response.status).toBe(302);
      expect((await sessionsOf(programme.id)).map((s) => s.held_on)).toContain('2027-09-15');
      expect(await auditText(t.services.db, 'group-programme')).toContain('"move session"');
    });

    it('refuses a move into the holiday or onto another session, by the same rules (Havering SEMH Team proposal)', async () => {
      const [programme] = await programmes();
      const sessions = await sessionsOf(programme.id);
      const path = `/groups/programmes/${programme.id}/sessions/${sessions[5].id}/move`;
      const holiday = await postForm(agent, path, dateInputValues('heldOn', '2027-10-27'));
      expect(holiday.status).toBe(400);
      expect(holiday.text).toContain('Session 6 would be on Wednesday 27 October 2027, in the half-term holiday');
      const clash = await postForm(agent, path, dateInputValues('heldOn', '2027-09-06'));
      expect(clash.text).toContain('There is already a session on Monday 6 September 2027');
      expect((await sessionsOf(programme.id))[5].held_on).toBe('2027-10-11');
    });

    it('cancels a programme: no more nominations', async () => {
      const [programme] = await programmes();
      const response = await postForm(agent, `/groups/programmes/${programme.id}/cancel`, {});
      expect(response.status).toBe(302);
      expect((await programmes())[0].status).toBe('cancelled');
      const page = await agent.get(`/groups/programmes/${programme.id}`);
      expect(page.text).toContain('This programme has been cancelled, so no more nominations can be made');
      expect(page.text).not.toContain('Nominate a parent');
      const nominate = await postForm(agent, `/groups/programmes/${programme.id}/nominate`, {
        parentName: 'Sam Jones',
      });
      expect(nominate.status).toBe(400);
      expect(nominate.text).toContain('This programme has been cancelled, so no more nominations can be made');
    });
  });

  it('lets only the senior practitioner create programmes or move sessions', async () => {
    const practitioner = await t.signIn('practitioner');
    expect((await practitioner.get(NEW)).status).toBe(403);
    const [programme] = await programmes();
    const [session] = await sessionsOf(programme.id);
    expect(
      (
        await postForm(
          practitioner,
          `/groups/programmes/${programme.id}/sessions/${session.id}/move`,
          dateInputValues('heldOn', '2027-09-07'),
        )
      ).status,
    ).toBe(403);
    expect((await practitioner.get(`/groups/programmes/${programme.id}`)).status).toBe(200);
  });

  async function sessionsOf(programmeId: number) {
    return t.services.db
      .selectFrom('group_sessions')
      .select(['id', 'held_on'])
      .where('programme_id', '=', programmeId)
      .orderBy('held_on')
      .execute();
  }
});
