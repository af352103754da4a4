import type { Kysely, Transaction } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import { isTemplateName, TEMPLATES, type Personalisation, type TemplateName } from './templates.ts';

/**
 * A message's status in the `notifications` table:
 * - `pending`: waiting for the sender. Without NOTIFY_API_KEY no sender runs, so pending
 *   messages are not sent; the outbox page shows them as "Not sent" for administrators to read.
 * - `sent`: GOV.UK Notify accepted it.
 * - `failed`: Notify refused it, or it failed MAX_ATTEMPTS times; `last_error` says why.
 */
export const NOTIFICATION_STATUSES = ['pending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const OUTBOX_PAGE_SIZE = 25;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MAX_FIELD_LENGTH = 2000;

export interface OutgoingMessage<T extends TemplateName = TemplateName> {
  template: T;
  /** The email address the message goes to. */
  recipient: string;
  personalisation: Personalisation<T>;
  referralId?: number | null;
}

/** Why a message was refused; names fields but never repeats their values. */
export class OutboxError extends Error {}

function checked(message: { template: string; recipient: string; personalisation: object }): Record<string, string> {
  if (!isTemplateName(message.template))
    throw new OutboxError(`There is no message template called '${String(message.template)}'`);
  if (!EMAIL.test(message.recipient ?? '')) throw new OutboxError('The recipient must be an email address');
  const declared: readonly string[] = TEMPLATES[message.template].fields;
  const given: [string, unknown][] = Object.entries(message.personalisation ?? {});
  const undeclared = given.map(([key]) => key).filter((key) => !declared.includes(key));
  if (undeclared.length) {
    throw new OutboxError(
      `The '${message.template}' template does not use ${undeclared.join(', ')}: only the fields it needs may be stored`,
    );
  }
  const missing = declared.filter(
    (field) => !given.some(([key, value]) => key === field && typeof value === 'string' && value.trim()),
  );
  if (missing.length) throw new OutboxError(`The '${message.template}' template needs ${missing.join(', ')}`);
  const tooLong = given.filter(([, value]) => (value as string).length > MAX_FIELD_LENGTH).map(([key]) => key);
  if (tooLong.length) throw new OutboxError(`${tooLong.join(', ')} must be ${MAX_FIELD_LENGTH} characters or fewer`);
  return Object.fromEntries(given) as Record<string, string>;
}

/**
 * Puts a message in the outbox. Call it with the transaction of the change that causes the
 * message, so the message exists only if that change is saved. Returns the notification's id.
 * The message is due at `now`, the service's clock, which the sender reads too; without it, at
 * the database's time.
 */
export async function enqueue<T extends TemplateName>(
  trx: Kysely<Database> | Transaction<Database>,
  message: OutgoingMessage<T>,
  now?: Date,
): Promise<number> {
  const personalisation = checked(message);
  const row = await trx
    .insertInto('notifications')
    .values({
      template: message.template,
      recipient: message.recipient.trim(),
      personalisation: JSON.stringify(personalisation),
      referral_id: message.referralId ?? null,
      status: 'pending',
      ...(now ? { next_attempt_at: now } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface OutboxFilter {
  status?: NotificationStatus;
}

/** What administrators read: the outbox, newest first, and one message at a time. */
export function outboxRepository(db: Db, clock: Clock) {
  function filtered(filter: OutboxFilter) {
    let query = db.selectFrom('notifications');
    if (filter.status) query = query.where('status', '=', filter.status);
    return query;
  }

  return {
    async list(filter: OutboxFilter, page: number) {
      const [rows, total] = await Promise.all([
        filtered(filter)
          .selectAll()
          .orderBy('created_at', 'desc')
          .orderBy('id', 'desc')
          .limit(OUTBOX_PAGE_SIZE)
          .offset((page - 1) * OUTBOX_PAGE_SIZE)
          .execute(),
        filtered(filter)
          .select((eb) => eb.fn.countAll<number>().as('count'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows, total: Number(total.count) };
    },
    find(id: number) {
      return db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirst();
    },
    /** An administrator sends a failed message again, from its first attempt; false if it had not failed. */
    retry(actor: Actor, id: number): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('notifications')
          .set({ status: 'pending', attempts: 0, next_attempt_at: clock.now(), last_error: null })
          .where('id', '=', id)
          .where('status', '=', 'failed')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await audit(trx, actor, { action: 'send again', recordType: 'notification', recordId: id });
        return true;
      });
    },
  };
}

export type OutboxRepository = ReturnType<typeof outboxRepository>;
