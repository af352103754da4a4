import { sql, type Kysely } from 'kysely';

// Signing in the way councils do: an account linked to the person's council account
// (the OpenID Connect provider's issuer and subject, recorded at their first single sign-on), and
// two-factor authentication for local passwords: the time-based one-time password secret, the
// last time step accepted (so a code is never accepted twice), wrong codes counted in a window,
// and single-use recovery codes kept only as hashes.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('council_account_links')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull().check(sql`length(subject) between 1 and 255`))
    .addColumn('linked_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('council_account_links_subject', ['issuer', 'subject'])
    .execute();

  await db.schema
    .createTable('two_factor_secrets')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    // Base32, as authenticator apps take it; 160 bits (RFC 4226 §4 R6).
    .addColumn('secret', 'text', (c) => c.notNull().check(sql`secret ~ '^[A-Z2-7]{32}$'`))
    // Null while the person is setting it up: it is on only once they have typed a first code.
    .addColumn('confirmed_at', 'timestamptz')
    .addColumn('last_step', 'integer')
    .addColumn('failed_codes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failing_since', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('two_factor_recovery_codes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('two_factor_recovery_codes_user')
    .on('two_factor_recovery_codes')
    .column('user_id')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['two_factor_recovery_codes', 'two_factor_secrets', 'council_account_links']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
