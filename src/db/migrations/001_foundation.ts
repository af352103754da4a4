import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled_at', 'timestamptz')
    .addColumn('last_sign_in_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create unique index users_email_key on users (lower(email))`.execute(db);

  await db.schema
    .createTable('schools')
    .addColumn('urn', 'integer', (c) => c.primaryKey())
    .addColumn('laestab', 'text', (c) => c.notNull().unique())
    .addColumn('la_code', 'integer', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('phase', 'text', (c) => c.notNull())
    .addColumn('school_type', 'text', (c) => c.notNull())
    .addColumn('governance', 'text', (c) => c.notNull())
    .addColumn('maintained', 'boolean', (c) => c.notNull())
    .addColumn('number_on_roll', 'integer', (c) => c.notNull())
    .addColumn('sen_support_count', 'integer')
    .addColumn('ehcp_count', 'integer')
    .addColumn('eal_count', 'integer')
    .addColumn('fsm_count', 'integer')
    .addColumn('fsm_ever6_pct', 'numeric')
    .addColumn('overall_absence_pct', 'numeric')
    .addColumn('persistent_absence_pct', 'numeric')
    .addColumn('census_year', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_schools')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('school_urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addPrimaryKeyConstraint('user_schools_pkey', ['user_id', 'school_urn'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('sess', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_expires_at').on('sessions').column('expires_at').execute();

  await db.schema
    .createTable('sign_in_attempts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'boolean', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('sign_in_attempts_at').on('sign_in_attempts').column('at').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema.createIndex('audit_events_record').on('audit_events').columns(['record_type', 'record_id']).execute();
  await db.schema.createIndex('audit_events_user_at').on('audit_events').columns(['user_id', 'at']).execute();

  await db.schema
    .createTable('children')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date', (c) => c.notNull())
    .addColumn('upn', 'text', (c) => c.unique())
    .addColumn('school_urn', 'integer', (c) => c.notNull().references('schools.urn'))
    .addColumn('year_group', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('children_school').on('children').columns(['school_urn', 'last_name']).execute();

  await db.schema
    .createTable('carers')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('child_id', 'integer', (c) => c.notNull().references('children.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('has_parental_responsibility', 'boolean', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('carers_child').on('carers').column('child_id').execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer', (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('bank_holidays')
    .addColumn('date', 'date', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('term_periods')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date', (c) => c.notNull())
    .addCheckConstraint('term_periods_order', sql`ends_on >= starts_on`)
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone.');
}
