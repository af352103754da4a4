import { sql, type Kysely } from 'kysely';
import { migrations } from './migrations/index.ts';

export interface MigrationState {
  /** Migrations this version has that the database has not run. */
  pending: string[];
  /** Migrations the database has run that this version does not know (a newer version ran them). */
  unknown: string[];
  /** The last migration the database ran. */
  last: string | null;
}

/** Compares the migrations the database has run (Kysely's table) with this version's list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- read before the schema is known
export async function migrationState(db: Kysely<any>): Promise<MigrationState> {
  const known = Object.keys(await migrations.getMigrations()).sort();
  const exists = await sql<{ found: string | null }>`select to_regclass('kysely_migration')::text as found`.execute(db);
  const ran = exists.rows[0]?.found
    ? (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db)).rows.map(
        (row) => row.name,
      )
    : [];
  return {
    pending: known.filter((name) => !ran.includes(name)),
    unknown: ran.filter((name) => !known.includes(name)),
    last: ran.at(-1) ?? null,
  };
}
