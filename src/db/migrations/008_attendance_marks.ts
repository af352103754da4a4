import { sql, type Kysely } from 'kysely';

// Attendance session marks [measured figures: docs/benchmarks.md]: one row per pupil per school per
// school year, the year's marks as one string (one character per session: see
// src/attendance/rules.ts), with the year's counts beside it; weekly counts per school for the
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
  await db.schema
    .createIndex('attendance_marks_upn')
    .on('attendance_marks')
    .columns(['upn', 'academic_year'])
    .execute();

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
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('running')
        .check(sql`status in ('running', 'imported', 'refused', 'failed')`),
    )
    .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('academic_year', 'text')
    .addColumn('schools', 'integer')
    .addColumn('pupils', 'integer')
    .addColumn('problem_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('problems', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('notes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  // Targets by measure and phase, as data (Portsmouth school attendance strategy: 3-year targets from the 2018/19 baseline to 2023/24).
  await db.schema
    .createTable('attendance_targets')
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('baseline', 'numeric', (c) => c.notNull())
    .addColumn('baseline_year', 'text', (c) => c.notNull())
    .addColumn('target', 'numeric', (c) => c.notNull())
    .addColumn('target_year', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_targets_pk', ['measure', 'phase'])
    .execute();
  // The source as stored (the targets' records keep it; a later migration may reword it).
  const portsmouthTargets = 'seed 004: 3-year targets, 2018/19 baseline to 2023/24';
  const targets: [string, string, number, number][] = [
    ['overall-absence', 'Primary', 4.1, 3.5],
    ['overall-absence', 'Secondary', 6.7, 5.0],
    ['persistent-absence', 'Primary', 8.7, 6.8],
    ['persistent-absence', 'Secondary', 17.9, 13.5],
    ['suspension-rate', 'Primary', 1.08, 0.6],
    ['suspension-rate', 'Secondary', 7.47, 5.5],
    ['reduced-timetables', 'All', 125, 70],
    ['chronic-with-lead-professional', 'All', 44, 100],
  ];
  await db
    .insertInto('attendance_targets')
    .values(
      targets.map(([measure, phase, baseline, target]) => ({
        measure,
        phase,
        baseline,
        baseline_year: '2018/19',
        target,
        target_year: '2023/24',
        source: portsmouthTargets,
      })),
    )
    .execute();
}
