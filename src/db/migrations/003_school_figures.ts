import { sql, type Kysely } from 'kysely';

const COUNTS = ['sen_support', 'ehcp', 'looked_after', 'mobility', 'eal', 'fsm'] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  // School census figures per school per academic year ('2026/27'), imported by an admin or
  // analyst. A null figure is unknown (suppressed or missing), never zero. demo_fields names the
  // figures the demo generated rather than took from published data.
  let table = db.schema
    .createTable('school_figures')
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('number_on_roll', 'integer', (c) => c.notNull().check(sql`number_on_roll >= 0`));
  for (const column of COUNTS) {
    table = table.addColumn(column, 'integer', (c) => c.check(sql`${sql.ref(column)} >= 0`));
  }
  await table
    .addColumn('demo_fields', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('school_figures_pkey', ['academic_year', 'urn'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('school_figures').execute();
}
