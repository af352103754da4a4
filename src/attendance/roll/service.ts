// The pupil roll: importing a file (each school in it has its roll for the year replaced, in one
// transaction with its audit entry: counts only, never names) and the counts on roll.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { Database } from '../../db/schema.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import type { CurrentUser, Scope } from '../../platform/roles.ts';
import { inScope } from '../../platform/scope.ts';
import type { Clock } from '../../platform/clock.ts';
import { schoolName } from '../../schools/service.ts';
import { recordsScope } from '../records/forms.ts';
import { parseRollCsv, type RollColumn, type RollRow } from './forms.ts';

type Reader = Kysely<Database>;
export const ROLL_RECORD = 'pupil-roll';
/** Rows per insert: 11 values a row stays far below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 2000;

export type RollImportOutcome =
  { ok: true; year: string; schools: number; pupils: number } | { ok: false; problems: ImportProblem<RollColumn>[] };

/** The URNs of the authority's schools: the only ones a file or form may name. */
export async function authorityUrns(db: Reader): Promise<Set<number>> {
  return new Set((await db.selectFrom('schools').select('urn').execute()).map((row) => row.urn));
}

/** Pupils on roll for the year at each school that has a roll (schools in scope, optionally one). */
export async function rollCounts(db: Reader, scope: Scope, year: string, urn?: number): Promise<Map<number, number>> {
  let query = inScope(db.selectFrom('pupil_roll'), scope, 'pupil_roll.urn')
    .select(['urn', (eb) => eb.fn.countAll<number>().as('pupils')])
    .where('academic_year', '=', year)
    .groupBy('urn');
  if (urn !== undefined) query = query.where('urn', '=', urn);
  return new Map((await query.execute()).map((row) => [row.urn, Number(row.pupils)]));
}

/** Replaces the roll of each school in `rows` for the year; returns how many pupils went. */
export async function replaceRoll(
  trx: Reader,
  year: string,
  rows: readonly RollRow[],
  importedBy: number | null,
): Promise<number> {
  const urns = [...new Set(rows.map((row) => row.urn))];
  const { numDeletedRows } = await trx
    .deleteFrom('pupil_roll')
    .where('academic_year', '=', year)
    .where('urn', 'in', urns)
    .executeTakeFirstOrThrow();
  for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
    await trx
      .insertInto('pupil_roll')
      .values(
        rows.slice(start, start + INSERT_CHUNK).map((row) => ({
          academic_year: year,
          urn: row.urn,
          upn: row.upn,
          first_name: row.firstName,
          last_name: row.lastName,
          date_of_birth: row.dateOfBirth,
          year_group: row.yearGroup,
          sen: row.sen,
          fsm: row.fsm,
          eal: row.eal,
          imported_by: importedBy,
        })),
      )
      .execute();
  }
  return Number(numDeletedRows);
}

export function rollService(db: Db, clock: Clock) {
  return {
    /** The schools (in the user's scope) with pupils on roll for the year, by name. */
    async schools(user: CurrentUser, year: string) {
      const counts = await rollCounts(db, recordsScope(user), year);
      if (counts.size === 0) return [];
      const schools = await db
        .selectFrom('schools')
        .select(['urn', 'name', 'phase'])
        .where('urn', 'in', [...counts.keys()])
        .orderBy('name')
        .execute();
      return schools.map((school) => ({
        urn: school.urn,
        name: schoolName(school),
        phase: school.phase,
        pupils: counts.get(school.urn) ?? 0,
      }));
    },

    /** Imports a roll file for the year, or changes nothing and says what is wrong with it. */
    async importFile(actor: Actor, user: CurrentUser, year: string, file: Buffer): Promise<RollImportOutcome> {
      const parsed = parseRollCsv(file, {
        known: await authorityUrns(db),
        scope: recordsScope(user),
        today: clock.today(),
      });
      if (!parsed.ok) return parsed;
      const schools = new Set(parsed.rows.map((row) => row.urn)).size;
      await db.transaction().execute(async (trx) => {
        const replaced = await replaceRoll(trx, year, parsed.rows, actor.userId);
        await audit(trx, actor, {
          action: 'import',
          recordType: ROLL_RECORD,
          recordId: year,
          details: { schools, pupils: parsed.rows.length, replaced },
        });
      });
      return { ok: true, year, schools, pupils: parsed.rows.length };
    },
  };
}
