import { sql, type Kysely } from 'kysely';

// Attendance totals kept beside the marks, so the dashboards read a few thousand rows rather than
// every pupil's marks: per school year, school, and group of pupils alike on the roll (year group,
// SEN, free school meals, EAL; pupils with marks but not on the roll make a group of their own),
// the pupils with marks, those with possible sessions, the year's session counts, and how many
// missed the persistent and severe absence thresholds, with the thresholds they were counted at
// (the service's settings then; a page whose settings differ counts from the marks instead). The
// marks import and the roll import keep them up to date in their own transactions
// (src/attendance/aggregates/repository.ts); this migration fills them from the marks held.
// Also an index of each pupil's share of sessions missed, so the chronic absence list finds the
// few pupils over the threshold without reading every pupil.

const DEFAULT_PERSISTENT = 10;
const DEFAULT_SEVERE = 50;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_group_totals')
    .addColumn('academic_year', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('on_roll', 'boolean', (c) => c.notNull())
    .addColumn('year_group', 'text', (c) => c.notNull())
    .addColumn('sen', 'text', (c) => c.notNull())
    .addColumn('fsm', 'boolean', (c) => c.notNull())
    .addColumn('eal', 'boolean', (c) => c.notNull())
    .addColumn('marked', 'integer', (c) => c.notNull())
    .addColumn('pupils', 'integer', (c) => c.notNull())
    .addColumn('possible', 'integer', (c) => c.notNull())
    .addColumn('attended', 'integer', (c) => c.notNull())
    .addColumn('authorised', 'integer', (c) => c.notNull())
    .addColumn('unauthorised', 'integer', (c) => c.notNull())
    .addColumn('persistent', 'integer', (c) => c.notNull())
    .addColumn('severe', 'integer', (c) => c.notNull())
    .addColumn('persistent_percent', 'numeric', (c) => c.notNull())
    .addColumn('severe_percent', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_group_totals_pk', [
      'academic_year',
      'urn',
      'on_roll',
      'year_group',
      'sen',
      'fsm',
      'eal',
    ])
    .execute();
  await sql`create index attendance_marks_absence on attendance_marks (academic_year, ((authorised + unauthorised) * 100 / possible)) where possible > 0`.execute(
    db,
  );

  const threshold = (key: string, fallback: number) =>
    sql`coalesce((select case when jsonb_typeof(value) = 'number' then (value #>> '{}')::numeric end from settings where key = ${key}), ${fallback})`;
  const persistent = threshold('persistent-absence-percent', DEFAULT_PERSISTENT);
  const severe = threshold('severe-absence-percent', DEFAULT_SEVERE);
  await sql`
    with thresholds as (select ${persistent} as persistent, ${severe} as severe)
    insert into attendance_group_totals (academic_year, urn, on_roll, year_group, sen, fsm, eal, marked, pupils, possible,
      attended, authorised, unauthorised, persistent, severe, persistent_percent, severe_percent)
    select m.academic_year, m.urn, r.upn is not null, coalesce(r.year_group, ''), coalesce(r.sen, ''), coalesce(r.fsm, false),
      coalesce(r.eal, false), count(*), count(*) filter (where m.possible > 0), sum(m.possible), sum(m.attended),
      sum(m.authorised), sum(m.unauthorised),
      count(*) filter (where m.possible > 0 and (m.authorised + m.unauthorised) * 100 >= t.persistent * m.possible),
      count(*) filter (where m.possible > 0 and (m.authorised + m.unauthorised) * 100 >= t.severe * m.possible),
      t.persistent, t.severe
    from attendance_marks m
      cross join thresholds t
      left join pupil_roll r on r.academic_year = m.academic_year and r.urn = m.urn and r.upn = m.upn
    group by m.academic_year, m.urn, r.upn is not null, coalesce(r.year_group, ''), coalesce(r.sen, ''),
      coalesce(r.fsm, false), coalesce(r.eal, false), t.persistent, t.severe`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists attendance_marks_absence`.execute(db);
  await db.schema.dropTable('attendance_group_totals').execute();
}
