import { sql, type Kysely } from 'kysely';

// Attendance records beside the session marks (RBKC Early Help Family Support; Portsmouth school
// attendance strategy): the pupil roll per school
// and academic year (so measures can be split by characteristic), suspensions and permanent
// exclusions (with the DfE's reason categories), and reduced timetables with the checks the
// Portsmouth school attendance strategy asks for (parental consent, a plan to return to full time, a review date).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pupil_roll')
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('upn', 'text', (c) => c.notNull().check(sql`upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'`))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addColumn('year_group', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`year_group in ('N1', 'N2', 'R', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13')`,
        ),
    )
    .addColumn('sen', 'text', (c) => c.notNull().check(sql`sen in ('N', 'K', 'E')`))
    .addColumn('fsm', 'boolean', (c) => c.notNull())
    .addColumn('eal', 'boolean', (c) => c.notNull())
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('pupil_roll_pk', ['academic_year', 'urn', 'upn'])
    .execute();
  await db.schema.createIndex('pupil_roll_upn').on('pupil_roll').columns(['upn', 'academic_year']).execute();

  await db.schema
    .createTable('suspensions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('upn', 'text', (c) => c.notNull().check(sql`upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'`))
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('suspension', 'permanent-exclusion')`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    // A pupil may be suspended for at most 45 school days (90 sessions) in an academic year (DfE).
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions between 1 and 90`))
    .addColumn('reason', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`reason in ('PP', 'PA', 'VP', 'VA', 'OW', 'BU', 'RA', 'LG', 'DS', 'SM', 'DA', 'DM', 'TH', 'MT', 'PH', 'DB', 'OT')`,
        ),
    )
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('form', 'import')`))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('suspensions_once', ['upn', 'urn', 'start_date', 'kind'])
    .execute();
  await db.schema.createIndex('suspensions_school_year').on('suspensions').columns(['urn', 'academic_year']).execute();
  await db.schema.createIndex('suspensions_upn').on('suspensions').column('upn').execute();

  await db.schema
    .createTable('reduced_timetables')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('upn', 'text', (c) => c.notNull().check(sql`upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'`))
    .addColumn('pupil_name', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('planned_end', 'date', (c) => c.notNull())
    .addColumn('hours_per_week', 'numeric(4, 1)', (c) =>
      c.notNull().check(sql`hours_per_week >= 0 and hours_per_week <= 32.5`),
    )
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('parental_consent', 'boolean', (c) => c.notNull())
    .addColumn('return_plan', 'boolean', (c) => c.notNull())
    .addColumn('return_plan_summary', 'text')
    .addColumn('review_date', 'date', (c) => c.notNull())
    .addColumn('ended_on', 'date')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('reduced_timetables_plan_summary', sql`not return_plan or return_plan_summary is not null`)
    .addCheckConstraint(
      'reduced_timetables_dates',
      sql`planned_end >= start_date and review_date >= start_date and (ended_on is null or ended_on >= start_date)`,
    )
    .execute();
  await db.schema
    .createIndex('reduced_timetables_school_year')
    .on('reduced_timetables')
    .columns(['urn', 'academic_year'])
    .execute();
  await db.schema.createIndex('reduced_timetables_upn').on('reduced_timetables').column('upn').execute();
}
