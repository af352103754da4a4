import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  // A referral is a draft (answers saved page by page) until it is submitted.
  await db.schema
    .createTable('referrals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('reference', 'text', (c) => c.unique())
    .addColumn('service', 'text', (c) => c.notNull().defaultTo('ssfp'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('school_urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('child_id', 'integer', (c) => c.references('children.id'))
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('outcome_at', 'timestamptz')
    .addColumn('level_of_need', 'integer', (c) => c.check(sql`level_of_need between 1 and 4`))
    .addColumn('outcome', 'text')
    .addColumn('outcome_reason', 'text')
    .addColumn('panel_date', 'date')
    .addColumn('safeguarding_passed_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('referrals_school_status').on('referrals').columns(['school_urn', 'status']).execute();
  await db.schema
    .createIndex('referrals_status_submitted')
    .on('referrals')
    .columns(['status', 'submitted_at'])
    .execute();

  // What happened to a referral, in order; the referrer sees the events marked visible to them.
  await db.schema
    .createTable('referral_events')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('visible_to_referrer', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();
  await db.schema
    .createIndex('referral_events_referral')
    .on('referral_events')
    .columns(['referral_id', 'at'])
    .execute();

  // Episodes known to Early Help or Social Care, imported by an administrator from CSV.
  await db.schema
    .createTable('known_episodes')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('upn', 'text')
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addColumn('service', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('known_episodes_upn').on('known_episodes').column('upn').execute();
  await db.schema.createIndex('known_episodes_dob').on('known_episodes').column('date_of_birth').execute();

  // A possible "already known" match for a referral, with the reason, and the manager's decision.
  await db.schema
    .createTable('referral_matches')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referrals.id'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('decision', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .addUniqueConstraint('referral_matches_once', ['referral_id', 'source', 'source_id'])
    .execute();

  // Messages waiting to be sent (GOV.UK Notify when configured), with retries.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('personalisation', 'jsonb', (c) => c.notNull())
    .addColumn('referral_id', 'integer', (c) => c.references('referrals.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('notifications_due').on('notifications').columns(['status', 'next_attempt_at']).execute();

  await sql`create sequence referral_reference_seq`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The front door migration cannot be undone.');
}
