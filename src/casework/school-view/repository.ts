// What a school's view of a case reads: the case with its lead and closure, the meetings, the
// actions the school owns, and the family's scores. Reads only.
import type { Reader } from '../repository.ts';

/** The case made from a referral, if it has been allocated. */
export async function caseOfReferral(db: Reader, referralId: number): Promise<number | undefined> {
  const row = await db.selectFrom('cases').select('id').where('referral_id', '=', referralId).executeTakeFirst();
  return row?.id;
}

export function schoolViewRepository() {
  return {
    kase(db: Reader, caseId: number) {
      return db
        .selectFrom('cases')
        .innerJoin('users', 'users.id', 'cases.practitioner_id')
        .leftJoin('case_closures', 'case_closures.case_id', 'cases.id')
        .select([
          'cases.status',
          'cases.practitioner_type',
          'cases.allocated_at',
          'cases.closed_at',
          'cases.post_closure_review_due',
          'cases.post_closure_review_on',
          'users.name',
          'case_closures.reason',
        ])
        .where('cases.id', '=', caseId)
        .executeTakeFirst();
    },

    meetings(db: Reader, caseId: number) {
      return db
        .selectFrom('case_meetings')
        .select(['held_on', 'next_meeting_on', 'next_meeting_time', 'next_meeting_venue'])
        .where('case_id', '=', caseId)
        .orderBy('held_on')
        .orderBy('id')
        .execute();
    },

    /** The plan's actions the school owns (not "no action needed"). */
    schoolActions(db: Reader, caseId: number) {
      return db
        .selectFrom('case_actions')
        .select(['action', 'by_when', 'status'])
        .where('case_id', '=', caseId)
        .where('school_owns', '=', true)
        .where('no_action', '=', false)
        .orderBy('by_when')
        .orderBy('id')
        .execute();
    },

    assessedScores(db: Reader, caseId: number) {
      return db.selectFrom('case_assessments').select('parent_scores').where('case_id', '=', caseId).executeTakeFirst();
    },

    /** The meetings' parent or carer's scores, latest first. */
    meetingScores(db: Reader, caseId: number) {
      return db
        .selectFrom('case_meetings')
        .select(['held_on', 'parent_scores'])
        .where('case_id', '=', caseId)
        .orderBy('held_on', 'desc')
        .orderBy('id', 'desc')
        .execute();
    },
  };
}
