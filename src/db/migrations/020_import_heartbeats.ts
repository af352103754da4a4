import type { Kysely } from 'kysely';

// Several processes share one database: a marks import records the file it reads and when its
// process last said it was still working, so a process starting up marks failed only imports
// whose process has stopped, and leaves another process's file alone.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attendance_imports')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('upload_path', 'text')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attendance_imports').dropColumn('upload_path').dropColumn('heartbeat_at').execute();
}
