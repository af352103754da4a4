// What allocation reads and writes: the referrals waiting for a practitioner, each school's
// quota used so far, and the case an allocation makes. Making the case is where allocation
// hands over to casework, so the first rows of a case (the case, its lead professional and its
// first events) are written here; casework keeps them from then on.
import type { DbOrTrx } from '../../db/connection.ts';

export interface Quota {
  total: number;
  used: number;
  remaining: number;
}

export interface NewCase {
  referralId: number;
  childId: number;
  schoolUrn: number;
  academicYear: string;
  practitionerId: number;
  practitionerType: string;
  allocatedBy: number | null;
  allocatedAt: Date;
  /** The day it is allocated, in London: the lead professional's first day. */
  allocatedOn: string;
  contactDue: string;
  assessmentDue: string;
  plannedEnd: string;
  overQuota: boolean;
  overCaseload: boolean;
  reason: string | null;
}

/** A school's line in the year's approved plan with its cases so far; undefined without one. */
export async function quotaIn(db: DbOrTrx, year: string, urn: number): Promise<Quota | undefined> {
  const plan = await db
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const row = (plan?.rows as { urn: number; total: number }[] | undefined)?.find((r) => r.urn === urn);
  if (!row) return undefined;
  const { count } = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('academic_year', '=', year)
    .where('school_urn', '=', urn)
    .executeTakeFirstOrThrow();
  const used = Number(count);
  return { total: row.total, used, remaining: Math.max(0, row.total - used) };
}

/** Referrals accepted for intensive support that have no case yet. */
export function waitingQuery(db: DbOrTrx) {
  return db
    .selectFrom('referrals')
    .innerJoin('children', 'children.id', 'referrals.child_id')
    .innerJoin('schools', 'schools.urn', 'referrals.school_urn')
    .select([
      'referrals.id',
      'referrals.reference',
      'referrals.answers',
      'referrals.outcome_at',
      'referrals.level_of_need',
      'referrals.school_urn',
      'referrals.created_by',
      'children.id as child_id',
      'children.first_name',
      'children.last_name',
      'schools.name as school_name',
    ])
    .where('referrals.status', '=', 'intensive')
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('cases').select('cases.id').whereRef('cases.referral_id', '=', 'referrals.id'))),
    );
}

export type WaitingRow = Awaited<ReturnType<ReturnType<typeof waitingQuery>['execute']>>[number];

/** Locks a referral while it is allocated; undefined if there is none. */
export function lockReferral(db: DbOrTrx, id: number) {
  return db.selectFrom('referrals').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Cases still being worked (open or waiting for closure sign-off) per practitioner. */
export async function openCaseCounts(db: DbOrTrx): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('cases')
    .select(['practitioner_id', db.fn.countAll<string>().as('count')])
    .where('status', '!=', 'closed')
    .groupBy('practitioner_id')
    .execute();
  return new Map(rows.map((row) => [row.practitioner_id, Number(row.count)]));
}

/** Makes the case and its first lead professional; its id. */
export async function createCase(db: DbOrTrx, input: NewCase): Promise<number> {
  const { id } = await db
    .insertInto('cases')
    .values({
      referral_id: input.referralId,
      child_id: input.childId,
      school_urn: input.schoolUrn,
      academic_year: input.academicYear,
      practitioner_id: input.practitionerId,
      practitioner_type: input.practitionerType,
      allocated_by: input.allocatedBy,
      allocated_at: input.allocatedAt,
      contact_due: input.contactDue,
      assessment_due: input.assessmentDue,
      planned_end: input.plannedEnd,
      over_quota: input.overQuota,
      over_caseload: input.overCaseload,
      allocation_reason: input.reason,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('case_lead_professionals')
    .values({
      case_id: id,
      practitioner_id: input.practitionerId,
      from_date: input.allocatedOn,
      changed_by: input.allocatedBy,
    })
    .execute();
  return id;
}

/** A line on the case's timeline. */
export function addCaseEvent(
  db: DbOrTrx,
  event: { caseId: number; userId: number | null; kind: string; message: string; at?: Date },
) {
  return db
    .insertInto('case_events')
    .values({ case_id: event.caseId, user_id: event.userId, kind: event.kind, message: event.message, at: event.at })
    .execute();
}

/** The child's most recent case closed since `since`, other than `caseId`. */
export function earlierClosedCase(db: DbOrTrx, caseId: number, childId: number, since: Date) {
  return db
    .selectFrom('cases')
    .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
    .select(['cases.id', 'referrals.reference'])
    .where('cases.child_id', '=', childId)
    .where('cases.id', '!=', caseId)
    .where('cases.status', '=', 'closed')
    .where('cases.closed_at', '>=', since)
    .orderBy('cases.closed_at', 'desc')
    .executeTakeFirst();
}

export async function markReopenedFrom(db: DbOrTrx, caseId: number, earlierId: number) {
  await db.updateTable('cases').set({ reopened_from: earlierId }).where('id', '=', caseId).execute();
}

/** A line on the referral's timeline. */
export async function addReferralEvent(
  db: DbOrTrx,
  event: { referralId: number; userId: number | null; kind: string; message: string },
) {
  await db
    .insertInto('referral_events')
    .values({ referral_id: event.referralId, user_id: event.userId, kind: event.kind, message: event.message })
    .execute();
}

export async function emailOf(db: DbOrTrx, userId: number): Promise<string> {
  const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirstOrThrow();
  return row.email;
}
