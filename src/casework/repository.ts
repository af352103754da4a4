// Cases: made when a referral accepted for intensive support is allocated to a practitioner.
// A practitioner sees the cases they lead, or the whole team's when the authority's setting says
// so; a senior practitioner and the team manager see the whole team's. Only the lead, a senior
// practitioner or the team manager changes a case. Every read and write of a case is audited by
// the service that calls these.
import type { Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { CurrentUser } from '../platform/roles.ts';
import { readSetting } from '../platform/settings/service.ts';
import { maySeeEveryCase } from '../platform/policies.ts';

export type Reader = Db | Transaction<Database>;

/** Who may read which cases: the lead practitioner's own, or every case for managers. */
export type CaseScope = { kind: 'all' } | { kind: 'lead'; userId: number };

/** Which cases a practitioner can see (the setting 'practitioners-see-cases'). */
export type PractitionersSee = 'own' | 'team';

/** The cases a user may reach: with the default, the cases they may change; with 'team', the cases a practitioner may read. */
export function caseScopeOf(user: CurrentUser, practitionersSee: PractitionersSee = 'own'): CaseScope {
  return maySeeEveryCase(user.roles) || practitionersSee === 'team'
    ? { kind: 'all' }
    : { kind: 'lead', userId: user.id };
}

/** The cases a user may read, as the authority's setting has it. */
export async function readScopeOf(db: Reader, user: CurrentUser): Promise<CaseScope> {
  return caseScopeOf(user, await readSetting(db, 'practitioners-see-cases'));
}

function cases(db: Reader, scope: CaseScope) {
  const query = db
    .selectFrom('cases')
    .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
    .innerJoin('children', 'children.id', 'cases.child_id')
    .innerJoin('schools', 'schools.urn', 'cases.school_urn')
    .innerJoin('users as lead', 'lead.id', 'cases.practitioner_id');
  return scope.kind === 'all' ? query : query.where('cases.practitioner_id', '=', scope.userId);
}

export function casesRepository() {
  return {
    addEvent(
      db: Reader,
      event: { caseId: number; userId: number | null; kind: string; message?: string | null; at?: Date },
    ) {
      return db
        .insertInto('case_events')
        .values({
          case_id: event.caseId,
          user_id: event.userId,
          kind: event.kind,
          message: event.message ?? null,
          at: event.at,
        })
        .execute();
    },

    /** The caseload: open cases and closed ones waiting for their review, for one practitioner or the team. */
    open(db: Reader, scope: CaseScope, practitionerId?: number) {
      let query = cases(db, scope)
        .select([
          'cases.id',
          'cases.practitioner_type',
          'cases.allocated_at',
          'cases.contact_due',
          'cases.assessment_due',
          'cases.planned_end',
          'cases.first_contact_on',
          'cases.assessment_completed_on',
          'cases.status',
          'cases.next_meeting_due',
          'cases.post_closure_review_due',
          'cases.post_closure_review_on',
          (eb) =>
            eb
              .exists(
                eb
                  .selectFrom('case_meetings')
                  .select('case_meetings.id')
                  .whereRef('case_meetings.case_id', '=', 'cases.id'),
              )
              .as('has_meeting'),
          'referrals.reference',
          'children.first_name',
          'children.last_name',
          'schools.name as school_name',
          'lead.id as lead_id',
          'lead.name as lead_name',
        ])
        // Open cases, and closed ones until their post-closure review is done [RBKC Early Help
        // Family Support].
        .where((eb) =>
          eb.or([
            eb('cases.status', '!=', 'closed'),
            eb.and([
              eb('cases.post_closure_review_on', 'is', null),
              eb('cases.post_closure_review_due', 'is not', null),
            ]),
          ]),
        );
      if (practitionerId !== undefined) query = query.where('cases.practitioner_id', '=', practitionerId);
      return query.orderBy('cases.allocated_at').orderBy('cases.id').limit(500).execute();
    },

    find(db: Reader, scope: CaseScope, id: number) {
      return cases(db, scope)
        .leftJoin('users as allocator', 'allocator.id', 'cases.allocated_by')
        .selectAll('cases')
        .select([
          (eb) =>
            eb
              .exists(
                eb
                  .selectFrom('case_meetings')
                  .select('case_meetings.id')
                  .whereRef('case_meetings.case_id', '=', 'cases.id'),
              )
              .as('has_meeting'),
          'referrals.reference',
          'referrals.answers',
          'referrals.level_of_need',
          'children.first_name',
          'children.last_name',
          'children.date_of_birth',
          'children.upn',
          'children.year_group',
          'schools.name as school_name',
          'lead.name as lead_name',
          'lead.email as lead_email',
          'allocator.name as allocated_by_name',
        ])
        .where('cases.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks the case's row for the rest of the transaction, so two people changing it take turns. */
    lock(trx: Transaction<Database>, id: number) {
      return trx.selectFrom('cases').select(['id', 'status']).where('id', '=', id).forUpdate().executeTakeFirst();
    },

    events(db: Reader, caseId: number) {
      return db
        .selectFrom('case_events')
        .leftJoin('users', 'users.id', 'case_events.user_id')
        .select([
          'case_events.id',
          'case_events.at',
          'case_events.kind',
          'case_events.message',
          'users.name as user_name',
        ])
        .where('case_events.case_id', '=', caseId)
        .orderBy('case_events.at', 'desc')
        .orderBy('case_events.id', 'desc')
        .execute();
    },

    /** Cases still being worked (open or waiting for closure sign-off) per practitioner. */
    async openCounts(db: Reader): Promise<Map<number, number>> {
      const rows = await db
        .selectFrom('cases')
        .select(['practitioner_id', db.fn.countAll<string>().as('count')])
        .where('status', '!=', 'closed')
        .groupBy('practitioner_id')
        .execute();
      return new Map(rows.map((row) => [row.practitioner_id, Number(row.count)]));
    },
  };
}

export type CasesRepository = ReturnType<typeof casesRepository>;
