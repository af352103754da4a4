import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { dateInputValues } from '../../platform/date-input.ts';
import { londonDate } from '../../platform/london-time.ts';
import {
  addCluster,
  auditText,
  BROADFORD,
  clearGroups,
  copyRoll,
  HILLDENE,
  insertProgramme,
  MEAD,
  MEAD_USER,
  postForm,
  YEAR,
} from '../../../test/support/group-programmes.ts';

const DATES = ['2027-09-06', '2027-09-13', '2027-09-20'];

describe('the senior practitioner’s decisions and who sees what (Havering SEMH Team proposal: groups "managed and organised by the Senior SSFP, in liaison with each school")', () => {
  let t: TestApp;
  let organiser: Agent;
  let broadford: Agent;
  let mead: Agent;
  let programmeId: number;
  const page = (agent: Agent) => agent.get(`/groups/programmes/${programmeId}`);
  const placeOf = async (name: string) =>
    (
      await t.services.db
        .selectFrom('group_places')
        .selectAll()
        .where('programme_id', '=', programmeId)
        .orderBy('id')
        .execute()
    ).find((p) => p.parent_name === name)!;
  const placeById = (id: number) =>
    t.services.db.selectFrom('group_places').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const nominate = (agent: Agent, name: string, urn: number, contact: string) =>
    postForm(agent, `/groups/programmes/${programmeId}/nominate`, {
      parentName: name,
      parentContact: contact,
      childName: `Child of ${name}`,
      urn: String(urn),
      consentToShare: 'yes',
    });

  beforeAll(async () => {
    t = await createTestApp();
    await clearGroups(t.services.db);
    const clusterId = await addCluster(t.services.db, YEAR, 'Rainham', [BROADFORD, HILLDENE]);
    programmeId = await insertProgramme(t.services.db, {
      year: YEAR,
      termName: 'Autumn 1 2027',
      clusterId,
      capacity: 1,
      dates: DATES,
    });
    organiser = await t.signIn('senior_practitioner');
    broadford = await t.signIn('school_user');
    mead = await t.signIn(MEAD_USER);
    await nominate(broadford, 'Pat Broad', BROADFORD, '07700 900201');
    await nominate(mead, 'Max Mead', MEAD, '07700 900202');
    await nominate(broadford, 'Lee Third', BROADFORD, '07700 900203');
  });
  afterAll(() => t.close());

  it('confirms while there is room; confirming on a full group puts the place on the waiting list', async () => {
    await postForm(organiser, `/groups/places/${(await placeOf('Pat Broad')).id}/confirm`, {});
    expect((await placeOf('Pat Broad')).status).toBe('confirmed');
    await postForm(organiser, `/groups/places/${(await placeOf('Max Mead')).id}/confirm`, {});
    const max = await placeOf('Max Mead');
    expect(max.status).toBe('waiting');
    expect(max.waiting_since).not.toBeNull();
    expect((await page(organiser)).text).toContain(
      'Incredible Years is full, so Max Mead has gone on the waiting list',
    );
  });

  it('declines a nomination; a confirmed place cannot be declined', async () => {
    await postForm(organiser, `/groups/places/${(await placeOf('Lee Third')).id}/decline`, {});
    expect((await placeOf('Lee Third')).status).toBe('declined');
    expect((await page(organiser)).text).toContain('Nomination declined for Lee Third.');
    await postForm(organiser, `/groups/places/${(await placeOf('Pat Broad')).id}/decline`, {});
    expect((await placeOf('Pat Broad')).status).toBe('confirmed');
    expect((await page(organiser)).text).toContain('Pat Broad’s place is confirmed, so it cannot be declined');
  });

  it('shows the organiser every place, with Confirm, Decline and Withdraw', async () => {
    const text = (await page(organiser)).text;
    expect(text).toContain('Confirmed (1 of 1)');
    expect(text).toContain('Waiting list (1)');
    expect(text).toContain('Declined or withdrawn (1)');
    for (const name of ['Pat Broad', 'Max Mead', 'Lee Third', '07700 900201']) expect(text).toContain(name);
    expect(text).toContain(`/groups/places/${(await placeOf('Max Mead')).id}/withdraw`);
  });

  it('lets a practitioner or a school user neither confirm nor withdraw', async () => {
    const practitioner = await t.signIn('practitioner');
    const id = (await placeOf('Max Mead')).id;
    for (const agent of [practitioner, broadford]) {
      expect((await postForm(agent, `/groups/places/${id}/confirm`, {})).status).toBe(403);
      expect((await postForm(agent, `/groups/places/${id}/withdraw`, {})).status).toBe(403);
    }
    expect((await placeOf('Max Mead')).status).toBe('waiting');
  });

  it('shows a school user only their own nominations’ details, and counts for the rest', async () => {
    const own = (await page(broadford)).text;
    expect(own).toContain('Pat Broad');
    expect(own).toContain('Lee Third');
    expect(own).not.toContain('Max Mead');
    expect(own).not.toContain('07700 900202');
    expect(own).toContain('1 place is for families at other schools.');
    expect(own).not.toContain('/confirm');

    const other = await t.signIn('senco.102319@demo.inclusion-hub.test');
    const counts = (await page(other)).text;
    for (const name of ['Pat Broad', 'Max Mead', 'Lee Third', '07700']) expect(counts).not.toContain(name);
    expect(counts).toContain('Confirmed (1 of 1)');
    expect(counts).toContain('Waiting list (1)');
  });

  it('audits a read that shows personal details, with counts only', async () => {
    const views = await t.services.db
      .selectFrom('audit_events')
      .select(['user_id', 'details'])
      .where('record_type', '=', 'group-programme')
      .where('action', '=', 'view')
      .execute();
    expect(views.length).toBeGreaterThan(0);
    expect(JSON.stringify(views)).not.toMatch(/Pat|Max|Lee|07700/);
    const otherId = (
      await t.services.db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'senco.102319@demo.inclusion-hub.test')
        .executeTakeFirstOrThrow()
    ).id;
    expect(views.some((view) => view.user_id === otherId)).toBe(false);
  });

  it('withdrawing consent clears names and contacts but keeps the attendance, and frees the place', async () => {
    const pat = await placeOf('Pat Broad');
    const [session] = await t.services.db
      .selectFrom('group_sessions')
      .select('id')
      .where('programme_id', '=', programmeId)
      .orderBy('held_on')
      .execute();
    await t.services.db
      .insertInto('group_attendance')
      .values({ session_id: session.id, place_id: pat.id, status: 'attended' })
      .execute();

    expect((await mead.get(`/groups/places/${pat.id}/withdraw-consent`)).status).toBe(404);
    expect((await postForm(mead, `/groups/places/${pat.id}/withdraw-consent`, {})).status).toBe(404);
    expect((await broadford.get(`/groups/places/${pat.id}/withdraw-consent`)).text).toContain(
      'Their name and contact details will be removed',
    );

    expect((await postForm(broadford, `/groups/places/${pat.id}/withdraw-consent`, {})).status).toBe(302);
    const after = await placeById(pat.id);
    expect(after).toMatchObject({ status: 'withdrawn', parent_name: null, parent_contact: null, consent_by: null });
    expect(after.consent_withdrawn_at).not.toBeNull();
    const children = await t.services.db
      .selectFrom('group_place_children')
      .select(['child_name', 'urn'])
      .where('place_id', '=', pat.id)
      .execute();
    expect(children).toEqual([{ child_name: null, urn: BROADFORD }]);
    expect(
      await t.services.db.selectFrom('group_attendance').select('status').where('place_id', '=', pat.id).execute(),
    ).toEqual([{ status: 'attended' }]);
    expect((await placeOf('Max Mead')).status).toBe('confirmed');

    const text = (await page(organiser)).text;
    expect(text).toContain('Participant 1 (consent withdrawn)');
    expect(text).not.toContain('Pat Broad');
    expect(text).not.toContain('07700 900201');
    expect(await auditText(t.services.db, 'group-place')).toContain('"withdraw consent"');
    expect(await auditText(t.services.db, 'group-place')).not.toMatch(/Pat|Broad |Max|Lee|07700/);
  });
});

