// A school's quota in the year's approved plan, with the cases allocated against it so far.
import type { Reader } from '../casework/repository.ts';

export interface Quota {
  total: number;
  used: number;
  remaining: number;
}

/** A school's line in the year's approved plan with its cases so far; undefined without one. */
export async function quotaIn(db: Reader, year: string, urn: number): Promise<Quota | undefined> {
  const plan = await db
    .selectFrom('allocation_plans')
    .select('rows')
    .where('academic_year', '=', year)
    .where('status', '=', 'approved')
    .executeTakeFirst();
  const row = (plan?.rows as { urn: number; total: number }[] | undefined)?.find((r) => r.urn === urn);
  if (!row) return undefined;
  const { count } = await db
    .selectFrom('cases')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('academic_year', '=', year)
    .where('school_urn', '=', urn)
    .executeTakeFirstOrThrow();
  const used = Number(count);
  return { total: row.total, used, remaining: Math.max(0, row.total - used) };
}
