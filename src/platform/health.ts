import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { migrationState, type MigrationState } from '../db/migration-state.ts';

/** What the health checks ask of the database, for a load balancer or monitoring. */
export function healthService(db: Db) {
  return {
    /** Whether the database answers at all. */
    async databaseAnswers(): Promise<boolean> {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
      }
    },
    /** Which of this version's migrations the database has run; throws when it does not answer. */
    migrationState(): Promise<MigrationState> {
      return migrationState(db);
    },
  };
}

export type HealthService = ReturnType<typeof healthService>;
