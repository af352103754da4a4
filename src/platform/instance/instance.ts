import type { DbOrTrx } from '../../db/connection.ts';

/**
 * A demo instance holds the fictional borough and its accounts; a live instance is a council's
 * own service and never holds demo data. The kind is stored when the database is first set up
 * and never changes.
 */
export type InstanceKind = 'demo' | 'live';

/** The stored kind, or undefined when the database has not been set up yet. */
export async function instanceKind(db: DbOrTrx): Promise<InstanceKind | undefined> {
  const row = await db.selectFrom('instance').select('kind').executeTakeFirst();
  return row?.kind;
}

/**
 * Stores the kind for a database being set up, once: when two processes set up the same database
 * at the same moment the first one's kind stands. Returns the kind the database has.
 */
export async function settleInstanceKind(
  db: DbOrTrx,
  wanted: InstanceKind,
): Promise<{ kind: InstanceKind; created: boolean }> {
  const inserted = await db
    .insertInto('instance')
    .values({ kind: wanted })
    .onConflict((oc) => oc.doNothing())
    .returning('kind')
    .executeTakeFirst();
  if (inserted) return { kind: inserted.kind, created: true };
  return { kind: (await instanceKind(db))!, created: false };
}
