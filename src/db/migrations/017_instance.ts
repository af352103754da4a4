import { sql, type Kysely } from 'kysely';

// What kind of instance this database is (demo or live), chosen once when it is created, and the
// council's own words that pages show (authority, contacts, privacy notice, footer).

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('instance')
    .addColumn('one_row', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`one_row`),
    )
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('demo', 'live')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // Every database made before instances had a kind was built as the demo borough.
  await sql`insert into instance (kind) select 'demo' where exists (select 1 from users)`.execute(db);

  await db.schema
    .createTable('council')
    .addColumn('one_row', 'boolean', (c) =>
      c
        .primaryKey()
        .defaultTo(true)
        .check(sql`one_row`),
    )
    .addColumn('authority_name', 'text')
    .addColumn('la_code', 'integer')
    .addColumn('service_name', 'text')
    .addColumn('front_door_phone', 'text')
    .addColumn('front_door_email', 'text')
    .addColumn('out_of_hours_phone', 'text')
    .addColumn('mash_contact', 'text')
    .addColumn('dpo_contact', 'text')
    .addColumn('privacy_controller', 'text')
    .addColumn('privacy_sharing', 'text')
    .addColumn('privacy_retention', 'text')
    .addColumn('feedback_email', 'text')
    .addColumn('footer_owner', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('council').execute();
  await db.schema.dropTable('instance').execute();
}
