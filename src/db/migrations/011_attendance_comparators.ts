import { sql, type Kysely } from 'kysely';

// Figures to set the authority's attendance and exclusions beside: England, a region, statistical
// neighbours (national comparators where imported). One figure per area, academic year,
// phase and measure; an import replaces the same figure. Absence measures are percentages,
// suspensions and permanent exclusions rates per 100 pupils, so every value is 0 to 100.

/** The source as stored (the figures' records keep it; a later migration may reword it). */
const RBKC_ATTENDANCE = 'seed 002: Local & National Picture - Attendance';
const RBKC_EXCLUSIONS = 'seed 002: Local & National Picture - Exclusions';

/**
 * England's figures from RBKC Early Help Family Support, 'Local & National Picture'.
 *
 * Attendance: the document gives attendance ("England Primary 96.1% 96.0% 96.0%", "England Secondary
 * 95.0% 94.6% 94.8%"); overall absence is 100 − attendance. Its header names the columns
 * "2017/2018, 2017/2016, 2015/2016": the middle one is 2016/17 (the years run newest first and the
 * "Change" column, 0.1% and 0.4%, is 2017/18 less that column). The document was written during
 * 2017/18 (it counts "Autumn Term 2017/2018" cases), so its 2017/18 figures are part of the year:
 * the DfE's full-year figures, published later, are 4.2% primary and 5.5% secondary. An import of
 * the full-year figures replaces them.
 *
 * Exclusions (2016/17): "Fixed Term Exclusions" are what the DfE now calls suspensions; the
 * percentages in brackets are the DfE's rates per 100 pupils (England primary 1.37 and 0.03,
 * secondary 9.40 and 0.20). The document's special school rows are left out (no special phase here),
 * as is "One or more Fixed Term", which is not a measure kept here.
 */
const RBKC_ENGLAND: [year: string, phase: string, measure: string, value: number, source: string][] = [
  ['2017/18', 'Primary', 'overall-absence', 3.9, RBKC_ATTENDANCE],
  ['2016/17', 'Primary', 'overall-absence', 4.0, RBKC_ATTENDANCE],
  ['2015/16', 'Primary', 'overall-absence', 4.0, RBKC_ATTENDANCE],
  ['2017/18', 'Secondary', 'overall-absence', 5.0, RBKC_ATTENDANCE],
  ['2016/17', 'Secondary', 'overall-absence', 5.4, RBKC_ATTENDANCE],
  ['2015/16', 'Secondary', 'overall-absence', 5.2, RBKC_ATTENDANCE],
  ['2016/17', 'Primary', 'suspension-rate', 1.37, RBKC_EXCLUSIONS],
  ['2016/17', 'Primary', 'permanent-exclusion-rate', 0.03, RBKC_EXCLUSIONS],
  ['2016/17', 'Secondary', 'suspension-rate', 9.4, RBKC_EXCLUSIONS],
  ['2016/17', 'Secondary', 'permanent-exclusion-rate', 0.2, RBKC_EXCLUSIONS],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations work on any schema
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_comparators')
    .addColumn('area', 'text', (c) => c.notNull().check(sql`length(area) between 1 and 100`))
    .addColumn('academic_year', 'text', (c) => c.notNull().check(sql`academic_year ~ '^[0-9]{4}/[0-9]{2}$'`))
    .addColumn('phase', 'text', (c) => c.notNull().check(sql`phase in ('Primary', 'Secondary', 'All')`))
    .addColumn('measure', 'text', (c) =>
      c
        .notNull()
        .check(
          sql`measure in ('overall-absence', 'persistent-absence', 'severe-absence', 'suspension-rate', 'permanent-exclusion-rate')`,
        ),
    )
    .addColumn('value', 'numeric(5, 2)', (c) => c.notNull().check(sql`value >= 0 and value <= 100`))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('attendance_comparators_pk', ['area', 'academic_year', 'phase', 'measure'])
    .execute();
  await db
    .insertInto('attendance_comparators')
    .values(
      RBKC_ENGLAND.map(([academic_year, phase, measure, value, source]) => ({
        area: 'England',
        academic_year,
        phase,
        measure,
        value,
        source,
      })),
    )
    .execute();
}
