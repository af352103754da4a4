import { sql, type Kysely } from 'kysely';

// Attendance session marks [SYSTEM.md §5; PERFORMANCE-NOTES.md]: one row per pupil per school per
// school year, the year's marks as one string (one character per session: see
// src/attendance/codes.ts), with the year's counts beside it; weekly counts per school for the
// trend and week-aligned rates; and the imports with their progress.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_marks')
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('upn', 'text', (c) => c.notNull())
    .addColumn('marks', 'text', (c) => c.notNull())
    .addColumn('possible', 'integer', (c) => c.notNull().check(sql`possible >= 0`))
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('authorised', 'integer', (c) => c.notNull())
    .addColumn('unauthorised', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attendance_marks_pk', ['academic_year', 'urn', 'upn'])
    .execute();
  await db.schema.createIndex('attendance_marks_upn').on('attendance_marks').columns(['upn', 'academic_year']).execute();

  await db.schema
    .createTable('attendance_school_weeks')
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('week_start', 'date', (c) => c.notNull())
    .addColumn('pupils', 'integer', (c) => c.notNull())
    .addColumn('possible', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('authorised', 'integer', (c) => c.notNull())
    .addColumn('unauthorised', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_school_weeks_pk', ['academic_year', 'urn', 'week_start'])
    .execute();

  await db.schema
    .createTable('attendance_imports')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('running').check(sql`status in ('running', 'imported', 'refused', 'failed')`))
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('academic_year', 'text')
    .addColumn('schools', 'integer')
    .addColumn('pupils', 'integer')
    .addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
}
