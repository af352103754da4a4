import { sql, type Kysely } from 'kysely';

// One-time links to set a password: for a new account ('set') or an account whose password is
// forgotten ('reset'). Only a hash of the link's secret is kept; a link lasts 24 hours, works
// once, and stops working when a newer link is issued for the same person.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('password_links')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // The SHA-256 of the secret in the link, in hex: the secret itself is never stored.
    .addColumn('token_hash', 'text', (c) =>
      c
        .notNull()
        .unique()
        .check(sql`token_hash ~ '^[0-9a-f]{64}$'`),
    )
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('set', 'reset')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('password_links_expiry', sql`expires_at > created_at`)
    .execute();
  await db.schema.createIndex('password_links_user').on('password_links').columns(['user_id', 'id']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('password_links').execute();
}
