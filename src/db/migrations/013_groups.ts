import { sql, type Kysely } from 'kysely';

// Groups (SEMH Team proposal): clusters of schools per school year (membership kept with dates,
// so a school moved mid-year keeps its history), the year's rotation of clusters over the half
// terms, group programmes (parent support groups for a cluster, small-group interventions for
// children at one of the most vulnerable schools) with facilitators and weekly sessions, places
// (a parent or a child, nominated by a school or booked from a case) with the children they are
// there for, each session's register, and pre/post scores on the programme's named measure.

const YEAR = (column: string) => sql`${sql.ref(column)} ~ '^[0-9]{4}/[0-9]{2}$'`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('group_clusters')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('academic_year', 'text', (c) => c.notNull().check(YEAR('academic_year')))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) between 1 and 80`))
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('group_clusters_name', ['academic_year', 'name'])
    .execute();

  // A school's membership of a cluster from one date until (not including) another; the open
  // row (left_on null) is the school's cluster now. One open row per school per year.
  await db.schema
    .createTable('group_cluster_schools')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('cluster_id', 'integer', (c) => c.notNull().references('group_clusters.id').onDelete('cascade'))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(YEAR('academic_year')))
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('joined_on', 'date', (c) => c.notNull())
    .addColumn('left_on', 'date')
    .addColumn('move_reason', 'text')
    .addColumn('changed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('group_cluster_schools_dates', sql`left_on is null or left_on > joined_on`)
    .execute();
  await sql`create unique index group_cluster_schools_current on group_cluster_schools (academic_year, urn) where left_on is null`.execute(
    db,
  );

  // The year's rotation: each half term (by its term-date name and dates) is given one cluster,
  // or two when clusters are paired; a half term of the next school year when the rotation spills.
  await db.schema
    .createTable('group_rotation')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('academic_year', 'text', (c) => c.notNull().check(YEAR('academic_year')))
    .addColumn('position', 'integer', (c) => c.notNull().check(sql`position >= 1`))
    .addColumn('cluster_id', 'integer', (c) => c.notNull().references('group_clusters.id').onDelete('cascade'))
    .addColumn('term_name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('group_rotation_cluster', ['academic_year', 'cluster_id'])
    .execute();

  await db.schema
    .createTable('group_programmes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('parent-group', 'small-group')`))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(YEAR('academic_year')))
    .addColumn('term_name', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'integer', (c) => c.references('group_clusters.id'))
    .addColumn('urn', 'integer', (c) => c.references('schools.urn'))
    .addColumn('name', 'text', (c) => c.notNull().check(sql`length(trim(name)) between 1 and 120`))
    .addColumn('focus', 'text')
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity between 1 and 100`))
    // Parent groups: schools outside the cluster may book while places are left (SEMH Team proposal).
    .addColumn('open_to_all', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('measure_name', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'cancelled')`),
    )
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'group_programmes_kind',
      sql`(kind = 'parent-group' and cluster_id is not null) or (kind = 'small-group' and urn is not null and focus is not null)`,
    )
    .execute();

  await db.schema
    .createTable('group_facilitators')
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('group_programmes.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('group_facilitators_pk', ['programme_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('group_sessions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('group_programmes.id').onDelete('cascade'))
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addUniqueConstraint('group_sessions_date', ['programme_id', 'held_on'])
    .execute();

  // A place for one participant: a parent (parent groups) or a child (small groups). Contact
  // details and names are cleared when consent is withdrawn; the place and its register stay.
  await db.schema
    .createTable('group_places')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('programme_id', 'integer', (c) => c.notNull().references('group_programmes.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('nominated', 'confirmed', 'waiting', 'declined', 'withdrawn')`),
    )
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('case_id', 'integer', (c) => c.references('cases.id'))
    .addColumn('parent_name', 'text')
    .addColumn('parent_contact', 'text')
    .addColumn('consent_to_share', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('consent_by', 'text')
    .addColumn('consent_on', 'date')
    .addColumn('consent_withdrawn_at', 'timestamptz')
    .addColumn('pre_score', 'numeric')
    .addColumn('post_score', 'numeric')
    .addColumn('waiting_since', 'timestamptz')
    .addColumn('decision_note', 'text')
    .addColumn('nominated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('nominated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('group_places_programme')
    .on('group_places')
    .columns(['programme_id', 'status'])
    .execute();
  await db.schema.createIndex('group_places_case').on('group_places').column('case_id').execute();

  // The children a place is for, each at a school: a parent with children at two schools has one
  // place with a child at each, so both schools count the family as reached.
  await db.schema
    .createTable('group_place_children')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('place_id', 'integer', (c) => c.notNull().references('group_places.id').onDelete('cascade'))
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('child_name', 'text')
    .addColumn('upn', 'text', (c) => c.check(sql`upn ~ '^[A-Z][0-9]{11}[0-9A-Z]$'`))
    .addColumn('year_group', 'text')
    .addColumn('added_by', 'integer', (c) => c.references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('group_place_children_urn')
    .on('group_place_children')
    .columns(['urn', 'place_id'])
    .execute();

  await db.schema
    .createTable('group_attendance')
    .addColumn('session_id', 'integer', (c) => c.notNull().references('group_sessions.id').onDelete('cascade'))
    .addColumn('place_id', 'integer', (c) => c.notNull().references('group_places.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('attended', 'apologies', 'did-not-attend')`))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('group_attendance_pk', ['session_id', 'place_id'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'group_attendance',
    'group_place_children',
    'group_places',
    'group_sessions',
    'group_facilitators',
    'group_programmes',
    'group_rotation',
    'group_cluster_schools',
    'group_clusters',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
