import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Insertable } from 'kysely';
import type { SchoolsTable } from '../schools/schema.ts';

const FILE = new URL('./data/havering-schools.csv', import.meta.url);

const optionalNumber = (value: string): number | null =>
  value === '' || value === 'SUPP' || value === 'NA' ? null : Number(value);

/** The borough's real schools from the DfE census extract (see data/NOTICE.md). */
export function readHaveringSchools(): Insertable<SchoolsTable>[] {
  const rows = parse(readFileSync(FILE), { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((row) => ({
    urn: Number(row.urn),
    laestab: row.laestab,
    la_code: Number(row.la_code),
    name: row.school_name || null,
    phase: row.phase === 'Pupil referral unit' ? 'PRU/AP' : row.phase,
    school_type: row.census_school_type,
    governance: row.governance,
    maintained: row.governance.startsWith('LA maintained'),
    number_on_roll: Number(row.number_on_roll),
    sen_support_count: optionalNumber(row.sen_support_count),
    ehcp_count: optionalNumber(row.ehcp_count),
    eal_count: optionalNumber(row.eal_count),
    fsm_count: optionalNumber(row.fsm_count),
    fsm_ever6_pct: optionalNumber(row.fsm_ever6_pct),
    overall_absence_pct: optionalNumber(row.overall_absence_pct),
    persistent_absence_pct: optionalNumber(row.persistent_absence_pct),
    census_year: row.census_year,
  }));
}
