import { sql, type Kysely } from 'kysely';

// De-delegated funding for the schools forum (schools forum report 2024-25): funding years, the services
// proposed for de-delegation with the phases they apply to and the forum's decision per phase,
// the formula factors, the rates per service × factor × phase beside the previous year's, the
// school data set per year (one row per school, its units per factor), the figures a forum paper
// printed (so a check page can set each beside the computed one), and the contingency fund for
// schools in financial difficulty with its applications. Money is kept in pence.

const PHASES = sql`('primary', 'secondary', 'special')`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('funding_years')
    .addColumn('label', 'text', (c) => c.primaryKey().check(sql`label ~ '^[0-9]{4}-[0-9]{2}$'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // The formula factors a rate may be per unit of; `key` is the school data set's column.
  await db.schema
    .createTable('funding_factors')
    .addColumn('key', 'text', (c) => c.primaryKey().check(sql`key ~ '^[a-z][a-z0-9_]{0,39}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('built_in', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  const factors: [string, string, string][] = [
    ['nor', 'AWPU', 'pupil'],
    ['fsm', 'FSM eligible pupils', 'FSM pupil'],
    ['fsm6', 'FSM Ever 6', 'FSM Ever 6 pupil'],
    ['eal3', 'EAL 3', 'EAL pupil'],
    ['idaci_a', 'IDACI A', 'pupil in IDACI band A'],
    ['idaci_b', 'IDACI B', 'pupil in IDACI band B'],
    ['idaci_c', 'IDACI C', 'pupil in IDACI band C'],
    ['idaci_d', 'IDACI D', 'pupil in IDACI band D'],
    ['idaci_e', 'IDACI E', 'pupil in IDACI band E'],
    ['idaci_f', 'IDACI F', 'pupil in IDACI band F'],
    ['low_attainment', 'Low prior attainment', 'pupil with low prior attainment'],
    ['special_places', 'Place', 'special place'],
  ];
  await db
    .insertInto('funding_factors')
    .values(factors.map(([key, name, unit], sort) => ({ key, name, unit, sort: sort + 1, built_in: true })))
    .execute();

  await db.schema
    .createTable('funding_services')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull().references('funding_years.label').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull().check(sql`key ~ '^[a-z][a-z0-9-]{0,59}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // 'service' for centrally provided services (primary and secondary only), 'education-function' (may include special schools).
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('service', 'education-function')`))
    .addColumn('phases', sql`text[]`, (c) =>
      c.notNull().check(sql`cardinality(phases) > 0 and phases <@ array['primary', 'secondary', 'special']`),
    )
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('funding_services_key', ['year', 'key'])
    .execute();

  // The forum's decision for a service in a phase: only maintained schools' representatives vote.
  await db.schema
    .createTable('funding_decisions')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('funding_services.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('proposed', 'agreed', 'not-agreed')`))
    .addColumn('decided_on', 'date')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('users.id'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_decisions_pk', ['service_id', 'phase'])
    .addCheckConstraint('funding_decisions_dated', sql`decision = 'proposed' or decided_on is not null`)
    .execute();

  // A rate in pence per unit; the previous year's rate beside it where there was one.
  await db.schema
    .createTable('funding_rates')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('funding_services.id').onDelete('cascade'))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('factor', 'text', (c) => c.notNull().references('funding_factors.key'))
    .addColumn('rate_pence', 'integer', (c) => c.notNull().check(sql`rate_pence >= 0`))
    .addColumn('previous_rate_pence', 'integer', (c) => c.check(sql`previous_rate_pence >= 0`))
    .addPrimaryKeyConstraint('funding_rates_pk', ['service_id', 'phase', 'factor'])
    .execute();

  // The school data set for a funding year, as the DfE's Authority Proforma Tool gives it.
  await db.schema
    .createTable('funding_schools')
    .addColumn('year', 'text', (c) => c.notNull().references('funding_years.label').onDelete('cascade'))
    .addColumn('urn', 'integer', (c) => c.notNull().check(sql`urn > 0`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('maintained', 'academy')`))
    .addColumn('imported_by', 'integer', (c) => c.references('users.id'))
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('funding_schools_pk', ['year', 'urn'])
    .execute();
  // Units may be decimals: the tool weights some factors by proportions.
  await db.schema
    .createTable('funding_school_units')
    .addColumn('year', 'text', (c) => c.notNull())
    .addColumn('urn', 'integer', (c) => c.notNull())
    .addColumn('factor', 'text', (c) => c.notNull().references('funding_factors.key'))
    .addColumn('units', 'numeric(12, 4)', (c) => c.notNull().check(sql`units >= 0`))
    .addPrimaryKeyConstraint('funding_school_units_pk', ['year', 'urn', 'factor'])
    .addForeignKeyConstraint('funding_school_units_school', ['year', 'urn'], 'funding_schools', ['year', 'urn'], (fk) =>
      fk.onDelete('cascade'),
    )
    .execute();

  // A figure as a forum paper printed it, to set beside the computed one.
  await db.schema
    .createTable('funding_printed_figures')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull().references('funding_years.label').onDelete('cascade'))
    .addColumn('service_key', 'text', (c) => c.notNull())
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ${PHASES}`))
    // A factor's total, or the service's total, lowest, median or highest amount per school.
    .addColumn('figure', 'text', (c) =>
      c.notNull().check(sql`figure in ('factor-total', 'total', 'lowest', 'median', 'highest')`),
    )
    .addColumn('factor', 'text', (c) => c.references('funding_factors.key'))
    .addColumn('printed_pence', 'bigint', (c) => c.notNull())
    // How the paper rounds it: to the pound, to the thousand pounds, to the hundred pounds.
    .addColumn('rounded_to_pence', 'integer', (c) => c.notNull().defaultTo(100))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // The contingency fund for schools in financial difficulty (schools forum report 2024-25).
  await db.schema
    .createTable('funding_contingency_funds')
    .addColumn('year', 'text', (c) => c.primaryKey().references('funding_years.label').onDelete('cascade'))
    .addColumn('fund_pence', 'bigint', (c) => c.notNull().check(sql`fund_pence >= 0`))
    // 'pro-rata': every qualifying school gets the same share of its deficit.
    .addColumn('rule', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pro-rata')
        .check(sql`rule in ('pro-rata')`),
    )
    .addColumn('set_by', 'integer', (c) => c.references('users.id'))
    .addColumn('set_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('funding_contingency_applications')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('year', 'text', (c) => c.notNull().references('funding_years.label').onDelete('cascade'))
    .addColumn('urn', 'integer', (c) => c.notNull().check(sql`urn > 0`))
    .addColumn('deficit_pence', 'bigint', (c) => c.notNull().check(sql`deficit_pence > 0`))
    .addColumn('asked_pence', 'bigint', (c) => c.notNull().check(sql`asked_pence > 0`))
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('submitted')
        .check(sql`status in ('submitted', 'agreed', 'declined', 'withdrawn')`),
    )
    .addColumn('allocated_pence', 'bigint', (c) => c.check(sql`allocated_pence >= 0`))
    .addColumn('decision_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'timestamptz')
    // A school that becomes an academy keeps an agreed allocation (schools forum report 2024-25).
    .addColumn('converted_to_academy_on', 'date')
    .addColumn('applied_by', 'integer', (c) => c.references('users.id'))
    .addColumn('applied_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'funding_contingency_within_deficit',
      sql`allocated_pence is null or allocated_pence <= deficit_pence`,
    )
    .addUniqueConstraint('funding_contingency_once', ['year', 'urn'])
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'funding_contingency_applications',
    'funding_contingency_funds',
    'funding_printed_figures',
    'funding_school_units',
    'funding_schools',
    'funding_rates',
    'funding_decisions',
    'funding_services',
    'funding_factors',
    'funding_years',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
