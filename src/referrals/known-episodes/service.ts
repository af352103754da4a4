import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { ImportProblem } from '../../platform/csv-import.ts';
import { countsOf, importCounts, parseKnownEpisodesCsv } from './rules.ts';
import { knownEpisodesRepository } from './repository.ts';

export const RECORD_TYPE = 'known-episodes';

export type ImportOutcome = { ok: true; count: number } | { ok: false; problems: ImportProblem[] };

export function knownEpisodesService(db: Db, clock: Clock) {
  const repository = knownEpisodesRepository();
  return {
    /** The summary, when the list was last imported, and a page of it; the read is audited. */
    overview(actor: Actor, search: string | undefined, page: number) {
      return db.transaction().execute(async (trx) => {
        const [counts, lastImport, { rows, total }] = await Promise.all([
          repository.counts(trx),
          repository.lastImport(trx),
          repository.list(trx, search, page),
        ]);
        await audit(trx, actor, {
          action: 'list',
          recordType: RECORD_TYPE,
          details: { ids: rows.map((row) => row.id), page, searched: Boolean(search) },
        });
        return { counts: countsOf(counts), lastImport, rows, total };
      });
    },

    /**
     * Replaces the whole list with a CSV export, or changes nothing and says what is wrong
     * with it. The replacement and its audit row are one transaction.
     */
    async importCsv(actor: Actor, file: Buffer, today = clock.today()): Promise<ImportOutcome> {
      const parsed = parseKnownEpisodesCsv(file, today);
      if (!parsed.ok) return parsed;
      await db.transaction().execute(async (trx) => {
        const replaced = await repository.replaceAll(trx, parsed.rows, actor.userId);
        await audit(trx, actor, {
          action: 'import',
          recordType: RECORD_TYPE,
          details: { rows: parsed.rows.length, replaced, counts: importCounts(parsed.rows) },
        });
      });
      return { ok: true, count: parsed.rows.length };
    },
  };
}

export type KnownEpisodesService = ReturnType<typeof knownEpisodesService>;
