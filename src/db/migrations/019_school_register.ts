import { sql, type Kysely } from 'kysely';

// The authority's schools as Get Information about Schools registers them: status, dates, type,
// ages, postcode and a converter's predecessor, beside the census figures the demo's schools
// carry. A school known only from the register has no census year. A converter academy often keeps
// its predecessor's LAESTAB, so LAESTAB is no longer unique. GIAS imports and their progress are
// kept so that any process can show them.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('schools')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('open_date', 'date')
    .addColumn('close_date', 'date')
    .addColumn('establishment_type', 'text')
    .addColumn('establishment_type_group', 'text')
    .addColumn('statutory_low_age', 'integer')
    .addColumn('statutory_high_age', 'integer')
    .addColumn('postcode', 'text')
    .addColumn('predecessor_urn', 'integer')
    .addColumn('register_updated_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('schools')
    .alterColumn('census_year', (c) => c.dropNotNull())
    .execute();
  await sql`alter table schools drop constraint if exists schools_laestab_key`.execute(db);
  await db.schema.createIndex('schools_laestab').on('schools').column('laestab').execute();
  await db.schema.createIndex('schools_la_code_status').on('schools').columns(['la_code', 'status']).execute();

  await db.schema
    .createTable('gias_imports')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('la_code', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('running')
        .check(sql`status in ('running', 'imported', 'refused', 'failed')`),
    )
    .addColumn('uploaded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('bytes_total', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_done', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('counts', 'jsonb')
    .addColumn('problems', 'jsonb')
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('gias_imports').execute();
  await db.schema.dropIndex('schools_la_code_status').execute();
  await db.schema.dropIndex('schools_laestab').execute();
  await sql`alter table schools add constraint schools_laestab_key unique (laestab)`.execute(db);
  await sql`update schools set census_year = '' where census_year is null`.execute(db);
  await db.schema
    .alterTable('schools')
    .alterColumn('census_year', (c) => c.setNotNull())
    .execute();
  for (const column of [
    'status',
    'open_date',
    'close_date',
    'establishment_type',
    'establishment_type_group',
    'statutory_low_age',
    'statutory_high_age',
    'postcode',
    'predecessor_urn',
    'register_updated_at',
  ]) {
    await db.schema.alterTable('schools').dropColumn(column).execute();
  }
}
