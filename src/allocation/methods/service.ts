// The vulnerability method chosen for each academic year (Havering SEMH Team proposal): the team manager or the
// analyst picks the basis (volume or rate), the scale and a weight for each factor. A year with
// no method saved uses DEFAULT_METHOD. Every change is audited in the same transaction.
import type { Db } from '../../db/connection.ts';
import { audit, type Actor } from '../../platform/audit/audit.ts';
import {
  DEFAULT_METHOD,
  checkMethod,
  methodProblems,
  type MethodProblem,
  type VulnerabilityMethod,
} from '../vulnerability/rules.ts';
import { tidyMethod } from './rules.ts';
import { deleteMethod, lockedMethodRow, savedMethodRow, upsertMethod } from './repository.ts';

export interface YearMethod {
  year: string;
  method: VulnerabilityMethod;
  /** True when no method is saved for the year, so DEFAULT_METHOD applies. */
  isDefault: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** The method saved for the year, or DEFAULT_METHOD when there is none. */
export async function methodFor(db: Db, year: string): Promise<YearMethod> {
  const row = await savedMethodRow(db, year);
  if (!row) return { year, method: DEFAULT_METHOD, isDefault: true, updatedAt: null, updatedBy: null };
  const method = { basis: row.basis, normalisation: row.normalisation, weights: row.weights } as VulnerabilityMethod;
  const problems = checkMethod(method);
  if (problems.length > 0)
    throw new Error(`The vulnerability method saved for ${year} cannot be used: ${problems.join('; ')}`);
  return { year, method, isDefault: false, updatedAt: row.updated_at, updatedBy: row.name };
}

export type SaveMethodResult = { ok: true; method: VulnerabilityMethod } | { ok: false; problems: MethodProblem[] };

/** Saves the year's method (checked first) and audits what it was before and after. */
export async function saveMethod(
  db: Db,
  actor: Actor,
  year: string,
  method: VulnerabilityMethod,
  now: Date,
): Promise<SaveMethodResult> {
  const problems = methodProblems(method);
  if (problems.length > 0) return { ok: false, problems };
  const after = tidyMethod(method);
  await db.transaction().execute(async (trx) => {
    const before = await lockedMethodRow(trx, year);
    const values = {
      basis: after.basis,
      normalisation: after.normalisation,
      weights: JSON.stringify(after.weights),
      updated_by: actor.userId,
      updated_at: now,
    };
    await upsertMethod(trx, year, values);
    await audit(trx, actor, {
      action: 'update',
      recordType: 'vulnerability-method',
      recordId: year,
      details: { year, before: before ?? { ...DEFAULT_METHOD, default: true }, after },
    });
  });
  return { ok: true, method: after };
}

/** Goes back to DEFAULT_METHOD for the year; false when the year already used it. */
export async function useDefaultMethod(db: Db, actor: Actor, year: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const before = await deleteMethod(trx, year);
    if (!before) return false;
    await audit(trx, actor, {
      action: 'delete',
      recordType: 'vulnerability-method',
      recordId: year,
      details: { year, before, after: { ...DEFAULT_METHOD, default: true } },
    });
    return true;
  });
}
