import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/schema.ts';
import type { Scope } from '../platform/roles.ts';
import { inScope } from '../platform/scope.ts';

export type Reader = Db | Transaction<Database>;

export const REFERRALS_PAGE_SIZE = 25;

export function referralsRepository() {
  return {
    find(db: Reader, scope: Scope, id: number) {
      return inScope(
        db.selectFrom('referrals').innerJoin('schools', 'schools.urn', 'referrals.school_urn'),
        scope,
        'referrals.school_urn',
      )
        .selectAll('referrals')
        .select('schools.name as school_name')
        .where('referrals.id', '=', id)
        .executeTakeFirst();
    },

    /** Locks the referral row for the rest of the transaction, so a double submission waits its turn. */
    lock(trx: Transaction<Database>, scope: Scope, id: number) {
      return inScope(trx.selectFrom('referrals'), scope, 'referrals.school_urn')
        .selectAll('referrals')
        .where('referrals.id', '=', id)
        .forUpdate()
        .executeTakeFirst();
    },

    async list(db: Reader, scope: Scope, page: number) {
      const base = inScope(
        db.selectFrom('referrals').innerJoin('schools', 'schools.urn', 'referrals.school_urn'),
        scope,
        'referrals.school_urn',
      );
      const [rows, total] = await Promise.all([
        base
          .select([
            'referrals.id',
            'referrals.reference',
            'referrals.status',
            'referrals.answers',
            'referrals.created_at',
            'referrals.updated_at',
            'referrals.submitted_at',
            'referrals.outcome',
            'referrals.outcome_at',
            'schools.name as school_name',
          ])
          .orderBy(sql`referrals.submitted_at is not null`)
          .orderBy('referrals.updated_at', 'desc')
          .limit(REFERRALS_PAGE_SIZE)
          .offset((page - 1) * REFERRALS_PAGE_SIZE)
          .execute(),
        base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },

    events(db: Reader, referralId: number, referrerView: boolean) {
      let query = db
        .selectFrom('referral_events')
        .leftJoin('users', 'users.id', 'referral_events.user_id')
        .select([
          'referral_events.id',
          'referral_events.at',
          'referral_events.kind',
          'referral_events.message',
          'users.name as user_name',
        ])
        .where('referral_events.referral_id', '=', referralId);
      if (referrerView) query = query.where('referral_events.visible_to_referrer', '=', true);
      return query.orderBy('referral_events.at').orderBy('referral_events.id').execute();
    },

    addEvent(
      trx: Reader,
      event: { referralId: number; userId: number | null; kind: string; message?: string; visibleToReferrer?: boolean },
    ) {
      return trx
        .insertInto('referral_events')
        .values({
          referral_id: event.referralId,
          user_id: event.userId,
          kind: event.kind,
          message: event.message ?? null,
          visible_to_referrer: event.visibleToReferrer ?? true,
        })
        .execute();
    },

    /** A child already on the school's roll: by UPN, or by name and date of birth. */
    findOnRoll(
      db: Reader,
      schoolUrn: number,
      child: { upn?: string; firstName: string; lastName: string; dateOfBirth: string },
    ) {
      return db
        .selectFrom('children')
        .select(['id', 'first_name', 'last_name'])
        .where('school_urn', '=', schoolUrn)
        .where((eb) =>
          eb.or([
            ...(child.upn ? [eb('upn', '=', child.upn)] : []),
            eb.and([
              eb(sql`lower(first_name)`, '=', child.firstName.toLowerCase()),
              eb(sql`lower(last_name)`, '=', child.lastName.toLowerCase()),
              eb('date_of_birth', '=', child.dateOfBirth),
            ]),
          ]),
        )
        .executeTakeFirst();
    },

    /** A new draft, with its answers so far. */
    async insertDraft(trx: Reader, draft: { schoolUrn: number; createdBy: number; answers: unknown }) {
      const row = await trx
        .insertInto('referrals')
        .values({ school_urn: draft.schoolUrn, created_by: draft.createdBy, answers: JSON.stringify(draft.answers) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    saveAnswers(trx: Reader, id: number, answers: unknown, now: Date) {
      return trx
        .updateTable('referrals')
        .set({ answers: JSON.stringify(answers), updated_at: now })
        .where('id', '=', id)
        .execute();
    },

    markSubmitted(trx: Reader, id: number, sent: { reference: string; childId: number; now: Date }) {
      return trx
        .updateTable('referrals')
        .set({
          status: 'submitted',
          reference: sent.reference,
          child_id: sent.childId,
          submitted_at: sent.now,
          updated_at: sent.now,
        })
        .where('id', '=', id)
        .execute();
    },

    markAcknowledged(trx: Reader, id: number, now: Date) {
      return trx.updateTable('referrals').set({ acknowledged_at: now }).where('id', '=', id).execute();
    },

    /** A child record made from a referral, with the carers named on it; the child's id. */
    async createChild(
      trx: Reader,
      child: {
        firstName: string;
        lastName: string;
        dateOfBirth: string;
        upn: string | null;
        schoolUrn: number;
        yearGroup: string;
      },
      carers: readonly { name: string; relationship: string; phone: string | null }[],
    ): Promise<number> {
      const created = await trx
        .insertInto('children')
        .values({
          first_name: child.firstName,
          last_name: child.lastName,
          date_of_birth: child.dateOfBirth,
          upn: child.upn,
          school_urn: child.schoolUrn,
          year_group: child.yearGroup,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (carers.length) {
        await trx
          .insertInto('carers')
          .values(carers.map((carer) => ({ ...carer, child_id: created.id, has_parental_responsibility: true })))
          .execute();
      }
      return created.id;
    },

    /** The school's URN and name, for the acknowledgement. */
    school(trx: Reader, urn: number) {
      return trx.selectFrom('schools').select(['urn', 'name']).where('urn', '=', urn).executeTakeFirstOrThrow();
    },

    async nextReference(trx: Reader, year: number): Promise<string> {
      const { rows } = await sql<{ n: number }>`select nextval('referral_reference_seq')::int as n`.execute(trx);
      return `IH-${year}-${String(rows[0].n).padStart(5, '0')}`;
    },
  };
}
