import type { Db } from '../../src/db/connection.ts';
import { londonDate } from '../../src/platform/london-time.ts';

/**
 * Clears the demo's casework records (contacts, assessments, plans, meetings, closures …) and
 * reopens every case, so a test file starts from cases just allocated. The cases themselves,
 * their leads and their allocation on the timeline stay.
 */
export async function withoutDemoCasework(db: Db): Promise<void> {
  for (const table of [
    'case_supporting_families',
    'case_professionals',
    'case_documents',
    'case_closures',
    'case_extensions',
    'case_measures',
    'case_meetings',
    'case_actions',
    'case_assessments',
    'case_consents',
    'case_family_members',
    'case_contacts',
    'case_risk_checks',
  ] as const) {
    await db.deleteFrom(table).execute();
  }
  await db
    .updateTable('cases')
    .set({
      status: 'open',
      closed_at: null,
      first_contact_on: null,
      assessment_completed_on: null,
      next_meeting_due: null,
      post_closure_review_due: null,
      post_closure_review_on: null,
      plan_version: 0,
    })
    .execute();
  await db.updateTable('case_lead_professionals').set({ to_date: null }).execute();
  await db.deleteFrom('case_events').where('kind', '!=', 'allocated').execute();
}

/** An ISO date `days` from today in London (negative for the past). */
export function inDays(days: number): string {
  const date = new Date(`${londonDate(new Date())}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The demo practitioner's open cases (in id order) and the first case someone else leads. */
export async function practitionerCases(db: Db): Promise<{ me: number; own: number[]; others: number }> {
  const { id: me } = await db
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'practitioner@demo.inclusion-hub.test')
    .executeTakeFirstOrThrow();
  const own = (
    await db
      .selectFrom('cases')
      .select('id')
      .where('practitioner_id', '=', me)
      .where('status', '=', 'open')
      .orderBy('id')
      .execute()
  ).map((row) => row.id);
  const { id: others } = await db
    .selectFrom('cases')
    .select('id')
    .where('practitioner_id', '!=', me)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return { me, own, others };
}
