import type { Kysely } from 'kysely';

// The sign-in back-off reads an account's attempts and an address's recent failures on every
// sign-in (src/platform/auth/attempts.ts): indexes so that stays quick as the table grows.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('sign_in_attempts_email_at').on('sign_in_attempts').columns(['email', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_ip_at').on('sign_in_attempts').columns(['ip', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sign_in_attempts_ip_at').execute();
  await db.schema.dropIndex('sign_in_attempts_email_at').execute();
}
