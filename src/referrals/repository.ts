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

    async nextReference(trx: Reader, year: number): Promise<string> {
      const { rows } = await sql<{ n: number }>`select nextval('referral_reference_seq')::int as n`.execute(trx);
      return `IH-${year}-${String(rows[0].n).padStart(5, '0')}`;
    },
  };
}
