// What the vulnerability methods read and write: the method saved for each academic year.
import type { DbOrTrx } from '../../db/connection.ts';

/** The method saved for the year, with the name of who last changed it. */
export function savedMethodRow(db: DbOrTrx, year: string) {
  return db
    .selectFrom('vulnerability_methods as m')
    .leftJoin('users as u', 'u.id', 'm.updated_by')
    .select(['m.basis', 'm.normalisation', 'm.weights', 'm.updated_at', 'u.name'])
    .where('m.academic_year', '=', year)
    .executeTakeFirst();
}

/** The method saved for the year, locked so it can be changed. */
export function lockedMethodRow(trx: DbOrTrx, year: string) {
  return trx
    .selectFrom('vulnerability_methods')
    .select(['basis', 'normalisation', 'weights'])
    .where('academic_year', '=', year)
    .forUpdate()
    .executeTakeFirst();
}

export interface MethodValues {
  basis: string;
  normalisation: string;
  weights: string;
  updated_by: number | null;
  updated_at: Date;
}

/** Saves the year's method, replacing any saved before. */
export async function upsertMethod(trx: DbOrTrx, year: string, values: MethodValues): Promise<void> {
  await trx
    .insertInto('vulnerability_methods')
    .values({ academic_year: year, ...values })
    .onConflict((oc) => oc.column('academic_year').doUpdateSet(values))
    .execute();
}

/** Deletes the year's method, returning what it was (undefined when none was saved). */
export function deleteMethod(trx: DbOrTrx, year: string) {
  return trx
    .deleteFrom('vulnerability_methods')
    .where('academic_year', '=', year)
    .returning(['basis', 'normalisation', 'weights'])
    .executeTakeFirst();
}
