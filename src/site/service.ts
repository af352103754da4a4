import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { migrationState } from '../db/migration-state.ts';

/** What the health checks ask of the database. */
export function healthService(db: Db) {
  return {
    /** Whether the database answers a query. */
    async databaseAnswers(): Promise<boolean> {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },

    /** The migrations this version has that the database has not run; throws when the database does not answer. */
    migrationState: () => migrationState(db),
  };
}

export type HealthService = ReturnType<typeof healthService>;
