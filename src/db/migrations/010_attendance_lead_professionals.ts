import { sql, type Kysely } from 'kysely';

// A lead professional and plan for a chronically absent pupil recorded outside the service (a
// school's own plan, another agency's) (Portsmouth school attendance strategy: every chronically
// absent child to have a named lead professional and a plan). An open case in the service counts without one.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_lead_professionals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('upn', 'text', (c) => c.notNull())
    .addColumn('lead_name', 'text', (c) => c.notNull())
    .addColumn('lead_role', 'text', (c) => c.notNull())
    .addColumn('has_plan', 'boolean', (c) => c.notNull())
    .addColumn('plan_summary', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('attendance_lead_professionals_once', ['academic_year', 'urn', 'upn'])
    .execute();
}
