import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

// Casework (SEMH Team proposal; RBKC Early Help Family Support; Southend Early Help Family
// Support service document (2016); Portsmouth early help assessment/plan/review/closure guidance): contacts and lone-working risk checks, the Family Early
// Help Plan (family members, consents, the ten aspects scored 0–10, the SMART plan), Team Around
// the Family meetings, progress measures, extensions, closure with the Maintaining Our Family
// Plan, the post-closure review, the lead professional's history and documents.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  const caseRef = (c: ColumnDefinitionBuilder) => c.notNull().references('cases.id');
  const byUser = 'integer';

  // Case status moves open → closure-proposed → closed (and back to open if sign-off is refused).
  await sql`alter table cases drop constraint if exists cases_status_check`.execute(db);
  await sql`alter table cases add constraint cases_status_check check (status in ('open', 'closure-proposed', 'closed'))`.execute(
    db,
  );
  await db.schema
    .alterTable('cases')
    // Optimistic locking of the case's plan: bumped on every change to the plan's actions.
    .addColumn('plan_version', 'integer', (c) => c.notNull().defaultTo(0))
    // The next Team Around the Family meeting (set at each meeting; due at most 6 weeks after the last).
    .addColumn('next_meeting_due', 'date')
    .addColumn('post_closure_review_due', 'date')
    .addColumn('post_closure_review_on', 'date')
    .addColumn('reopened_from', 'integer', (c) => c.references('cases.id'))
    .execute();

  await db.schema
    .createTable('case_risk_checks')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) =>
      c.notNull().check(sql`outcome in ('visit-alone', 'visit-in-pairs', 'do-not-visit')`),
    )
    .addColumn('notes', 'text')
    .addColumn('completed_by', byUser, (c) => c.references('users.id'))
    .addColumn('completed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_contacts')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('contact_at', 'timestamptz', (c) => c.notNull())
    .addColumn('contact_type', 'text', (c) =>
      c.notNull().check(sql`contact_type in ('phone', 'home-visit', 'school', 'virtual', 'other')`),
    )
    .addColumn('with_whom', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('risk_check_id', 'integer', (c) => c.references('case_risk_checks.id'))
    .addColumn('recorded_by', byUser, (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_family_members')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'date')
    .addColumn('unborn', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('relationship', 'text', (c) => c.notNull())
    .addColumn('gender', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('disability', 'text')
    .addColumn('lives_at_home', 'boolean', (c) => c.notNull().defaultTo(true))
    .execute();

  // Two separate consents (Portsmouth early help assessment/plan/review/closure guidance): sharing with those supporting the plan, and with the
  // Supporting Families programme. A young person may sign only from age 12. Withdrawal is kept.
  await db.schema
    .createTable('case_consents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('plan-sharing', 'supporting-families')`))
    .addColumn('agreed', 'boolean', (c) => c.notNull())
    .addColumn('given_by', 'text', (c) => c.notNull())
    .addColumn('given_by_role', 'text', (c) =>
      c.notNull().check(sql`given_by_role in ('parent-carer', 'young-person')`),
    )
    .addColumn('given_on', 'date', (c) => c.notNull())
    .addColumn('withdrawn_on', 'date')
    .addColumn('withdrawal_reason', 'text')
    .addColumn('recorded_by', byUser, (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The assessment: the ten aspects scored by the parent/carer and the child (jsonb keyed by
  // aspect), the practitioner's view of each, the child's voice and the school's input.
  await db.schema
    .createTable('case_assessments')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('parent_scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('child_scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('practitioner_view', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('child_voice', 'text')
    .addColumn('school_input', 'text')
    .addColumn('completed_on', 'date')
    .addColumn('updated_by', byUser, (c) => c.references('users.id'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_actions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('aspect', 'text', (c) => c.notNull())
    .addColumn('no_action', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('action', 'text')
    .addColumn('for_whom', 'text')
    .addColumn('who', 'text')
    .addColumn('school_owns', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('by_when', 'date')
    .addColumn('difference', 'text')
    .addColumn('readiness', 'integer', (c) => c.check(sql`readiness between 1 and 5`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'done', 'dropped')`),
    )
    .addColumn('progress', 'text')
    .addColumn('created_by', byUser, (c) => c.references('users.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_meetings')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('held_on', 'date', (c) => c.notNull())
    .addColumn('invitees', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('parent_scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('child_scores', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('parent_summary', 'text')
    .addColumn('child_summary', 'text')
    .addColumn('taf_view', 'text')
    .addColumn('decision', 'text', (c) =>
      c.notNull().check(sql`decision in ('continue', 'step-down', 'step-up', 'propose-closure')`),
    )
    .addColumn('decision_detail', 'text')
    .addColumn('stepped_up_on', 'date')
    .addColumn('next_meeting_on', 'date')
    .addColumn('next_meeting_time', 'text')
    .addColumn('next_meeting_venue', 'text')
    .addColumn('recorded_by', byUser, (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('case_lead_professionals')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('practitioner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('from_date', 'date', (c) => c.notNull())
    .addColumn('to_date', 'date')
    .addColumn('reason', 'text')
    .addColumn('changed_by', byUser, (c) => c.references('users.id'))
    .execute();

  // Progress measures at referral, each review and closure (RBKC Early Help Family Support: behaviour points at referral vs last TAF).
  await db.schema
    .createTable('case_measures')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('point', 'text', (c) =>
      c.notNull().check(sql`point in ('referral', 'review', 'closure', 'post-closure')`),
    )
    .addColumn('meeting_id', 'integer', (c) => c.references('case_meetings.id'))
    .addColumn('recorded_on', 'date', (c) => c.notNull())
    .addColumn('behaviour_points', 'integer', (c) => c.check(sql`behaviour_points >= 0`))
    .addColumn('attendance_percent', 'numeric', (c) => c.check(sql`attendance_percent between 0 and 100`))
    .addColumn('suspensions', 'integer', (c) => c.check(sql`suspensions >= 0`))
    .addColumn('placement_kept', 'boolean')
    .addColumn('recorded_by', byUser, (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('case_extensions')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('requested_by', byUser, (c) => c.references('users.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('new_end', 'date', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.check(sql`decision in ('approved', 'declined')`))
    .addColumn('decision_reason', 'text')
    .addColumn('decided_by', byUser, (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    .execute();

  // Closure: the reason, the Maintaining Our Family Plan, the team manager's sign-off, and the
  // post-closure review 3 months later (RBKC Early Help Family Support).
  await db.schema
    .createTable('case_closures')
    .addColumn('case_id', 'integer', (c) => c.primaryKey().references('cases.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_detail', 'text')
    .addColumn('maintenance_plan', 'jsonb', (c) => c.notNull())
    .addColumn('proposed_by', byUser, (c) => c.references('users.id'))
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('signed_off_by', byUser, (c) => c.references('users.id'))
    .addColumn('signed_off_at', 'timestamptz')
    .addColumn('review', 'jsonb')
    .addColumn('reviewed_by', byUser, (c) => c.references('users.id'))
    .execute();

  await db.schema
    .createTable('case_documents')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('case_id', 'integer', caseRef)
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('uploaded_by', byUser, (c) => c.references('users.id'))
    .addColumn('uploaded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  for (const table of [
    'case_risk_checks',
    'case_contacts',
    'case_family_members',
    'case_consents',
    'case_actions',
    'case_meetings',
    'case_lead_professionals',
    'case_measures',
    'case_extensions',
    'case_documents',
  ]) {
    await db.schema.createIndex(`${table}_case`).on(table).column('case_id').execute();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'case_documents',
    'case_closures',
    'case_extensions',
    'case_measures',
    'case_lead_professionals',
    'case_meetings',
    'case_actions',
    'case_assessments',
    'case_consents',
    'case_family_members',
    'case_contacts',
    'case_risk_checks',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema
    .alterTable('cases')
    .dropColumn('plan_version')
    .dropColumn('next_meeting_due')
    .dropColumn('post_closure_review_due')
    .dropColumn('post_closure_review_on')
    .dropColumn('reopened_from')
    .execute();
  await sql`alter table cases drop constraint if exists cases_status_check`.execute(db);
  await sql`alter table cases add constraint cases_status_check check (status in ('open', 'closed'))`.execute(db);
}
