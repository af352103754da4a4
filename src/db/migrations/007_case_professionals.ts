import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// The professionals working with the family on a case (kept when they leave the case, so the
// history stays) (Portsmouth early help assessment/plan/review/closure guidance,
// §2.5: everyone involved is told when the lead professional changes);
// and the family's Supporting Families headline needs and outcomes [Supporting Families
// programme guidance 2022 to 2025, chapters 3 to 5: the national outcomes framework].

const OUTCOMES = [
  'education',
  'early-years',
  'health',
  'substance-use',
  'family-relationships',
  'children-safe',
  'crime',
  'domestic-abuse',
  'housing',
  'financial-stability',
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  const caseRef = (c: ColumnDefinitionBuilder) => c.notNull().references('cases.id');

  await db.schema
    .createTable('case_professionals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_or_agency', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('added_by', 'integer', (c) => c.references('users.id'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_by', 'integer', (c) => c.references('users.id'))
    .addCheckConstraint('case_professionals_reachable', sql`email is not null or phone is not null`)
    .execute();

  await db.schema
    .createTable('case_supporting_families')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql.raw(`outcome in (${OUTCOMES.map((code) => `'${code}'`).join(', ')})`)),
    )
    .addColumn('need_evidence', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'date', (c) => c.notNull())
    .addColumn('identified_by', 'integer', (c) => c.references('users.id'))
    .addColumn('achieved_on', 'date')
    .addColumn('achieved_evidence', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('case_supporting_families_case_outcome', ['case_id', 'outcome'])
    .addCheckConstraint('case_supporting_families_achieved', sql`(achieved_on is null) = (achieved_evidence is null)`)
    .execute();

  await db.schema.createIndex('case_professionals_case').on('case_professionals').column('case_id').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_supporting_families').execute();
  await db.schema.dropTable('case_professionals').execute();
}
