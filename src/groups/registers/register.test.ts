import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../test/support/app.ts';
import { DEMO_SCHOOL_URN, demoEmail } from '../../demo/accounts.ts';
import { addCalendarDays } from '../../platform/calendar/calendar.ts';
import { formatIsoDate } from '../../platform/date-input.ts';
import { londonDate } from '../../platform/london-time.ts';
import {
  clearGroups,
  makePlace,
  makeProgramme,
  markPlace,
  marks,
  userIdOf,
} from '../../../test/support/group-registers.ts';

// A parent group in Spring 1 2026 (weekly Tuesdays), facilitated by the demo practitioner.
const SESSIONS = ['2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27', '2026-02-03', '2026-02-10'];
const inTwoWeeks = addCalendarDays(londonDate(new Date()), 14);
const checked = (field: string, value: string) =>
  new RegExp(`name="${field}" type="radio" value="${value}"\\s*checked`);

describe('taking a session’s register (attended, apologies, did not attend)', () => {
  let t: TestApp;
  let senior: Agent;
  let programmeId: number;
  let sessionIds: number[];
  let futureSessionId: number;
  const place: Record<string, number> = {};
  const registerOf = (sessionId: number) => `/groups/programmes/${programmeId}/sessions/${sessionId}/register`;
  const post = async (as: Agent, path: string, data: Record<string, string>) =>
    as
      .post(path)
      .type('form')
      .send({ ...data, _csrf: await csrfToken(as) });
  const saved = (sessionId: number) =>
    t.services.db
      .selectFrom('group_attendance')
      .select(['place_id', 'status'])
      .where('session_id', '=', sessionId)
      .orderBy('place_id')
      .execute();

  beforeAll(async () => {
    ({ t, agent: senior } = await appSignedInAs('senior_practitioner'));
    const db = t.services.db;
    await clearGroups(db);
    const practitioner = await userIdOf(db, demoEmail('practitioner'));
    ({ id: programmeId, sessionIds } = await makeProgramme(db, {
      year: '2025/26',
      termName: 'Spring 1 2026',
      name: 'Strengthening Families',
      facilitators: [practitioner],
      sessions: [...SESSIONS, inTwoWeeks],
    }));
    futureSessionId = sessionIds.at(-1)!;
    place.sam = await makePlace(db, {
      programmeId,
      urn: DEMO_SCHOOL_URN,
      parentName: 'Sam Jones',
      children: [{ urn: DEMO_SCHOOL_URN, name: 'Alfie Jones' }],
    });
    place.withdrawnConsent = await makePlace(db, {
      programmeId,
      urn: DEMO_SCHOOL_URN,
      parentName: 'Hidden Person',
      consentWithdrawn: true,
    });
    place.kim = await makePlace(db, { programmeId, status: 'withdrawn', urn: 102322, parentName: 'Kim Left' });
    place.pat = await makePlace(db, { programmeId, status: 'withdrawn', urn: 102322, parentName: 'Pat Gone' });
    place.lee = await makePlace(db, { programmeId, status: 'waiting', urn: 102322, parentName: 'Lee Waiting' });
    await markPlace(db, place.kim, sessionIds, marks('A'));
  });
  afterAll(() => t.close());

  it('lists the confirmed places, and withdrawn places already marked for the session, with their saved marks', async () => {
    const page = await senior.get(registerOf(sessionIds[0]));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Session 1 of 7, 6 January 2026');
    expect(page.text).toContain('Sam Jones');
    expect(page.text).toContain('Kim Left');
    expect(page.text).toMatch(checked(`mark-${place.kim}`, 'attended'));
    expect(page.text).not.toContain('Pat Gone');
    expect(page.text).not.toContain('Lee Waiting');
  });

  it('shows a participant whose consent was withdrawn without their name, and they can still be marked (attendance kept as counts)', async () => {
    const page = await senior.get(registerOf(sessionIds[0]));
    expect(page.text).toContain('Participant 2 (consent withdrawn)');
    expect(page.text).not.toContain('Hidden Person');
    expect(page.text).toContain(`name="mark-${place.withdrawnConsent}"`);
  });

  it('refuses a session in the future, naming the day the register can be taken, and saves nothing', async () => {
    const page = await senior.get(registerOf(futureSessionId));
    expect(page.text).toContain(`You can take the register from the day of the session, ${formatIsoDate(inTwoWeeks)}`);
    expect(page.text).not.toContain('Save the register');
    const response = await post(senior, registerOf(futureSessionId), {
      [`mark-${place.sam}`]: 'attended',
      [`mark-${place.withdrawnConsent}`]: 'attended',
    });
    expect(response.status).toBe(400);
    expect(response.text).toContain(
      `You can take the register from the day of the session, ${formatIsoDate(inTwoWeeks)}`,
    );
    expect(await saved(futureSessionId)).toEqual([]);
  });

  it('needs a mark for every participant, naming who is missing; nothing is saved and what was chosen is kept', async () => {
    const response = await post(senior, registerOf(sessionIds[1]), { [`mark-${place.withdrawnConsent}`]: 'apologies' });
    expect(response.status).toBe(400);
    expect(response.text).toContain('There is a problem');
    expect(response.text).toContain('Select whether Sam Jones attended');
    expect(response.text).toContain(`href="#mark-${place.sam}"`);
    expect(response.text).toMatch(checked(`mark-${place.withdrawnConsent}`, 'apologies'));
    expect(await saved(sessionIds[1])).toEqual([]);
  });

  it('saves every mark in one go, audited with counts and never names, and shows them again when the register is opened', async () => {
    const response = await post(senior, registerOf(sessionIds[1]), {
      [`mark-${place.sam}`]: 'attended',
      [`mark-${place.withdrawnConsent}`]: 'did-not-attend',
    });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`/groups/programmes/${programmeId}/attendance`);
    expect(await saved(sessionIds[1])).toEqual([
      { place_id: place.sam, status: 'attended' },
      { place_id: place.withdrawnConsent, status: 'did-not-attend' },
    ]);
    const again = await senior.get(registerOf(sessionIds[1]));
    expect(again.text).toMatch(checked(`mark-${place.sam}`, 'attended'));
    expect(again.text).toMatch(checked(`mark-${place.withdrawnConsent}`, 'did-not-attend'));
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select(['details', 'record_id'])
      .where('record_type', '=', 'group-register')
      .where('action', '=', 'record')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.record_id).toBe(String(sessionIds[1]));
    expect(entry.details).toMatchObject({ programmeId, attended: 1, apologies: 0, didNotAttend: 1 });
    expect(JSON.stringify(entry.details)).not.toMatch(/Sam|Jones|Alfie|Hidden/);
  });

  it('changes a saved mark rather than adding another', async () => {
    await post(senior, registerOf(sessionIds[1]), {
      [`mark-${place.sam}`]: 'apologies',
      [`mark-${place.withdrawnConsent}`]: 'did-not-attend',
    });
    expect(await saved(sessionIds[1])).toEqual([
      { place_id: place.sam, status: 'apologies' },
      { place_id: place.withdrawnConsent, status: 'did-not-attend' },
    ]);
  });

  it('audits opening the register, without names', async () => {
    const entry = await t.services.db
      .selectFrom('audit_events')
      .select('details')
      .where('record_type', '=', 'group-register')
      .where('action', '=', 'view')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ programmeId });
    expect(JSON.stringify(entry.details)).not.toMatch(/Sam|Jones/);
  });

  it('links to the previous and next sessions', async () => {
    const page = await senior.get(registerOf(sessionIds[1]));
    expect(page.text).toContain(`href="${registerOf(sessionIds[0])}"`);
    expect(page.text).toContain(`href="${registerOf(sessionIds[2])}"`);
    expect(page.text).toContain('Previous session');
    expect(page.text).toContain('Next session');
  });

  it('lets a practitioner take the register of a group they facilitate (Havering SEMH Team proposal: groups delivered by the Senior SSFP and others)', async () => {
    const practitioner = await t.signIn('practitioner');
    expect((await practitioner.get(registerOf(sessionIds[2]))).status).toBe(200);
    const response = await post(practitioner, registerOf(sessionIds[2]), {
      [`mark-${place.sam}`]: 'attended',
      [`mark-${place.withdrawnConsent}`]: 'attended',
    });
    expect(response.status).toBe(302);
  });

  it('refuses a practitioner who does not facilitate the group, and people who do not take registers', async () => {
    const other = await t.signIn('aisha.khan@demo.inclusion-hub.test');
    const page = await other.get(registerOf(sessionIds[3]));
    expect(page.status).toBe(403);
    expect(page.text).toContain('You cannot take the register for this group');
    expect(
      (
        await post(other, registerOf(sessionIds[3]), {
          [`mark-${place.sam}`]: 'attended',
          [`mark-${place.withdrawnConsent}`]: 'attended',
        })
      ).status,
    ).toBe(403);
    expect(await saved(sessionIds[3])).toEqual([]);
    expect((await (await t.signIn('team_manager')).get(registerOf(sessionIds[3]))).status).toBe(403);
    expect((await (await t.signIn('school_user')).get(registerOf(sessionIds[3]))).status).toBe(403);
  });

  it('is not found for a session of another programme', async () => {
    const other = await makeProgramme(t.services.db, {
      year: '2025/26',
      termName: 'Spring 1 2026',
      sessions: ['2026-01-08'],
    });
    expect(
      (await senior.get(`/groups/programmes/${programmeId}/sessions/${other.sessionIds[0]}/register`)).status,
    ).toBe(404);
    expect((await senior.get(`/groups/programmes/${programmeId}/sessions/nonsense/register`)).status).toBe(404);
  });
});
