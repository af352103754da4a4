import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../test/support/app.ts';
import { inDays } from '../../../test/support/casework.ts';
import { londonDate } from '../../platform/london-time.ts';
import { groupYearOf } from '../rules.ts';
import {
  addCluster,
  auditText,
  clearGroups,
  HILLDENE,
  insertProgramme,
  postForm,
} from '../../../test/support/group-programmes.ts';
import { groupPlacesForCase } from './service.ts';

// "A family with an open case shows their group places on the case page, and booking
// from a case is one click". Programmes are written for this school year with sessions still to
// come, so the case page offers them whatever today is.
describe('group places from a case', () => {
  let t: TestApp;
  let practitioner: Agent;
  let senior: Agent;
  let programmeId: number;
  let caseId: number;
  let otherCaseId: number;
  let clusterId: number;
  const year = groupYearOf(londonDate(new Date()));
  const placesFor = (id: number) =>
    t.services.db.selectFrom('group_places').selectAll().where('case_id', '=', id).execute();
  const book = (agent: Agent, kase: number, programme = programmeId) =>
    postForm(agent, `/cases/${kase}/groups/${programme}/book`, {});

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.services.db;
    await clearGroups(db);
    const me = (
      await db
        .selectFrom('users')
        .select('id')
        .where('email', '=', 'practitioner@demo.inclusion-hub.test')
        .executeTakeFirstOrThrow()
    ).id;
    // The practitioner's open case at Hilldene whose family agreed to share their information.
    const kase = await db
      .selectFrom('cases')
      .innerJoin('case_consents', 'case_consents.case_id', 'cases.id')
      .select('cases.id')
      .where('cases.practitioner_id', '=', me)
      .where('cases.status', '=', 'open')
      .where('cases.school_urn', '=', HILLDENE)
      .where('case_consents.kind', '=', 'plan-sharing')
      .where('case_consents.agreed', '=', true)
      .executeTakeFirstOrThrow();
    caseId = kase.id;
    otherCaseId = (
      await db
        .selectFrom('cases')
        .select('id')
        .where('practitioner_id', '!=', me)
        .where('status', '=', 'open')
        .orderBy('id')
        .executeTakeFirstOrThrow()
    ).id;
    clusterId = await addCluster(db, year, 'Rainham', [HILLDENE], `${year.slice(0, 4)}-08-01`);
    programmeId = await insertProgramme(db, {
      year,
      termName: 'This half term',
      clusterId,
      name: 'Solihull Approach Understanding your child',
      dates: [inDays(-7), inDays(7), inDays(14)],
    });
    practitioner = await t.signIn('practitioner');
    senior = await t.signIn('senior_practitioner');
  });
  afterAll(() => t.close());

  it('offers open parent groups of the year on the case page', async () => {
    const page = await practitioner.get(`/cases/${caseId}`);
    expect(page.text).toContain('Group places');
    expect(page.text).toContain('The family has no group places.');
    expect(page.text).toContain(`/cases/${caseId}/groups/${programmeId}/book`);
    expect(page.text).toContain('Book a place');
  });

  it('books a place in one click for the carer with parental responsibility, from the case’s consent', async () => {
    const db = t.services.db;
    const response = await book(practitioner, caseId);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/cases/${caseId}`);
    const kase = await db
      .selectFrom('cases')
      .innerJoin('children', 'children.id', 'cases.child_id')
      .select(['cases.child_id', 'children.first_name', 'children.last_name'])
      .where('cases.id', '=', caseId)
      .executeTakeFirstOrThrow();
    const carers = await db
      .selectFrom('carers')
      .select(['name', 'phone'])
      .where('child_id', '=', kase.child_id)
      .where('has_parental_responsibility', '=', true)
      .where('phone', 'is not', null)
      .orderBy('id')
      .execute();
    const [place] = await placesFor(caseId);
    expect(place).toMatchObject({
      programme_id: programmeId,
      status: 'nominated',
      urn: HILLDENE,
      parent_name: carers[0].name,
      parent_contact: carers[0].phone,
      consent_to_share: true,
    });
    const child = await db
      .selectFrom('group_place_children')
      .select(['urn', 'child_name'])
      .where('place_id', '=', place.id)
      .executeTakeFirstOrThrow();
    expect(child).toEqual({ urn: HILLDENE, child_name: `${kase.first_name} ${kase.last_name}` });
    expect(await auditText(db, 'group-place')).not.toContain(carers[0].name);
  });

  it('lists the case’s places with the sessions attended of those held, and no second booking', async () => {
    const [place] = await placesFor(caseId);
    const [first] = await t.services.db
      .selectFrom('group_sessions')
      .select('id')
      .where('programme_id', '=', programmeId)
      .orderBy('held_on')
      .execute();
    await t.services.db
      .insertInto('group_attendance')
      .values({ session_id: first.id, place_id: place.id, status: 'attended' })
      .execute();
    const listed = await groupPlacesForCase(t.services.db, caseId, londonDate(new Date()));
    expect(listed.places).toMatchObject([
      {
        programmeId,
        name: 'Solihull Approach Understanding your child',
        termName: 'This half term',
        statusName: 'Awaiting confirmation',
        attended: 1,
        held: 1,
      },
    ]);
    expect(listed.bookable).toEqual([]);
    const page = await practitioner.get(`/cases/${caseId}`);
    expect(page.text).toContain('Solihull Approach Understanding your child');
    expect(page.text).toContain('1 of 1');
    expect(page.text).not.toContain(`/groups/${programmeId}/book`);
  });

  it('refuses a family that has not agreed to share their information, saving nothing', async () => {
    const db = t.services.db;
    const noConsent = await db
      .selectFrom('cases')
      .select('id')
      .where('status', '=', 'open')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('case_consents')
              .select('id')
              .whereRef('case_consents.case_id', '=', 'cases.id')
              .where('kind', '=', 'plan-sharing')
              .where('agreed', '=', true),
          ),
        ),
      )
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect((await book(senior, noConsent.id)).status).toBe(302);
    expect((await senior.get(`/cases/${noConsent.id}`)).text).toContain(
      'The family has not agreed to share their information, so they cannot be booked onto a group',
    );
    expect(await placesFor(noConsent.id)).toHaveLength(0);
  });

  it('shows a closed case’s places but no booking buttons, and refuses a booking', async () => {
    const closed = await t.services.db
      .selectFrom('cases')
      .select(['id', 'school_urn'])
      .where('status', '=', 'closed')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const earlier = await insertProgramme(t.services.db, {
      year,
      termName: 'Earlier half term',
      name: 'Triple P Group',
      clusterId,
      dates: [inDays(-14)],
    });
    await t.services.db
      .insertInto('group_places')
      .values({
        programme_id: earlier,
        status: 'confirmed',
        urn: closed.school_urn,
        case_id: closed.id,
        parent_name: 'A parent',
        parent_contact: '07700 900999',
      })
      .execute();
    const page = await senior.get(`/cases/${closed.id}`);
    expect(page.text).toContain('Group places');
    expect(page.text).toContain('Triple P Group');
    expect(page.text).not.toContain('Book a place');
    await book(senior, closed.id);
    expect((await senior.get(`/cases/${closed.id}`)).text).toContain(
      'This case is closed, so no group place can be booked',
    );
    expect(await placesFor(closed.id)).toHaveLength(1);
  });

  it('lets a practitioner book only for the cases they may see, and a school user not at all', async () => {
    expect((await book(practitioner, otherCaseId)).status).toBe(404);
    expect((await book(await t.signIn('school_user'), otherCaseId)).status).toBe(403);
    expect(await placesFor(otherCaseId)).toHaveLength(0);
  });
});
