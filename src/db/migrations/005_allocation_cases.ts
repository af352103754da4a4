import { sql, type Kysely } from 'kysely';

/** The practitioner types RBKC Early Help Family Support names; the managers choose among them by the family's needs. */
export const PRACTITIONER_TYPE_CODES = ['family-practitioner', 'family-therapist', 'families-forward', 'nvr'] as const;

const typeCheck = (column: string) =>
  sql.raw(`${column} in (${PRACTITIONER_TYPE_CODES.map((code) => `'${code}'`).join(', ')})`);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  // The vulnerability method chosen for an academic year (the default applies to a year without one).
  await db.schema
    .createTable('vulnerability_methods')
    .addColumn('academic_year', 'text', (c) => c.primaryKey().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('basis', 'text', (c) => c.notNull().check(sql`basis in ('volume', 'rate')`))
    .addColumn('normalisation', 'text', (c) =>
      c.notNull().check(sql`normalisation in ('min-max', 'z-score', 'share-of-total')`),
    )
    .addColumn('weights', 'jsonb', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The method a plan's quotas were worked out with, so a saved plan explains itself.
  await db.schema.alterTable('allocation_plans').addColumn('method', 'jsonb').execute();

  // A practitioner's type, hours and the most cases they hold at once (set by the team manager).
  await db.schema
    .createTable('practitioners')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('practitioner_type', 'text', (c) => c.notNull().check(typeCheck('practitioner_type')))
    .addColumn('fte', 'numeric', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`fte > 0 and fte <= 1`),
    )
    .addColumn('max_caseload', 'integer', (c) => c.notNull().check(sql`max_caseload >= 0`))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A case: made when a referral accepted for intensive support is allocated to a practitioner.
  await db.schema
    .createTable('cases')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('referral_id', 'integer', (c) => c.notNull().unique().references('referrals.id'))
    .addColumn('child_id', 'integer', (c) => c.notNull().references('children.id'))
    .addColumn('school_urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'closed')`),
    )
    .addColumn('practitioner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('practitioner_type', 'text', (c) => c.notNull().check(typeCheck('practitioner_type')))
    .addColumn('allocated_by', 'integer', (c) => c.references('users.id'))
    .addColumn('allocated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('contact_due', 'date', (c) => c.notNull())
    .addColumn('assessment_due', 'date', (c) => c.notNull())
    .addColumn('planned_end', 'date', (c) => c.notNull())
    // When each clock was met: set as the first home visit and the assessment are recorded.
    .addColumn('first_contact_on', 'date')
    .addColumn('assessment_completed_on', 'date')
    .addColumn('over_quota', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('over_caseload', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('allocation_reason', 'text')
    .addColumn('closed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('cases_practitioner_status').on('cases').columns(['practitioner_id', 'status']).execute();
  await db.schema.createIndex('cases_school_year').on('cases').columns(['school_urn', 'academic_year']).execute();

  // Everything that happens on a case, for its timeline.
  await db.schema
    .createTable('case_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .execute();
  await db.schema.createIndex('case_events_case').on('case_events').columns(['case_id', 'at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('case_events').execute();
  await db.schema.dropTable('cases').execute();
  await db.schema.dropTable('practitioners').execute();
  await db.schema.alterTable('allocation_plans').dropColumn('method').execute();
  await db.schema.dropTable('vulnerability_methods').execute();
}
