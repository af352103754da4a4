// The pupil roll: importing a file (each school in it has its roll for the year replaced, in one
// transaction with its audit entry: counts only, never names) and the counts on roll.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import type { CurrentUser } from '../../platform/roles.ts';
import type { Clock } from '../../platform/clock.ts';
import { schoolName } from '../../schools/service.ts';
import { recordsScope } from '../records/forms.ts';
import { parseRollCsv, type RollColumn } from './forms.ts';
import { authorityUrns, replaceRoll, rollCounts, schoolsByName } from './repository.ts';

export const ROLL_RECORD = 'pupil-roll';

export type RollImportOutcome =
  { ok: true; year: string; schools: number; pupils: number } | { ok: false; problems: ImportProblem<RollColumn>[] };

export function rollService(db: Db, clock: Clock) {
  return {
    /** The schools (in the user's scope) with pupils on roll for the year, by name. */
    async schools(user: CurrentUser, year: string) {
      const counts = await rollCounts(db, recordsScope(user), year);
      if (counts.size === 0) return [];
      const schools = await schoolsByName(db, [...counts.keys()]);
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
