import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Who did something, and from where: passed to every service call that reads or changes records. */
export interface Actor {
  userId: number | null;
  ip: string | null;
}

export interface AuditEntry {
  action: string;
  recordType: string;
  recordId?: string | number | null;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit row. Call it with the same transaction as the read or change it records,
 * so that the record and its audit stand or fall together.
 */
export async function audit(
  db: Kysely<Database> | Transaction<Database>,
  actor: Actor,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      user_id: actor.userId,
      ip: actor.ip,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId == null ? null : String(entry.recordId),
      details: entry.details ? JSON.stringify(entry.details) : null,
    })
    .execute();
}
