import type { Db, DbOrTrx } from '../../db/connection.ts';
import { audit, type Actor } from '../audit/audit.ts';
import { validate, type Validated } from '../validation.ts';
import type { Clock } from '../clock.ts';
import { instanceKind, type InstanceKind } from './instance.ts';
import { COUNCIL_FIELDS, NO_COUNCIL_WORDS, councilForm, type CouncilWords } from './council-fields.ts';
import { openingTasks, referralsOpen, type OpeningTask } from './readiness.ts';

/** The stored words; every field empty when none have been saved. */
export async function readCouncilWords(db: DbOrTrx): Promise<CouncilWords> {
  const row = (await db.selectFrom('council').selectAll().executeTakeFirst()) as Record<string, unknown> | undefined;
  if (!row) return { ...NO_COUNCIL_WORDS };
  return Object.fromEntries(
    COUNCIL_FIELDS.map((field) => [field.key, (row[field.column] as string | number | null) ?? null]),
  ) as CouncilWords;
}

function columnsOf(words: CouncilWords): Record<string, string | number | null> {
  return Object.fromEntries(COUNCIL_FIELDS.map((field) => [field.column, words[field.key]]));
}

/** Saves the words in one go, for the demo borough and for tests. */
export async function storeCouncilWords(
  db: DbOrTrx,
  words: CouncilWords,
  now: Date,
  updatedBy: number | null = null,
): Promise<void> {
  const values = { ...columnsOf(words), updated_at: now, updated_by: updatedBy };
  await db
    .insertInto('council')
    .values(values)
    .onConflict((oc) => oc.column('one_row').doUpdateSet(values))
    .execute();
}

/** Pages read the words on every request: they are kept for a few seconds, and forgotten when saved here. */
const KEEP_FOR_MS = 5_000;

export function councilService(db: Db, clock: Clock) {
  let kept: { words: CouncilWords; kind: InstanceKind | undefined; until: number } | undefined;

  async function current() {
    const now = clock.now().getTime();
    if (!kept || kept.until < now) {
      const [words, kind] = await Promise.all([readCouncilWords(db), instanceKind(db)]);
      kept = { words, kind, until: now + KEEP_FOR_MS };
    }
    return kept;
  }

  return {
    async words(): Promise<CouncilWords> {
      return (await current()).words;
    },

    async kind(): Promise<InstanceKind | undefined> {
      return (await current()).kind;
    },

    /** What a live instance still needs before referrals open; the demo borough has it all. */
    async openingTasks(today: string): Promise<OpeningTask[]> {
      return openingTasks(db, (await current()).words, today);
    },

    async referralsOpen(today: string): Promise<boolean> {
      if ((await current()).kind === 'demo') return true;
      return referralsOpen(await openingTasks(db, (await current()).words, today));
    },

    /** Checks the form; saves what is filled in (a field left empty stays to do). Audited with the names of the fields changed. */
    async save(actor: Actor, body: unknown): Promise<Validated<CouncilWords>> {
      const form = validate(councilForm, body);
      if (!form.ok) return form;
      const before = await readCouncilWords(db);
      const changed = COUNCIL_FIELDS.filter((field) => before[field.key] !== form.data[field.key]).map(
        (field) => field.key,
      );
      await db.transaction().execute(async (trx) => {
        await storeCouncilWords(trx, form.data, clock.now(), actor.userId);
        await audit(trx, actor, { action: 'update', recordType: 'council', details: { changed } });
      });
      kept = undefined;
      return form;
    },
  };
}

export type CouncilService = ReturnType<typeof councilService>;
