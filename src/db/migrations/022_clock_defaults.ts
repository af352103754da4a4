import { sql, type Kysely } from 'kysely';

// The times the database fills in itself (a column's default, such as when a risk check was
// completed) follow the service's clock: `clock_now()` is the transaction's time moved by the
// offset each connection sets (`inclusion.clock_offset`, src/db/connection.ts), none by default.
// With the real time the two are the same; with a fixed clock (NOW) records agree with it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create or replace function clock_now() returns timestamptz language sql stable as $$
      select now() + coalesce(nullif(current_setting('inclusion.clock_offset', true), ''), '0 ms')::interval
    $$`.execute(db);
  await setDefaults(db, 'now()', 'clock_now()');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await setDefaults(db, 'clock_now()', 'now()');
  await sql`drop function if exists clock_now()`.execute(db);
}

/** Every column of this schema whose default is `from` gets `to` instead. */
async function setDefaults(db: Kysely<unknown>, from: string, to: string): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default = ${from}`.execute(db);
  for (const { table_name, column_name } of rows)
    await sql`alter table ${sql.table(table_name)} alter column ${sql.ref(column_name)} set default ${sql.raw(to)}`.execute(
      db,
    );
}
