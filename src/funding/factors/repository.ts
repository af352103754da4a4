// The formula factors as the database keeps them.
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** Every factor in the order the data set's columns and the rates forms use. */
export function listFactors(db: Db) {
  return db
    .selectFrom('funding_factors')
    .select(['key', 'name', 'unit', 'sort', 'built_in'])
    .orderBy('sort')
    .orderBy('key')
    .execute();
}

/**
 * Adds a factor after the others, unless one has its key or (in any case) its name: then the one
 * there is returned and nothing is added. The table is locked until the transaction `trx` ends.
 */
export async function addFactor(
  trx: Db,
  factor: { key: string; name: string; unit: string },
): Promise<{ added: true } | { added: false; existing: { key: string; name: string } }> {
  await sql`lock table funding_factors in share row exclusive mode`.execute(trx);
  const existing = await trx
    .selectFrom('funding_factors')
    .select(['key', 'name'])
    .where((eb) => eb.or([eb('key', '=', factor.key), eb(eb.fn('lower', ['name']), '=', factor.name.toLowerCase())]))
    .executeTakeFirst();
  if (existing) return { added: false, existing };
  const { next } = await trx
    .selectFrom('funding_factors')
    .select((eb) => eb.fn.coalesce(eb.fn.max('sort'), eb.lit(0)).as('next'))
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('funding_factors')
    .values({ ...factor, sort: Number(next) + 1, built_in: false })
    .execute();
  return { added: true };
}
