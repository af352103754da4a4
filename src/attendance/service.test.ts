import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSignedInAs, type Agent, type TestApp } from '../../test/support/app.ts';
import { londonDate } from '../platform/london-time.ts';
import { childAttendance } from './service.ts';
import { schoolYearOf } from '../platform/school-year.ts';

let t: TestApp;
let manager: Agent;
const db = () => t.connection.db;

beforeAll(async () => ({ t, agent: manager } = await appSignedInAs('team_manager')));
afterAll(() => t.close());

/** An open demo case whose child has marks this school year, with the child's UPN and school. */
async function caseWithMarks() {
  const year = schoolYearOf(londonDate(new Date())).key;
  return db()
    .selectFrom('cases')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('attendance_marks', (join) =>
      join.onRef('attendance_marks.upn', '=', 'children.upn').onRef('attendance_marks.urn', '=', 'cases.school_urn'),
    )
    .select([
      'cases.id',
      'children.upn',
      'cases.school_urn',
      'attendance_marks.possible',
      'attendance_marks.authorised',
      'attendance_marks.unauthorised',
    ])
    .where('attendance_marks.academic_year', '=', year)
    .where('cases.status', '=', 'open')
    .orderBy('cases.id')
    .executeTakeFirstOrThrow();
}

describe('a case shows the child’s attendance and suspensions this school year', () => {
  it('from the marks held for the child’s UPN at their school, with persistent or severe absence tagged', async () => {
    const kase = await caseWithMarks();
    const attendance = await childAttendance(db(), kase.upn, kase.school_urn, londonDate(new Date()));
    const absent = kase.authorised + kase.unauthorised;
    expect(attendance).toMatchObject({ possible: kase.possible, absent, suspensions: 0 });
    const page = await manager.get(`/cases/${kase.id}`);
    expect(page.text).toContain('Attendance this school year');
    expect(page.text).toContain(
      `${attendance!.attendancePct}% (${absent.toLocaleString('en-GB')} of ${kase.possible.toLocaleString('en-GB')} sessions missed)`,
    );
  });

  it('counts the suspensions recorded for the child this year', async () => {
    const kase = await caseWithMarks();
    const today = londonDate(new Date());
    await db()
      .insertInto('suspensions')
      .values({
        upn: kase.upn!,
        urn: kase.school_urn,
        academic_year: schoolYearOf(today).key,
        kind: 'suspension',
        start_date: today,
        sessions: 4,
        reason: 'DB',
        source: 'form',
        recorded_by: null,
      })
      .execute();
    const page = await manager.get(`/cases/${kase.id}`);
    expect(page.text).toMatch(/\d+ suspensions?, \d+ sessions/);
  });

  it('says so when the service holds no marks for the child', async () => {
    expect(await childAttendance(db(), null, 100000, londonDate(new Date()))).toBeUndefined();
    expect(await childAttendance(db(), 'A311200120001A', 100000, londonDate(new Date()))).toBeUndefined();
  });
});
