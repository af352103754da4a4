import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, csrfToken, type Agent, type TestApp } from '../../../../test/support/app.ts';
import { DEMO_SCHOOL_URN, demoEmail } from '../../../demo/accounts.ts';
import {
  clearGroups,
  makePlace,
  makeProgramme,
  markPlace,
  marks,
  userIdOf,
} from '../../../../test/support/group-registers.ts';

// A parent group in Autumn 2 2025 (six weekly Tuesdays), with a named measure.
const SESSIONS = ['2025-11-04', '2025-11-11', '2025-11-18', '2025-11-25', '2025-12-02', '2025-12-09'];
const MEAD = 102322;
const NEWTONS = 102319;

describe('attendance summary and pre/post scores', () => {
  let t: TestApp;
  let senior: Agent;
  let programmeId: number;
  let noMeasureId: number;
  let smallGroupId: number;
  const place: Record<string, number> = {};
  const post = async (as: Agent, path: string, data: Record<string, string>) =>
    as
      .post(path)
      .type('form')
      .send({ ...data, _csrf: await csrfToken(as) });
  const scores = () =>
    t.services.db
      .selectFrom('group_places')
      .select(['id', 'pre_score', 'post_score'])
      .where('programme_id', '=', programmeId)
      .orderBy('id')
      .execute();
  const attendanceOf = (id: number) => `/groups/programmes/${id}/attendance`;
  const measuresOf = (id: number) => `/groups/programmes/${id}/measures`;

  beforeAll(async () => {
    ({ t, agent: senior } = await appSignedInAs('senior_practitioner'));
    const db = t.services.db;
    await clearGroups(db);
    const practitioner = await userIdOf(db, demoEmail('practitioner'));
    let sessionIds: number[];
    ({ id: programmeId, sessionIds } = await makeProgramme(db, {
      year: '2025/26',
      termName: 'Autumn 2 2025',
      name: 'Family Links Nurturing Programme',
      measureName: 'Parenting Stress Index',
      facilitators: [practitioner],
      sessions: SESSIONS,
    }));
    place.sam = await makePlace(db, {
      programmeId,
      urn: DEMO_SCHOOL_URN,
      parentName: 'Sam Jones',
      pre: 80,
      post: 62.5,
    });
    place.ruth = await makePlace(db, { programmeId, urn: MEAD, parentName: 'Ruth Other', pre: 70, post: 71 });
    // A parent with children at two schools: one place, seen by both schools.
    place.dana = await makePlace(db, {
      programmeId,
      urn: NEWTONS,
      parentName: 'Dana Two',
      children: [{ urn: NEWTONS }, { urn: DEMO_SCHOOL_URN }],
    });
    place.hidden = await makePlace(db, {
      programmeId,
      urn: DEMO_SCHOOL_URN,
      parentName: 'Hidden Person',
      consentWithdrawn: true,
    });
    place.waiting = await makePlace(db, { programmeId, status: 'waiting', urn: MEAD, parentName: 'Wendy Waiting' });
    await markPlace(db, place.sam, sessionIds, marks('AAAAAP'));
    await markPlace(db, place.ruth, sessionIds, marks('AAPDDD'));
    await markPlace(db, place.dana, sessionIds, marks('AAAAAA'));
    await markPlace(db, place.hidden, sessionIds, marks('ADDDDD'));
    ({ id: noMeasureId } = await makeProgramme(db, {
      year: '2025/26',
      termName: 'Autumn 2 2025',
      name: 'No measure group',
      sessions: SESSIONS,
    }));
    ({ id: smallGroupId } = await makeProgramme(db, {
      kind: 'small-group',
      urn: MEAD,
      year: '2025/26',
      termName: 'Autumn 2 2025',
      name: 'Calm and connected',
      sessions: SESSIONS,
    }));
  });
  afterAll(() => t.close());

  describe('the attendance summary', () => {
    it('shows each participant’s sessions attended of those held, apologies, did not attend, completion and change, with totals (75% of 6 is 5)', async () => {
      const page = await senior.get(attendanceOf(programmeId));
      expect(page.status).toBe(200);
      expect(page.text).toContain('6 of 6 sessions held so far');
      expect(page.text).toContain('at least 75% of its sessions (5 of 6)');
      const row = (label: string) => page.text.split(label)[1].split('</tr>')[0];
      const cells = (label: string) =>
        [...row(label).matchAll(/<td class="govuk-table__cell[^"]*">([^<]*)<\/td>/g)].map((m) => m[1]);
      expect(cells('Sam Jones')).toEqual(['5', '1', '0', 'Completed', '80', '62.5', '−17.5']);
      expect(cells('Ruth Other')).toEqual(['2', '1', '3', 'Not completed', '70', '71', '+1']);
      expect(cells('Dana Two')).toEqual(['6', '0', '0', 'Completed', '–', '–', '–']);
      expect(cells('Participant 4 (consent withdrawn)')).toEqual(['1', '0', '5', 'Not completed', '–', '–', '–']);
      expect(cells('All participants')).toEqual([
        '14',
        '2',
        '8',
        '2 completed, 0 in progress, 2 not completed (50%)',
        '',
        '',
        '−8.3 (average of 2)',
      ]);
      expect(page.text).not.toContain('Hidden Person');
      expect(page.text).not.toContain('Wendy Waiting');
      expect(page.text).toContain(`href="/groups/programmes/${programmeId}"`);
      expect(page.text).toContain(`href="/groups/programmes/${programmeId}/measures"`);
    });

    it('audits the read, without names', async () => {
      const entry = await t.services.db
        .selectFrom('audit_events')
        .select(['details', 'record_id'])
        .where('record_type', '=', 'group-attendance')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(entry.record_id).toBe(String(programmeId));
      expect(entry.details).toEqual({ shown: 4, counted: 4 });
    });

    it('shows a school user only the participants with a child at their school; the rest only in the totals', async () => {
      const school = await t.signIn('school_user');
      const page = await school.get(attendanceOf(programmeId));
      expect(page.status).toBe(200);
      expect(page.text).toContain('Sam Jones');
      expect(page.text).toContain('Dana Two');
      expect(page.text).not.toContain('Ruth Other');
      expect(page.text).toContain('Participants from other schools (1)');
      expect(page.text).toContain('All participants');
      expect(page.text).not.toContain('/measures"');

      const mead = await t.signIn(`senco.${MEAD}@demo.inclusion-hub.test`);
      const other = await mead.get(attendanceOf(programmeId));
      expect(other.text).toContain('Ruth Other');
      expect(other.text).not.toContain('Sam Jones');
      expect(other.text).not.toContain('Dana Two');
      expect(other.text).toContain('Participants from other schools (3)');
    });

    it('is not found for a school user when it is a small group at another school', async () => {
      const school = await t.signIn('school_user');
      expect((await school.get(attendanceOf(smallGroupId))).status).toBe(404);
      const mead = await t.signIn(`senco.${MEAD}@demo.inclusion-hub.test`);
      expect((await mead.get(attendanceOf(smallGroupId))).status).toBe(200);
    });

    it('is refused to people outside the groups area', async () => {
      expect((await (await t.signIn('analyst')).get(attendanceOf(programmeId))).status).toBe(403);
    });
  });

  describe('pre/post scores', () => {
    it('lists a score before and after for each place taken, filled with the saved scores', async () => {
      const page = await senior.get(measuresOf(programmeId));
      expect(page.status).toBe(200);
      expect(page.text).toContain('Scores on Parenting Stress Index');
      expect(page.text).toMatch(new RegExp(`name="post-${place.sam}"[^>]*value="62.5"`));
      expect(page.text).toContain('Participant 4 (consent withdrawn)');
      expect(page.text).not.toContain('Wendy Waiting');
    });

    it('names each bad value and saves nothing, keeping what was typed', async () => {
      const before = await scores();
      const response = await post(senior, measuresOf(programmeId), {
        [`pre-${place.sam}`]: 'eighty',
        [`post-${place.sam}`]: '60',
        [`pre-${place.ruth}`]: '70',
        [`post-${place.ruth}`]: '1001',
        [`pre-${place.dana}`]: '55',
      });
      expect(response.status).toBe(400);
      expect(response.text).toContain('Enter Sam Jones’s score before the group as a number, like 42');
      expect(response.text).toContain('Ruth Other’s score after the group must be between 0 and 1000');
      expect(response.text).toContain(`href="#pre-${place.sam}"`);
      expect(response.text).toMatch(new RegExp(`name="pre-${place.sam}"[^>]*value="eighty"`));
      expect(await scores()).toEqual(before);
    });

    it('saves every score at once (blank clears one), audited with counts only', async () => {
      const response = await post(senior, measuresOf(programmeId), {
        [`pre-${place.sam}`]: '78',
        [`post-${place.sam}`]: '60',
        [`pre-${place.ruth}`]: '',
        [`post-${place.ruth}`]: '71',
        [`pre-${place.dana}`]: '55.5',
        [`post-${place.dana}`]: '50',
      });
      expect(response.status).toBe(302);
      const saved = new Map((await scores()).map((row) => [row.id, [row.pre_score, row.post_score]]));
      expect(saved.get(place.sam)).toEqual([78, 60]);
      expect(saved.get(place.ruth)).toEqual([null, 71]);
      expect(saved.get(place.dana)).toEqual([55.5, 50]);
      const entry = await t.services.db
        .selectFrom('audit_events')
        .select('details')
        .where('record_type', '=', 'group-measures')
        .where('action', '=', 'record')
        .executeTakeFirstOrThrow();
      expect(entry.details).toEqual({ participants: 4, withPre: 2, withPost: 3 });
    });

    it('is only for a programme with a measure', async () => {
      expect((await senior.get(measuresOf(noMeasureId))).status).toBe(404);
    });

    it('is refused to a practitioner who does not facilitate the group', async () => {
      const other = await t.signIn('aisha.khan@demo.inclusion-hub.test');
      expect((await other.get(measuresOf(programmeId))).status).toBe(403);
      expect((await post(other, measuresOf(programmeId), { [`pre-${place.sam}`]: '1' })).status).toBe(403);
      const facilitator = await t.signIn('practitioner');
      expect((await facilitator.get(measuresOf(programmeId))).status).toBe(200);
    });
  });
});
