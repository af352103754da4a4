import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import {
  addCluster,
  auditText,
  BROADFORD,
  clearGroups,
  HILLDENE,
  HILLDENE_USER,
  insertProgramme,
  MEAD,
  MEAD_USER,
  postForm,
  YEAR,
} from '../../../test/support/group-programmes.ts';
import { CONSENT_REQUIRED } from './forms.ts';

const DATES = ['2027-09-06', '2027-09-13', '2027-09-20'];

describe('nominating parents for a parent group (Havering SEMH Team proposal: "All schools, regardless of their vulnerability data, will also have access to parenting groups")', () => {
  let t: TestApp;
  let organiser: Agent;
  let broadford: Agent;
  let mead: Agent;
  let hilldene: Agent;
  let programmeId: number;
  let clusterId: number;
  const nominatePath = () => `/groups/programmes/${programmeId}/nominate`;
  const places = () =>
    t.services.db
      .selectFrom('group_places')
      .selectAll()
      .where('programme_id', '=', programmeId)
      .orderBy('id')
      .execute();
  const placeOf = async (name: string) => (await places()).find((place) => place.parent_name === name)!;
  const parent = (name: string, contact: string, extra: Record<string, string> = {}) => ({
    parentName: name,
    parentContact: contact,
    childName: `Child of ${name}`,
    urn: String(BROADFORD),
    consentToShare: 'yes',
    ...extra,
  });

  beforeAll(async () => {
    t = await createTestApp({}, { marks: false });
    await clearGroups(t.services.db);
    clusterId = await addCluster(t.services.db, YEAR, 'Rainham', [BROADFORD, HILLDENE]);
    programmeId = await insertProgramme(t.services.db, {
      year: YEAR,
      termName: 'Autumn 1 2027',
      clusterId,
      capacity: 2,
      dates: DATES,
    });
    organiser = await t.signIn('senior_practitioner');
    broadford = await t.signIn('school_user');
    mead = await t.signIn(MEAD_USER);
    hilldene = await t.signIn(HILLDENE_USER);
  });
  afterAll(() => t.close());

  it('needs the parent’s consent to share their contact details', async () => {
    for (const consent of ['no', '']) {
      const response = await postForm(
        broadford,
        nominatePath(),
        parent('Sam Jones', '07700 900101', { consentToShare: consent }),
      );
      expect(response.status).toBe(400);
      expect(response.text).toContain(CONSENT_REQUIRED);
      expect(response.text).toContain('value="Sam Jones"');
    }
    expect(await places()).toHaveLength(0);
  });

  it('names each missing or wrong answer and saves nothing', async () => {
    const empty = await postForm(broadford, nominatePath(), { consentToShare: 'yes', urn: String(BROADFORD) });
    expect(empty.status).toBe(400);
    for (const message of [
      'Enter the parent’s name',
      'Enter a phone number or email address for the parent',
      'Enter the child’s name',
    ])
      expect(empty.text).toContain(message);
    const wrong = await postForm(broadford, nominatePath(), parent('Sam Jones', 'call after 3'));
    expect(wrong.text).toContain(
      'Enter a phone number or email address for the parent, like 07700 900982 or name@example.com',
    );
    const otherSchool = await postForm(
      broadford,
      nominatePath(),
      parent('Sam Jones', '07700 900101', { urn: String(MEAD) }),
    );
    expect(otherSchool.text).toContain('Select the child’s school');
    expect(await places()).toHaveLength(0);
  });

  it('a school in the cluster nominates a parent, with their own school preselected', async () => {
    expect((await broadford.get(nominatePath())).text).toMatch(
      /<option value="102317"\s+selected>Broadford Primary School<\/option>/,
    );
    const response = await postForm(broadford, nominatePath(), parent('Sam Jones', '07700 900101'));
    expect(response.status).toBe(302);
    expect(await placeOf('Sam Jones')).toMatchObject({
      status: 'nominated',
      urn: BROADFORD,
      parent_contact: '07700 900101',
      consent_to_share: true,
    });
    expect((await broadford.get(`/groups/programmes/${programmeId}`)).text).toContain(
      'Sam Jones nominated for Incredible Years: the senior practitioner will confirm the place',
    );
  });

  it('a school outside the cluster nominates while places are left (Havering SEMH Team proposal)', async () => {
    const response = await postForm(
      mead,
      nominatePath(),
      parent('Alex Smith', 'alex@example.com', { urn: String(MEAD) }),
    );
    expect(response.status).toBe(302);
    expect(await placeOf('Alex Smith')).toMatchObject({ status: 'nominated', urn: MEAD });
  });

  it('the senior practitioner confirms places up to the capacity', async () => {
    for (const name of ['Sam Jones', 'Alex Smith'])
      expect((await postForm(organiser, `/groups/places/${(await placeOf(name)).id}/confirm`, {})).status).toBe(302);
    const page = await organiser.get(`/groups/programmes/${programmeId}`);
    expect(page.text).toContain('Place confirmed for Alex Smith');
    expect(page.text).toContain('Confirmed (2 of 2)');
  });

  it('refuses a school outside the cluster when the group is full, saving nothing', async () => {
    const response = await postForm(mead, nominatePath(), parent('Chris Brown', '07700 900103', { urn: String(MEAD) }));
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'This group is full. Mead Primary School is not in the Rainham cluster, and only schools in the cluster can join the waiting list',
    );
    expect(await places()).toHaveLength(2);
  });

  it('puts a cluster school’s nomination on the waiting list when the group is full', async () => {
    await postForm(broadford, nominatePath(), parent('Dana White', '07700 900104'));
    expect((await broadford.get(`/groups/programmes/${programmeId}`)).text).toContain(
      'Incredible Years is full, so Dana White is on the waiting list',
    );
    await postForm(hilldene, nominatePath(), parent('Evan Green', '07700 900105', { urn: String(HILLDENE) }));
    expect(await placeOf('Dana White')).toMatchObject({ status: 'waiting' });
    expect((await placeOf('Evan Green')).status).toBe('waiting');
    expect((await placeOf('Dana White')).waiting_since).not.toBeNull();
  });

  it('gives a withdrawn place to the longest waiting, naming them', async () => {
    const response = await postForm(organiser, `/groups/places/${(await placeOf('Sam Jones')).id}/withdraw`, {});
    expect(response.status).toBe(302);
    expect((await placeOf('Sam Jones')).status).toBe('withdrawn');
    expect((await placeOf('Dana White')).status).toBe('confirmed');
    expect((await placeOf('Evan Green')).status).toBe('waiting');
    const page = await organiser.get(`/groups/programmes/${programmeId}`);
    expect(page.text).toContain(
      'Place withdrawn for Sam Jones. Dana White has been given the place from the waiting list.',
    );
    expect(page.text).toContain('Waiting list (1)');
  });

  it('gives a parent with children at two schools one place, with a child at each', async () => {
    const before = (await places()).length;
    const response = await postForm(
      broadford,
      nominatePath(),
      parent('  alex SMITH ', 'ALEX@example.com', { childName: 'Jo Smith' }),
    );
    expect(response.status).toBe(302);
    expect(await places()).toHaveLength(before);
    const place = await placeOf('Alex Smith');
    const children = await t.services.db
      .selectFrom('group_place_children')
      .select(['urn', 'child_name'])
      .where('place_id', '=', place.id)
      .orderBy('id')
      .execute();
    expect(children).toEqual([
      { urn: MEAD, child_name: 'Child of Alex Smith' },
      { urn: BROADFORD, child_name: 'Jo Smith' },
    ]);
    const page = await broadford.get(`/groups/programmes/${programmeId}`);
    expect(page.text).toContain(
      'Alex Smith already has a place on Incredible Years, so Jo Smith at Broadford Primary School has been added to it',
    );
    expect(page.text).toContain('Jo Smith, Broadford Primary School');
  });

  it('refuses the same school nominating the same parent twice', async () => {
    const response = await postForm(
      mead,
      nominatePath(),
      parent('Alex Smith', 'alex@example.com', { urn: String(MEAD), childName: 'Sam Smith' }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain('Alex Smith already has a place on this group for a child at Mead Primary School');
  });

  it('refuses another school when the group is kept for the cluster', async () => {
    const closedGroup = await insertProgramme(t.services.db, {
      year: YEAR,
      termName: 'Autumn 1 2027',
      clusterId,
      capacity: 5,
      openToAll: false,
      dates: DATES,
    });
    const response = await postForm(
      mead,
      `/groups/programmes/${closedGroup}/nominate`,
      parent('Chris Brown', '07700 900103', { urn: String(MEAD) }),
    );
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      'Mead Primary School is not in the Rainham cluster, and this group is only for schools in the cluster',
    );
  });

  it('takes no nominations once the last session has passed', async () => {
    const pastCluster = await addCluster(t.services.db, '2025/26', 'Rainham', [BROADFORD]);
    const past = await insertProgramme(t.services.db, {
      year: '2025/26',
      termName: 'Spring 1 2026',
      clusterId: pastCluster,
      dates: ['2026-01-12', '2026-01-19'],
    });
    expect((await broadford.get(`/groups/programmes/${past}/nominate`)).text).toContain(
      'This programme’s last session was on 19 January 2026, so no more nominations can be made',
    );
    const response = await postForm(
      broadford,
      `/groups/programmes/${past}/nominate`,
      parent('Fay Hill', '07700 900106'),
    );
    expect(response.status).toBe(400);
    expect(
      await t.services.db.selectFrom('group_places').select('id').where('programme_id', '=', past).execute(),
    ).toHaveLength(0);
  });

  it('audits each nomination without names or contact details', async () => {
    const text = await auditText(t.services.db, 'group-place');
    expect(text).toContain('"nominate"');
    expect(text).toContain('"add child"');
    expect(text).not.toMatch(/Sam Jones|Alex|Smith|Dana|Evan|07700|example\.com/i);
  });
});