describe('nominating a child for a small group (Havering SEMH Team proposal: "the most vulnerable schools will also have the opportunity to access small group interventions")', () => {
  let t: TestApp;
  let broadford: Agent;
  let programmeId: number;
  let pupil: { upn: string; first_name: string; last_name: string; year_group: string };
  const path = () => `/groups/programmes/${programmeId}/nominate`;
  const places = () =>
    t.services.db.selectFrom('group_places').selectAll().where('programme_id', '=', programmeId).execute();

  beforeAll(async () => {
    t = await createTestApp();
    await clearGroups(t.services.db);
    await copyRoll(t.services.db, BROADFORD, YEAR);
    programmeId = await insertProgramme(t.services.db, {
      kind: 'small-group',
      year: YEAR,
      termName: 'Autumn 1 2027',
      urn: BROADFORD,
      capacity: 6,
      name: 'Calm minds',
      dates: DATES,
    });
    pupil = await t.services.db
      .selectFrom('pupil_roll')
      .select(['upn', 'first_name', 'last_name', 'year_group'])
      .where('academic_year', '=', YEAR)
      .where('urn', '=', BROADFORD)
      .orderBy('upn')
      .executeTakeFirstOrThrow();
    broadford = await t.signIn('school_user');
  });
  afterAll(() => t.close());

  it('offers the school’s roll by name, year group and UPN', async () => {
    const text = (await broadford.get(path())).text;
    expect(text).toContain(`${pupil.first_name} ${pupil.last_name} (Year ${pupil.year_group}, ${pupil.upn})`);
    const audited = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-programme')
      .where('action', '=', 'view roll')
      .execute();
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited)).not.toContain(pupil.last_name);
  });

  it('needs the parent who consented and a date of consent that is not in the future', async () => {
    const response = await postForm(broadford, path(), {
      upn: pupil.upn,
      consentBy: '',
      ...dateInputValues('consentOn', '2099-01-01'),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Enter the name of the parent who gave consent');
    expect(response.text).toMatch(/Date consent was given must be the same as or before \d+ \w+ \d{4}/);
    expect(await places()).toHaveLength(0);
  });

  it('refuses a child who is not on the school’s roll', async () => {
    const other = await t.services.db
      .selectFrom('pupil_roll')
      .select('upn')
      .where('urn', '=', MEAD)
      .executeTakeFirstOrThrow();
    const response = await postForm(broadford, path(), {
      upn: other.upn,
      consentBy: 'Jo Parent',
      ...dateInputValues('consentOn', londonDate(new Date())),
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Select a child on Broadford Primary School’s roll');
  });

  it('nominates the child with the consent recorded; the same child twice is refused', async () => {
    const body = { upn: pupil.upn, consentBy: 'Jo Parent', ...dateInputValues('consentOn', '2026-11-02') };
    expect((await postForm(broadford, path(), body)).status).toBe(302);
    const [place] = await places();
    expect(place).toMatchObject({
      status: 'nominated',
      urn: BROADFORD,
      consent_by: 'Jo Parent',
      consent_on: '2026-11-02',
      parent_name: null,
    });
    const child = await t.services.db
      .selectFrom('group_place_children')
      .select(['upn', 'child_name', 'year_group'])
      .where('place_id', '=', place.id)
      .executeTakeFirstOrThrow();
    expect(child).toEqual({
      upn: pupil.upn,
      child_name: `${pupil.first_name} ${pupil.last_name}`,
      year_group: pupil.year_group,
    });
    const shown = (await (await t.signIn('senior_practitioner')).get(`/groups/programmes/${programmeId}`)).text;
    expect(shown).toContain('Awaiting confirmation (1)');
    expect(shown).toContain('Jo Parent, 2 November 2026');
    expect(shown).toContain(`${pupil.first_name} ${pupil.last_name}`);
    const again = await postForm(broadford, path(), body);
    expect(again.status).toBe(400);
    expect(again.text).toContain(`${pupil.first_name} ${pupil.last_name} already has a place on this group`);
  });

  it('lets only the school itself (or the senior practitioner) nominate for its small group', async () => {
    const mead = await t.signIn(MEAD_USER);
    expect((await mead.get(path())).text).toContain(
      'Only Broadford Primary School can nominate children for this small group',
    );
    expect(
      (
        await postForm(mead, path(), {
          upn: pupil.upn,
          consentBy: 'Jo Parent',
          ...dateInputValues('consentOn', '2026-11-02'),
        })
      ).status,
    ).toBe(400);
    expect(await places()).toHaveLength(1);
  });
});
