import { sql, type Kysely } from 'kysely';

// Stored records name their source by the document's title and section, as pages show it
// (docs/sources.md), rather than by a number a reader of the service cannot look up.
const REWORDED: [before: string, after: string][] = [
  [
    'seed 004: 3-year targets, 2018/19 baseline to 2023/24',
    'Portsmouth school attendance strategy: 3-year targets, 2018/19 baseline to 2023/24',
  ],
  [
    'seed 002: Local & National Picture - Attendance',
    'RBKC Early Help Family Support: Local & National Picture - Attendance',
  ],
  [
    'seed 002: Local & National Picture - Exclusions',
    'RBKC Early Help Family Support: Local & National Picture - Exclusions',
  ],
];

async function reword(db: Kysely<unknown>, pairs: [from: string, to: string][]): Promise<void> {
  for (const [from, to] of pairs) {
    await sql`update attendance_targets set source = ${to} where source = ${from}`.execute(db);
    await sql`update attendance_comparators set source = ${to} where source = ${from}`.execute(db);
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await reword(db, REWORDED);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await reword(
    db,
    REWORDED.map(([before, after]) => [after, before]),
  );
}
