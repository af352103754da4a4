import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  // The annual allocation plan (SEMH Team proposal; schools forum report 2024-25): each saved plan is a new version for its academic
  // year. rows holds the quotas as computed when saved (with each school's rank and score then),
  // so an approved plan never changes when census figures or settings do.
  await db.schema
    .createTable('allocation_plans')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version >= 1`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft', 'approved', 'superseded')`),
    )
    .addColumn('capacity', 'integer', (c) => c.notNull().check(sql`capacity >= 1`))
    .addColumn('core_offer', 'integer', (c) => c.notNull().check(sql`core_offer >= 0`))
    .addColumn('group_share', 'numeric', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`group_share >= 0 and group_share <= 1`),
    )
    .addColumn('scope', 'text', (c) => c.notNull().check(sql`scope in ('maintained-primary', 'maintained', 'all')`))
    .addColumn('small_groups', 'jsonb', (c) => c.notNull())
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_by', 'integer', (c) => c.references('users.id'))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('change_reason', 'text')
    .addUniqueConstraint('allocation_plans_year_version', ['academic_year', 'version'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('allocation_plans').execute();
}
