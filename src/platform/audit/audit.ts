import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** Who did something, and from where: passed to every service call that reads or changes records. */
export interface Actor {
  userId: number | null;
  ip: string | null;
  /** How the action came, when not through the web pages (e.g. 'command line'): recorded with it. */
  via?: string;
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
  const details = actor.via ? { ...entry.details, via: actor.via } : entry.details;
  await db
    .insertInto('audit_events')
    .values({
      user_id: actor.userId,
      ip: actor.ip,
      action: entry.action,
      record_type: entry.recordType,
      record_id: entry.recordId == null ? null : String(entry.recordId),
      details: details ? JSON.stringify(details) : null,
    })
    .execute();
}
